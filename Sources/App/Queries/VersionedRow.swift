import Fluent
import Foundation
import SQLKit

/// Optimistic concurrency in one statement: `UPDATE … SET version = version + 1 WHERE id = ? AND
/// version = ?`. Two saves from the same version cannot both pass, whatever the timing; the loser
/// gets a 409 naming who changed the record, never a silent overwrite.
enum VersionedRow {
    /// True when the row was at `version` and now is at `version + 1` (inside the caller's transaction).
    static func claim(_ table: String, id: UUID, version: Int, db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let rows = try await sql.update(table)
            .set(SQLIdentifier("version"), to: SQLBinaryExpression(left: SQLIdentifier("version"), op: SQLBinaryOperator.add, right: SQLLiteral.numeric("1")))
            .where(SQLIdentifier("id"), .equal, SQLBind(id))
            .where(SQLIdentifier("version"), .equal, SQLBind(version))
            .returning(SQLIdentifier("id"))
            .all()
        return rows.count == 1
    }
}
