import Fluent

/// Real outlines of provinces (or districts) for the map (issue 14): one per unit, replaced on reload.
struct CreateUnitBoundaries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UnitBoundary.schema)
            .id()
            .field("created_at", .datetime)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id", onDelete: .cascade))
            .field("rings", .string, .required)
            .field("point_count", .int, .required)
            .field("source", .string)
            .field("loaded_by", .string, .required)
            .unique(on: "unit_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnitBoundary.schema).delete()
    }
}
