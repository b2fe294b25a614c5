import Fluent
import Foundation
import NTMDomain
import SQLKit

/// Reads of residents' reports: by tracking code, a unit's subtree (through the closure table,
/// one statement whatever the size), and the counts district and province pages show.
enum ResidentReportQueries {
    struct Counts: Encodable, Equatable {
        var received = 0
        var inProgress = 0
        var overdue = 0
        var closed = 0
        var open: Int { received + inProgress }
    }

    static func find(trackingCode text: String, db: any Database) async throws -> ResidentReport? {
        guard let code = ResidentReportRules.normalizedTrackingCode(text) else { return nil }
        return try await ResidentReport.query(on: db).filter(\.$trackingCode == code).with(\.$unit).with(\.$village).with(\.$assignee).with(\.$photos).first()
    }

    /// `columns` of the reports (`r`) about `root` or any unit below it, through the closure table (`c`).
    private static func below(_ root: AdminUnit, columns: [String], sql: any SQLDatabase) throws -> SQLSelectBuilder {
        var select = sql.select()
        for column in columns { select = select.column(SQLColumn(column, table: "r")) }
        return select
            .from(SQLAlias(SQLIdentifier(ResidentReport.schema), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier(UnitTree.closureTable), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLColumn("descendant_id", table: "c"), .equal, SQLColumn("unit_id", table: "r"))
            .where(SQLColumn("ancestor_id", table: "c"), .equal, SQLBind(try root.requireID()))
    }

    /// Reports about `root` or any unit below it, newest first, at most `limit`.
    static func reports(under root: AdminUnit, status: ReportStatus? = nil, limit: Int = 500, db: any Database) async throws -> [ResidentReport] {
        guard let sql = db as? any SQLDatabase else { return [] }
        var select = try below(root, columns: ["id"], sql: sql)
        if let status { select = select.where(SQLColumn("status", table: "r"), .equal, SQLBind(status.rawValue)) }
        let ids = try await select.orderBy(SQLColumn("created_at", table: "r") as any SQLExpression, SQLDirection.descending).limit(limit).all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        return try await ResidentReport.query(on: db).filter(\.$id ~~ ids).with(\.$unit).with(\.$village).with(\.$assignee)
            .sort(\.$createdAt, .descending).all()
    }

    /// Counts by state under `root`, overdue judged at `now`: one statement.
    static func counts(under root: AdminUnit, now: Date, db: any Database) async throws -> Counts {
        guard let sql = db as? any SQLDatabase else { return Counts() }
        let rows = try await below(root, columns: ["status", "created_at", "answered_at"], sql: sql).all()
        var counts = Counts()
        for row in rows {
            guard let status = ReportStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            switch status {
            case .received: counts.received += 1
            case .inProgress: counts.inProgress += 1
            case .resolved, .rejected: counts.closed += 1
            }
            let received = try row.decode(column: "created_at", as: Date?.self) ?? now
            if ResidentReportRules.isOverdue(status: status, receivedAt: received, answeredAt: try row.decode(column: "answered_at", as: Date?.self), now: now) {
                counts.overdue += 1
            }
        }
        return counts
    }

    /// Resolved reports of a commune with their answers: what its public page shows.
    static func resolved(of unit: AdminUnit, limit: Int = 20, db: any Database) async throws -> [ResidentReport] {
        try await ResidentReport.query(on: db).filter(\.$unit.$id == unit.requireID()).filter(\.$status == .resolved)
            .with(\.$village).sort(\.$closedAt, .descending).limit(limit).all()
    }
}
