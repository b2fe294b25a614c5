import Fluent
import NTMDomain
import Vapor

struct NewUserDTO: Content {
    var username: String
    var displayName: String
    var role: Role
    /// Code of the unit whose subtree the role covers (not needed for administrators).
    var scope: String?
    /// The day the scope code is looked up on (default today): codes are reused across reforms.
    var scopeDate: String?
    /// The scope also covers the units the scope unit was formed from.
    var scopeIncludesPredecessors: Bool?
    var organisation: String?
    var password: String

    init(username: String, displayName: String, role: Role, scope: String?, scopeDate: String? = nil, scopeIncludesPredecessors: Bool? = nil,
         organisation: String?, password: String) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.scope = scope
        self.scopeDate = scopeDate
        self.scopeIncludesPredecessors = scopeIncludesPredecessors
        self.organisation = organisation
        self.password = password
    }
}

struct UserDTO: Content {
    var username: String
    var displayName: String
    var role: Role
    var scope: String?
    var organisation: String?
    var isActive: Bool
}

/// Accounts and their personal tokens. Passwords are stored as bcrypt hashes only.
enum UserWriter {
    static let minimumPasswordLength = 10

    static func create(_ input: NewUserDTO, hasher: any Vapor.PasswordHasher, actor: AuditActor, db: any Database) async throws -> User {
        var problems: [InputProblem] = []
        let username = User.normalizedUsername(input.username)
        if username.count < 3 || username.contains(where: { $0.isWhitespace }) {
            problems.append(InputProblem(field: "username", vi: "Tên đăng nhập cần ít nhất 3 ký tự, không có khoảng trắng", en: "The username needs 3+ characters and no spaces"))
        }
        if input.password.count < minimumPasswordLength {
            problems.append(InputProblem(field: "password", vi: "Mật khẩu cần ít nhất \(minimumPasswordLength) ký tự", en: "The password needs at least \(minimumPasswordLength) characters"))
        }
        var scopeUnit: AdminUnit?
        let scopeDay = input.scopeDate.flatMap(Day.init)
        if let text = input.scopeDate, scopeDay == nil {
            problems.append(InputProblem(field: "scopeDate", vi: "Ngày không hợp lệ: \"\(text)\" (dùng YYYY-MM-DD)", en: "Not a valid date: \"\(text)\" (use YYYY-MM-DD)"))
        } else if let scope = input.scope, !scope.isEmpty {
            scopeUnit = try await UnitQueries.find(code: scope, on: scopeDay, db: db)
            if scopeUnit == nil { problems.append(InputProblem(field: "scope", vi: "Không có đơn vị mã \(scope)", en: "No unit with code \(scope)")) }
        } else if input.role != .admin {
            problems.append(InputProblem(field: "scope", vi: "Vai trò này cần đơn vị phụ trách", en: "This role needs a scope unit"))
        }
        if input.role == .sponsor && (input.organisation ?? "").isEmpty {
            problems.append(InputProblem(field: "organisation", vi: "Tài khoản đơn vị đỡ đầu cần tên tổ chức", en: "A sponsor account needs its organisation"))
        }
        if try await User.query(on: db).filter(\.$username == username).count() > 0 {
            problems.append(InputProblem(field: "username", vi: "Tên đăng nhập \(username) đã có", en: "Username \(username) is taken"))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        let scopeCode = scopeUnit?.code
        let user = User(username: username, displayName: input.displayName, passwordHash: try hasher.hash(input.password),
                        role: input.role, scopeUnitID: try scopeUnit?.requireID(), organisation: input.organisation)
        user.scopeIncludesPredecessors = input.scopeIncludesPredecessors ?? false
        try await db.transaction { tx in
            try await user.create(on: tx)
            try await Audit.record(tx, actor, action: "create", entity: "user", id: username, unitCode: scopeCode,
                                   new: UserDTO(username: username, displayName: user.displayName, role: user.role, scope: scopeCode,
                                                organisation: user.organisation, isActive: true))
        }
        return user
    }

    @discardableResult
    static func resetPassword(username: String, password: String, hasher: any Vapor.PasswordHasher, actor: AuditActor, db: any Database) async throws -> User {
        guard let user = try await User.query(on: db).filter(\.$username == User.normalizedUsername(username)).first() else {
            throw AppError(.notFound, field: "username", vi: "Không có tài khoản \(username)", en: "No account \(username)")
        }
        guard password.count >= minimumPasswordLength else {
            throw AppError(.unprocessableEntity, field: "password", vi: "Mật khẩu cần ít nhất \(minimumPasswordLength) ký tự", en: "The password needs at least \(minimumPasswordLength) characters")
        }
        user.passwordHash = try hasher.hash(password)
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await Audit.record(tx, actor, action: "reset-password", entity: "user", id: user.username, unitCode: nil)
        }
        return user
    }

    /// A deactivated account cannot sign in, and its tokens stop working; nothing it wrote is touched.
    /// An administrator cannot deactivate their own account (nobody might be left to undo it).
    static func setActive(username: String, active: Bool, by administrator: User, actor: AuditActor, db: any Database) async throws -> User {
        guard let user = try await User.query(on: db).filter(\.$username == User.normalizedUsername(username)).first() else {
            throw AppError(.notFound, field: "username", vi: "Không có tài khoản \(username)", en: "No account \(username)")
        }
        if !active && user.id == administrator.id {
            throw AppError(.unprocessableEntity, field: "active", vi: "Không tự khóa tài khoản của chính mình được", en: "You cannot deactivate your own account")
        }
        guard user.isActive != active else { return user }
        user.isActive = active
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await Audit.record(tx, actor, action: active ? "activate" : "deactivate", entity: "user", id: user.username, unitCode: nil)
        }
        return user
    }

    /// A new personal token, returned once in clear; only its hash is kept.
    static func issueToken(for user: User, name: String, actor: AuditActor, db: any Database) async throws -> String {
        let token = ApiToken.generate()
        try await db.transaction { tx in
            try await ApiToken(userID: try user.requireID(), name: name, token: token).create(on: tx)
            try await Audit.record(tx, actor, action: "create", entity: "api-token", id: "\(user.username)/\(name)", unitCode: nil)
        }
        return token
    }

    static func revokeTokens(of user: User, named name: String, actor: AuditActor, db: any Database) async throws -> Int {
        let tokens = try await ApiToken.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$name == name).filter(\.$revokedAt == nil).all()
        try await db.transaction { tx in
            for token in tokens {
                token.revokedAt = Date()
                try await token.save(on: tx)
            }
            try await Audit.record(tx, actor, action: "revoke", entity: "api-token", id: "\(user.username)/\(name)", unitCode: nil)
        }
        return tokens.count
    }
}

/// A hasher that returns a hash computed beforehand, off the event loop (`req.password.async`),
/// so the writer's checks and the insert stay in one place for the CLI and the API.
struct PrecomputedHash: Vapor.PasswordHasher {
    let hash: String

    func hash<Password: DataProtocol>(_ password: Password) throws -> [UInt8] { Array(hash.utf8) }

    func verify<Password: DataProtocol, Digest: DataProtocol>(_ password: Password, created digest: Digest) throws -> Bool { false }
}
