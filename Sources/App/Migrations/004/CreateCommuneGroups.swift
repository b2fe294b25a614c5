import Fluent

/// A commune's group (QĐ 51/2025: 1, 2 or 3) over a dated window: it selects the thresholds of
/// sets whose indicators are keyed by group, and a province re-groups communes by decision.
struct CreateCommuneGroups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CommuneGroupAssignment.schema)
            .id()
            .field("created_at", .datetime)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id", onDelete: .cascade))
            .field("group_code", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("decision", .string)
            .field("source", .string, .required)
            .unique(on: "unit_id", "valid_from")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CommuneGroupAssignment.schema).delete()
    }
}
