import Fluent
import FluentSQL
import Foundation
import NTMDomain
import SQLKit

/// Keeps the stored closure of the unit tree in step with the units, and reads through it:
/// a subtree or a chain of ancestors is one indexed query whatever the size of the tree.
enum UnitTree {
    static let closureTable = "admin_unit_closure"
    static let rootCode = "VN"
    /// Rows per INSERT: three binds each, well under SQLite's and PostgreSQL's bind limits.
    static let insertChunk = 1000

    /// The national root, created on first use.
    @discardableResult
    static func ensureRoot(db: any Database) async throws -> UUID {
        if let root = try await AdminUnit.query(on: db).filter(\.$level == .country).filter(\.$code == rootCode).first() {
            return try root.requireID()
        }
        let root = AdminUnit(code: rootCode, name: "Việt Nam", level: .country, officialType: "Quốc gia", parentID: nil,
                             provinceCode: "", window: DateWindow(), source: "ntm")
        try await root.create(on: db)
        try await link([root], db: db)
        return try root.requireID()
    }

    /// Adds closure entries for newly created units (their parents created earlier or among them).
    static func link(_ units: [AdminUnit], db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, !units.isEmpty else { return }
        let batch = units.compactMap { u in u.id.map { (id: $0, parent: u.$parent.id) } }
        let inBatch = Set(batch.map(\.id))
        let outside = Array(Set(batch.compactMap(\.parent)).subtracting(inBatch))
        var known: [UUID: [UUID]] = [:]
        for chunk in outside.chunked(by: 500) {
            let rows = try await sql.select().columns("ancestor_id", "descendant_id", "depth").from(closureTable)
                .where("descendant_id", .in, Array(chunk)).where("depth", .greaterThan, 0).all()
            var byUnit: [UUID: [(Int, UUID)]] = [:]
            for row in rows {
                byUnit[try row.decode(column: "descendant_id", as: UUID.self), default: []]
                    .append((try row.decode(column: "depth", as: Int.self), try row.decode(column: "ancestor_id", as: UUID.self)))
            }
            for id in chunk { known[id] = (byUnit[id] ?? []).sorted { $0.0 < $1.0 }.map(\.1) }
        }
        try await insert(UnitClosure.entries(units: batch, knownChains: known), sql: sql)
        try await ReadModelVersion.bump(db: db)
    }

    /// Recomputes the whole closure from the parent links (a migration on existing data, or a repair).
    static func rebuildClosure(db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.delete(from: closureTable).run()
        let rows = try await sql.select().columns("id", "parent_id").from(AdminUnit.schema).all()
        let units = try rows.map { (id: try $0.decode(column: "id", as: UUID.self), parent: try $0.decode(column: "parent_id", as: UUID?.self)) }
        try await insert(UnitClosure.entries(units: units), sql: sql)
        try await ReadModelVersion.bump(db: db)
    }

    private static func insert(_ entries: [UnitClosure.Entry<UUID>], sql: any SQLDatabase) async throws {
        for chunk in entries.chunked(by: insertChunk) {
            var insert = sql.insert(into: closureTable).columns("ancestor_id", "descendant_id", "depth")
            for entry in chunk { insert = insert.values(SQLBind(entry.ancestor), SQLBind(entry.descendant), SQLBind(entry.depth)) }
            try await insert.run()
        }
    }

    // MARK: Reads

    /// Units below `ancestor` (itself too when `includeSelf`) in force on `day`, at most `maxDepth` levels down.
    static func descendants(of ancestor: AdminUnit, on day: Day?, maxDepth: Int? = nil, includeSelf: Bool = false,
                            levels: [AdminLevel]? = nil, db: any Database) async throws -> [AdminUnit] {
        let sql = db as! any SQLDatabase
        var query = sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier(AdminUnit.schema)))
            .from(AdminUnit.schema)
            .join(closureTable, on: SQLColumn("descendant_id", table: closureTable), .equal, SQLColumn("id", table: AdminUnit.schema))
            .where(SQLColumn("ancestor_id", table: closureTable), .equal, SQLBind(try ancestor.requireID()))
            .where(SQLColumn("depth", table: closureTable), .greaterThanOrEqual, SQLBind(includeSelf ? 0 : 1))
        if let maxDepth { query = query.where(SQLColumn("depth", table: closureTable), .lessThanOrEqual, SQLBind(maxDepth)) }
        if let levels { query = query.where(SQLColumn("level", table: AdminUnit.schema), .in, SQLBind.group(levels.map(\.rawValue))) }
        if let day { query = inForce(query, table: AdminUnit.schema, on: day) }
        return try await query.all().map { try AdminUnit(row: $0) }
    }

    /// `SELECT table.*` for the rows of `table` that belong (by `unit_id`) to a unit below `ancestor`
    /// (or to it, with `includeSelf`): recognitions, plans, funding needs of a whole subtree in one query.
    static func rowsBelow(_ ancestor: AdminUnit, table: String, includeSelf: Bool = false, maxDepth: Int? = nil,
                          db: any Database) throws -> SQLSelectBuilder {
        rowsBelow(try ancestor.requireID(), table: table, includeSelf: includeSelf, maxDepth: maxDepth, db: db)
    }

    static func rowsBelow(_ ancestorID: UUID, table: String, includeSelf: Bool = false, maxDepth: Int? = nil,
                          db: any Database) -> SQLSelectBuilder {
        let sql = db as! any SQLDatabase
        var query = sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier(table)))
            .from(table)
            .join(closureTable, on: SQLColumn("descendant_id", table: closureTable), .equal, SQLColumn("unit_id", table: table))
            .where(SQLColumn("ancestor_id", table: closureTable), .equal, SQLBind(ancestorID))
            .where(SQLColumn("depth", table: closureTable), .greaterThanOrEqual, SQLBind(includeSelf ? 0 : 1))
        if let maxDepth { query = query.where(SQLColumn("depth", table: closureTable), .lessThanOrEqual, SQLBind(maxDepth)) }
        return query
    }

    /// The chain above `unit`, root first.
    static func ancestors(of unit: AdminUnit, db: any Database) async throws -> [AdminUnit] {
        let sql = db as! any SQLDatabase
        return try await sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier(AdminUnit.schema)))
            .from(AdminUnit.schema)
            .join(closureTable, on: SQLColumn("ancestor_id", table: closureTable), .equal, SQLColumn("id", table: AdminUnit.schema))
            .where(SQLColumn("descendant_id", table: closureTable), .equal, SQLBind(try unit.requireID()))
            .where(SQLColumn("depth", table: closureTable), .greaterThan, SQLBind(0))
            .orderBy(SQLColumn("depth", table: closureTable), SQLDirection.descending)
            .all().map { try AdminUnit(row: $0) }
    }

    /// Rows of `table` whose validity window (valid_from / valid_to, inclusive, open when NULL) holds `day`.
    static func inForce(_ query: SQLSelectBuilder, table: String, on day: Day) -> SQLSelectBuilder {
        query
            .where(SQLGroupExpression(SQLBinaryExpression(
                SQLBinaryExpression(SQLColumn("valid_from", table: table), .is, SQLLiteral.null), .or,
                SQLBinaryExpression(SQLColumn("valid_from", table: table), .lessThanOrEqual, SQLBind(day.iso)))))
            .where(SQLGroupExpression(SQLBinaryExpression(
                SQLBinaryExpression(SQLColumn("valid_to", table: table), .is, SQLLiteral.null), .or,
                SQLBinaryExpression(SQLColumn("valid_to", table: table), .greaterThanOrEqual, SQLBind(day.iso)))))
    }
}

extension Array {
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension QueryBuilder {
    /// Rows whose `unit_id` is `ancestor` or a unit below it, through the closure: one subquery
    /// instead of a list of every id in the subtree (which outgrows bind limits at national size).
    func filterUnit(under ancestor: AdminUnit, includeSelf: Bool = true) throws -> Self {
        filter(.sql(embed: """
            \(ident: Model.schema).\(ident: "unit_id") IN (SELECT \(ident: "descendant_id") FROM \(ident: UnitTree.closureTable) \
            WHERE \(ident: "ancestor_id") = \(bind: try ancestor.requireID()) AND \(ident: "depth") >= \(bind: includeSelf ? 0 : 1))
            """))
    }
}
