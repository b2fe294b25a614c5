import Fluent

/// Which units a unit came from and became: one row per predecessor → successor transfer of a
/// reform (the 2025 mergers, the two-tier reform), with whether all of the old unit went there.
struct CreateUnitLineage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UnitLineage.schema)
            .id()
            .field("predecessor_id", .uuid, .required, .references(AdminUnit.schema, "id", onDelete: .cascade))
            .field("successor_id", .uuid, .required, .references(AdminUnit.schema, "id", onDelete: .cascade))
            .field("effective", .string, .required)
            .field("relation", .string, .required)
            .field("source", .string, .required)
            .unique(on: "predecessor_id", "successor_id")
            .create()
        try await database.createIndex(on: UnitLineage.schema, named: "unit_lineage_successor", columns: ["successor_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnitLineage.schema).delete()
    }
}
