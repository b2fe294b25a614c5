import Fluent
import SQLKit

/// An account's scope covers its unit; the administrator may extend it to the units that unit
/// was formed from (so today's Kỳ Lạc officer may also see to the old Lâm Hợp's records).
struct AddUserScopeLineage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .field("scope_includes_predecessors", .bool, .required, .sql(.default(false)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("scope_includes_predecessors").update()
    }
}
