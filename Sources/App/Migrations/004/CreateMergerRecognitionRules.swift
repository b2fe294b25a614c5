import Fluent

/// The province's rule for what a merged unit inherits from its predecessors' recognitions,
/// from a day on (the rule applying to a merger is the latest one on or before its date).
struct CreateMergerRecognitionRules: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MergerRecognitionRuleRecord.schema)
            .id()
            .field("created_at", .datetime)
            .field("province_code", .string, .required)
            .field("valid_from", .string, .required)
            .field("rule", .string, .required)
            .field("decision", .string)
            .field("source", .string, .required)
            .unique(on: "province_code", "valid_from")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MergerRecognitionRuleRecord.schema).delete()
    }
}
