import Fluent
import NTMDomain
import Vapor

/// Whoever a change is attributed to in the audit trail: a user, or the CLI / demo loader.
struct AuditActor: Sendable {
    var userID: UUID?
    var name: String
    var address: String?

    static let cli = AuditActor(userID: nil, name: "cli", address: nil)
    static let demo = AuditActor(userID: nil, name: "demo", address: nil)
}

extension Request {
    var user: User? { auth.get(User.self) }

    /// The sender's address: the connection's, or behind a trusted reverse proxy the one it forwards.
    var clientAddress: String? { (application.config.trustProxy ? peerAddress : remoteAddress)?.ipAddress }

    var actor: AuditActor {
        AuditActor(userID: user?.id, name: user?.username ?? "anonymous", address: clientAddress)
    }

    func requireUser() throws -> User {
        guard let user, user.isActive else {
            throw AppError(.unauthorized, vi: "Cần đăng nhập hoặc gửi Authorization: Bearer <mã truy cập>",
                           en: "Sign in, or send Authorization: Bearer <token>")
        }
        return user
    }

    /// Whether the signed-in user may take `action` on `unit`: pages show a form only where saving it would pass.
    /// A page asking several such questions about one unit reads the scope once with `PageViewer`.
    func may(_ action: Action, on unit: AdminUnit) async throws -> Bool {
        try await PageViewer.of(unit, request: self)?.may(action) ?? false
    }

    /// The single check every write goes through: the caller's role may take `action` on `unit`
    /// (nil: no unit, e.g. a national criteria set — administrators only). 401 without a user, 403 otherwise.
    @discardableResult
    func authorize(_ action: Action, on unit: AdminUnit?) async throws -> User {
        let user = try requireUser()
        let inScope = try await AccessScope.contains(user: user, unit: unit, db: db)
        guard AccessPolicy.allows(user.role, action, inScope: inScope) else {
            // Same words whether the unit is outside the scope or the role lacks the right:
            // a denial must not reveal what lies outside what the user may see.
            throw AppError.forbidden(user)
        }
        return user
    }
}

extension AppError {
    /// Same words whether the unit is outside the scope or the role lacks the right.
    static func forbidden(_ user: User) -> AppError {
        AppError(.forbidden, vi: "Tài khoản \(user.username) không có quyền thực hiện thao tác này", en: "Account \(user.username) may not do this")
    }
}

/// Who is looking at a unit's page and whether the unit lies in their scope, read once for the page:
/// each "may they…?" the page then asks (its forms, its panels) is a lookup, not another scope query.
struct PageViewer {
    let user: User
    let inScope: Bool

    /// Nil for a visitor or a deactivated account.
    static func of(_ unit: AdminUnit?, request: Request) async throws -> PageViewer? {
        guard let user = request.user, user.isActive else { return nil }
        return PageViewer(user: user, inScope: try await AccessScope.contains(user: user, unit: unit, db: request.db))
    }

    func may(_ action: Action) -> Bool { AccessPolicy.allows(user.role, action, inScope: inScope) }
}

enum AccessScope {
    /// True when the user's scope unit is `unit` or one of its ancestors (a scope covers the subtree).
    /// A scope binds to a unit, not a code: 18838 was Lâm Hợp until 30/06/2025 and is the merged Kỳ
    /// Lạc since, and an officer of the one is not an officer of the other — unless an administrator
    /// extended the scope to the units it was formed from.
    static func contains(user: User, unit: AdminUnit?, db: any Database) async throws -> Bool {
        guard let unit else { return false }
        return try await contains(user: user, chain: try await chain(of: unit, db: db), db: db)
    }

    /// The unit and its ancestors: what a scope must be one of to cover the unit.
    static func chain(of unit: AdminUnit, db: any Database) async throws -> Set<UUID> {
        Set((try await UnitQueries.ancestors(of: unit, db: db) + [unit]).compactMap(\.id))
    }

    /// `contains` for many users of one unit: the chain read once, a query only for scopes extended to predecessors.
    static func contains(user: User, chain: Set<UUID>, db: any Database) async throws -> Bool {
        guard let scopeID = user.$scopeUnit.id else { return false }
        if chain.contains(scopeID) { return true }
        guard user.scopeIncludesPredecessors, let scope = try await AdminUnit.find(scopeID, on: db) else { return false }
        let formedFrom = try await UnitLineageQueries.ancestry(of: scope, db: db).compactMap(\.unit.id)
        return formedFrom.contains { chain.contains($0) }
    }
}
