import Fluent
import NTMDomain
import Vapor

/// What was recorded for a unit against a criteria set on one day. A later day is a new
/// assessment; history is never overwritten.
final class Assessment: Model, @unchecked Sendable {
    static let schema = "assessments"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Raised on every correction; a save with an older version is refused (optimistic concurrency).
    @Field(key: "version") var version: Int
    @OptionalField(key: "updated_by") var updatedBy: String?

    // reference
    @Parent(key: "unit_id") var unit: AdminUnit
    @Field(key: "set_code") var setCode: String
    @Field(key: "as_of") var asOf: String

    // data
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "source") var source: String?
    @Children(for: \.$assessment) var values: [AssessmentValue]
    @Children(for: \.$assessment) var declarations: [AssessmentDeclaration]

    init() {}

    init(unitID: UUID, setCode: String, asOf: Day, note: String?, source: String?) {
        self.$unit.id = unitID
        self.setCode = setCode
        self.asOf = asOf.iso
        self.note = note
        self.source = source
        self.version = 1
    }
}

final class AssessmentValue: Model, @unchecked Sendable {
    static let schema = "assessment_values"

    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: Assessment
    @Field(key: "indicator_code") var indicatorCode: String
    @OptionalField(key: "number_value") var numberValue: Double?
    @OptionalField(key: "flag_value") var flagValue: Bool?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "evidence") var evidence: String?

    init() {}

    init(assessmentID: UUID, indicatorCode: String, value: IndicatorValue, note: String?, evidence: String?) {
        self.$assessment.id = assessmentID
        self.indicatorCode = indicatorCode
        self.numberValue = value.number
        self.flagValue = value.flag
        self.note = note
        self.evidence = evidence
    }

    var value: IndicatorValue? {
        if let numberValue { return .number(numberValue) }
        if let flagValue { return .yes(flagValue) }
        return nil
    }
}

final class AssessmentDeclaration: Model, @unchecked Sendable {
    static let schema = "assessment_declarations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: Assessment
    @Field(key: "criterion_number") var criterionNumber: Int
    @Field(key: "met") var met: Bool
    @OptionalField(key: "note") var note: String?
    /// False when the criterion was declared not applicable; nil on rows from before the column.
    @OptionalField(key: "applicable") var applicable: Bool?

    var isApplicable: Bool { applicable ?? true }
    var declaration: Declaration { isApplicable ? Declaration(met: met, note: note) : .notApplicable(note: note) }

    init() {}

    init(assessmentID: UUID, criterionNumber: Int, declaration: Declaration) {
        self.$assessment.id = assessmentID
        self.criterionNumber = criterionNumber
        self.met = declaration.applicable && declaration.met
        self.applicable = declaration.applicable ? nil : false
        self.note = declaration.note
    }
}
