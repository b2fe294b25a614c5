import Fluent
import NTMDomain
import Vapor

/// A decision recognising a unit at a grade (NTM standard, advanced, model). Only a decision makes
/// a commune "đạt chuẩn"; 20/20 met without one is "chạm chuẩn", awaiting appraisal.
final class Recognition: Model, @unchecked Sendable {
    static let schema = "recognitions"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // reference
    @Parent(key: "unit_id") var unit: AdminUnit
    @Field(key: "grade") var grade: CriteriaSetDefinition.Grade

    // data
    @Field(key: "decision_number") var decisionNumber: String
    @Field(key: "decided_on") var decidedOn: String
    @OptionalField(key: "revoked_on") var revokedOn: String?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "source") var source: String?
    /// The year the result was achieved, when the decision came later (a 2021 result decided in January 2022).
    @OptionalField(key: "result_year") var resultYear: Int?
    /// How the decision came about; nil on rows recorded before the field existed (appraisals).
    @OptionalField(key: "basis") var basis: Basis?

    enum Basis: String, Codable, Sendable {
        /// Appraised against the criteria (the usual procedure).
        case appraisal
        /// A merged unit's standing re-acknowledged (thừa nhận) by the province.
        case acknowledgement
    }

    init() {}

    init(unitID: UUID, grade: CriteriaSetDefinition.Grade, decisionNumber: String, decidedOn: Day, note: String?, source: String?) {
        self.$unit.id = unitID
        self.grade = grade
        self.decisionNumber = TextFolding.normalized(decisionNumber)
        self.decidedOn = decidedOn.iso
        self.note = note
        self.source = source
    }

    /// The year reports count the result in: the year achieved, else the decision's year.
    var achievementYear: Int { resultYear ?? Int(decidedOn.prefix(4)) ?? 0 }

    func inForce(on day: Day) -> Bool {
        decidedOn <= day.iso && (revokedOn.map { day.iso < $0 } ?? true)
    }
}

struct CreateRecognitions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Recognition.schema)
            .id()
            .field("created_at", .datetime)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id"))
            .field("grade", .string, .required)
            .field("decision_number", .string, .required)
            .field("decided_on", .string, .required)
            .field("revoked_on", .string)
            .field("note", .string)
            .field("source", .string)
            .unique(on: "unit_id", "grade", "decided_on")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Recognition.schema).delete()
    }
}
