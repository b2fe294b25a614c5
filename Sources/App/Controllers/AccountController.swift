import Fluent
import NTMDomain
import Vapor

/// Sign-in and sign-out pages, personal tokens, and (for administrators) users and the audit log.
struct AccountController {
    static let failureWindow: TimeInterval = 15 * 60
    static let maxFailuresPerAccount = 5
    static let maxFailuresPerAddress = 20

    func register(pages: any RoutesBuilder, api: any RoutesBuilder, writes: any RoutesBuilder) {
        pages.get(SiteURL.login.pathComponents, use: loginPage)
        pages.post(SiteURL.login.pathComponents, use: login)
        pages.post(SiteURL.logout.pathComponents, use: logout)
        pages.get(SiteURL.audit.pathComponents, use: auditPage)
        pages.get(SiteURL.accounts.pathComponents, use: accountsPage)
        writes.post("users", use: createUser)
        writes.put("users", ":username", "password", use: setPassword)
        writes.put("users", ":username", "active", use: setActive)
        writes.post("tokens", use: createToken)
        writes.post("tokens", "revoke", use: revokeToken)
        writes.get("audit", use: auditLog)
    }

    struct LoginForm: Content {
        var username: String
        var password: String
        var next: String?
    }

    @Sendable func loginPage(req: Request) async throws -> View {
        try await req.view.render("login", LoginPageModel(request: req, error: nil))
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let username = User.normalizedUsername(form.username)
        let address = req.clientAddress ?? "unknown"
        let since = Date().addingTimeInterval(-Self.failureWindow)
        // Failures older than the window no longer count; drop them so the table stays small.
        try await LoginFailure.query(on: req.db).filter(\.$at < since).delete()
        let accountFailures = try await LoginFailure.query(on: req.db).filter(\.$username == username).filter(\.$at > since).count()
        let addressFailures = try await LoginFailure.query(on: req.db).filter(\.$address == address).filter(\.$at > since).count()
        if accountFailures >= Self.maxFailuresPerAccount || addressFailures >= Self.maxFailuresPerAddress {
            throw AppError(.tooManyRequests, vi: "Đăng nhập sai quá nhiều lần; thử lại sau 15 phút", en: "Too many failed sign-ins; try again in 15 minutes")
        }
        let user = try await User.query(on: req.db).filter(\.$username == username).first()
        // bcrypt at cost 12 takes a quarter second: verify off the event loop.
        var valid = false
        if let user { valid = try await req.password.async.verify(form.password, created: user.passwordHash) }
        guard let user, valid, user.isActive else {
            try await LoginFailure(username: username, address: address).create(on: req.db)
            let page = try await req.view.render("login", LoginPageModel(request: req, error: req.language == .vi ? "Sai tên đăng nhập hoặc mật khẩu" : "Wrong username or password"))
            let response = try await page.encodeResponse(for: req)
            response.status = .unauthorized
            return response
        }
        try await LoginFailure.query(on: req.db).filter(\.$username == username).delete()
        req.auth.login(user)
        req.session.authenticate(user)
        // A fresh CSRF token after sign-in so one planted before it is worthless.
        req.session.data[CSRFMiddleware.sessionKey] = nil
        _ = req.csrfToken()
        let next = form.next.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/"
        return req.redirect(to: next)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: "/")
    }

    @Sendable func createUser(req: Request) async throws -> Response {
        let input = try req.content.decode(NewUserDTO.self)
        let user = try await Self.createUser(input, req: req)
        return try await UserDTO(username: user.username, displayName: user.displayName, role: user.role, scope: input.scope,
                                 organisation: user.organisation, isActive: user.isActive).encodeResponse(status: .created, for: req)
    }

    static func createUser(_ input: NewUserDTO, req: Request) async throws -> User {
        try await req.authorize(.administer, on: nil)
        let hash = try await req.password.async.hash(input.password)
        return try await UserWriter.create(input, hasher: PrecomputedHash(hash: hash), actor: req.actor, db: req.db)
    }

    struct PasswordRequest: Content { var password: String }
    struct ActiveRequest: Content { var active: Bool }
    struct AccountResponse: Content { var username: String; var isActive: Bool }

    @Sendable func setPassword(req: Request) async throws -> AccountResponse {
        let input = try req.content.decode(PasswordRequest.self)
        return try await Self.setPassword(input, username: req.parameters.get("username")!, req: req)
    }

    static func setPassword(_ input: PasswordRequest, username: String, req: Request) async throws -> AccountResponse {
        try await req.authorize(.administer, on: nil)
        let hash = try await req.password.async.hash(input.password)
        let user = try await UserWriter.resetPassword(username: username, password: input.password, hasher: PrecomputedHash(hash: hash), actor: req.actor, db: req.db)
        return AccountResponse(username: user.username, isActive: user.isActive)
    }

    @Sendable func setActive(req: Request) async throws -> AccountResponse {
        let input = try req.content.decode(ActiveRequest.self)
        return try await Self.setActive(input, username: req.parameters.get("username")!, req: req)
    }

    static func setActive(_ input: ActiveRequest, username: String, req: Request) async throws -> AccountResponse {
        try await req.authorize(.administer, on: nil)
        let user = try await UserWriter.setActive(username: username, active: input.active, by: try req.requireUser(), actor: req.actor, db: req.db)
        return AccountResponse(username: user.username, isActive: user.isActive)
    }

    struct TokenRequest: Content { var name: String }
    struct TokenResponse: Content { var name: String; var token: String }
    struct RevokedResponse: Content { var revoked: Int }

    /// A personal token for the signed-in user, shown once.
    @Sendable func createToken(req: Request) async throws -> Response {
        let input = try req.content.decode(TokenRequest.self)
        return try await Self.createToken(input, req: req).encodeResponse(status: .created, for: req)
    }

    static func createToken(_ input: TokenRequest, req: Request) async throws -> TokenResponse {
        let user = try req.requireUser()
        let name = TextFolding.normalized(input.name)
        guard !name.isEmpty else {
            throw AppError(.unprocessableEntity, field: "name", vi: "Cần đặt tên cho mã (để sau này biết thu hồi mã nào)", en: "Name the token (to know later which one to revoke)")
        }
        let token = try await UserWriter.issueToken(for: user, name: name, actor: req.actor, db: req.db)
        return TokenResponse(name: name, token: token)
    }

    @Sendable func revokeToken(req: Request) async throws -> RevokedResponse {
        try await Self.revokeToken(try req.content.decode(TokenRequest.self), req: req)
    }

    static func revokeToken(_ input: TokenRequest, req: Request) async throws -> RevokedResponse {
        let user = try req.requireUser()
        let name = TextFolding.normalized(input.name)
        let revoked = try await UserWriter.revokeTokens(of: user, named: name, actor: req.actor, db: req.db)
        guard revoked > 0 else {
            throw AppError(.notFound, field: "name", vi: "Tài khoản không có mã truy cập nào tên \"\(name)\" còn hiệu lực", en: "The account has no active token named \"\(name)\"")
        }
        return RevokedResponse(revoked: revoked)
    }

    struct AuditEntry: Content {
        var at: Date
        var actor: String
        var action: String
        var entity: String
        var entityID: String
        var unitCode: String?
        var oldValue: String?
        var newValue: String?
        var address: String?
    }

    @Sendable func auditLog(req: Request) async throws -> [AuditEntry] {
        try await req.authorize(.administer, on: nil)
        return try await AuditQueries.search(req).map(AuditEntry.init)
    }

    /// Every account, with the forms that change one (administrators).
    @Sendable func accountsPage(req: Request) async throws -> View {
        try await req.authorize(.administer, on: nil)
        let users = try await User.query(on: req.db).with(\.$scopeUnit).sort(\.$username).all()
        return try await req.view.render("accounts", AccountsPageModel(request: req, users: users))
    }

    @Sendable func auditPage(req: Request) async throws -> View {
        try await req.authorize(.administer, on: nil)
        return try await req.view.render("audit", AuditPageModel(request: req, events: try await AuditQueries.search(req)))
    }
}

extension AccountController.AuditEntry {
    init(_ event: AuditEvent) {
        self.init(at: event.at, actor: event.actorName, action: event.action, entity: event.entity, entityID: event.entityID,
                  unitCode: event.unitCode, oldValue: event.oldValue, newValue: event.newValue, address: event.address)
    }
}

enum AuditQueries {
    /// Filters: unit, entity, actor, from/to (days); newest first, 500 at most.
    static func search(_ req: Request) async throws -> [AuditEvent] {
        var query = AuditEvent.query(on: req.db).sort(\.$at, .descending).limit(500)
        if let unit = try? req.query.get(String.self, at: "unit"), !unit.isEmpty { query = query.filter(\.$unitCode == unit) }
        if let entity = try? req.query.get(String.self, at: "entity"), !entity.isEmpty { query = query.filter(\.$entity == entity) }
        if let actor = try? req.query.get(String.self, at: "actor"), !actor.isEmpty { query = query.filter(\.$actorName == actor) }
        return try await query.all()
    }

    static func forUnit(_ code: String, db: any Database) async throws -> [AuditEvent] {
        try await AuditEvent.query(on: db).filter(\.$unitCode == code).sort(\.$at, .descending).limit(100).all()
    }
}
