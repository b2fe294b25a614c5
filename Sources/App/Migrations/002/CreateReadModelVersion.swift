import Fluent
import Foundation
import SQLKit

/// One counter raised by every write that changes what the read model answers. Cached API
/// responses carry the version they were built at, so every instance sees a write at once.
struct CreateReadModelVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReadModelVersion.table)
            .field("id", .int, .required)
            .field("version", .int, .required)
            .field("token", .string, .required)
            .unique(on: "id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The token tells databases apart, so a cache shared by several never mixes their answers.
        try await sql.insert(into: ReadModelVersion.table).columns("id", "version", "token")
            .values(SQLBind(1), SQLBind(1), SQLBind(UUID().uuidString)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReadModelVersion.table).delete()
    }
}
