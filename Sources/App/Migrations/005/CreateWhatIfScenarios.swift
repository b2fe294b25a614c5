import Fluent

/// Named what-if scenarios of a unit (issue 15).
struct CreateWhatIfScenarios: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WhatIfScenario.schema)
            .id()
            .field("created_at", .datetime)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("as_of", .string, .required)
            .field("target", .string, .required)
            .field("changes", .string, .required)
            .field("amount", .int64)
            .field("created_by", .string, .required)
            .create()
        try await database.createIndex(on: WhatIfScenario.schema, named: "what_if_scenarios_unit", columns: ["unit_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WhatIfScenario.schema).delete()
    }
}
