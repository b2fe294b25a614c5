import Fluent
import Foundation
import NTMDomain

/// A commune in a group (QĐ 51/2025: "1", "2", "3") from `validFrom` until `validTo` (inclusive).
final class CommuneGroupAssignment: Model, @unchecked Sendable {
    static let schema = "commune_groups"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "unit_id") var unit: AdminUnit
    @Field(key: "group_code") var groupCode: String
    @Field(key: "valid_from") var validFrom: String
    @OptionalField(key: "valid_to") var validTo: String?
    @OptionalField(key: "decision") var decision: String?
    @Field(key: "source") var source: String

    init() {}

    init(unitID: UUID, groupCode: String, validFrom: Day, decision: String?, source: String) {
        self.$unit.id = unitID
        self.groupCode = groupCode
        self.validFrom = validFrom.iso
        self.decision = decision
        self.source = source
    }

    func inForce(on day: Day) -> Bool {
        validFrom <= day.iso && (validTo.map { day.iso <= $0 } ?? true)
    }
}

/// The province's rule for merged units' recognitions, from `validFrom` on.
final class MergerRecognitionRuleRecord: Model, @unchecked Sendable {
    static let schema = "merger_recognition_rules"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "valid_from") var validFrom: String
    @Field(key: "rule") var rule: MergerRecognitionRule
    @OptionalField(key: "decision") var decision: String?
    @Field(key: "source") var source: String

    init() {}

    init(provinceCode: String, validFrom: Day, rule: MergerRecognitionRule, decision: String?, source: String) {
        self.provinceCode = provinceCode
        self.validFrom = validFrom.iso
        self.rule = rule
        self.decision = decision
        self.source = source
    }
}
