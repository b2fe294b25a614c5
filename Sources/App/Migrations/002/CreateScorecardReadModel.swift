import Fluent

/// Evaluated scorecards, one row per unit, set and day on which an input changed. Written in the
/// same transaction as the input; read by lists, roll-ups and maps instead of re-evaluating.
/// Existing databases are filled from their records here.
struct CreateScorecardReadModel: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ScorecardStore.table)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id", onDelete: .cascade))
            .field("set_code", .string, .required)
            .field("valid_from", .string, .required)
            .field("assessed_on", .string)
            .field("met", .int, .required)
            .field("total", .int, .required)
            .field("unmet", .string, .required)
            .field("not_assessed", .string, .required)
            .field("not_applicable", .string, .required)
            .field("level", .string, .required)
            .unique(on: "unit_id", "set_code", "valid_from")
            .create()
        try await ScorecardStore.rebuild(unitIDs: nil, db: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ScorecardStore.table).delete()
    }
}
