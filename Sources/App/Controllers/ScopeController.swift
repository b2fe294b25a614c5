import Fluent
import NTMDomain
import Vapor

struct ScopeChangeDTO: Content {
    /// Code of the new scope unit.
    var scope: String
    /// The day the code is looked up on (default today).
    var scopeDate: String?
    /// Also cover the units the scope unit was formed from.
    var includePredecessors: Bool?
}

struct EndedScopesDTO: Content {
    struct Item: Content {
        struct Scope: Content {
            var code: String
            var name: String
            var validTo: String
        }

        var username: String
        var displayName: String
        var role: Role
        var scope: Scope
        /// The units the scope unit became: where to move the account.
        var successors: [LineageLinkDTO]
    }

    var items: [Item]
}

/// Accounts across reforms: an account's scope is a unit, and units end. Administrators see the
/// accounts whose unit has ended with the units it became, and move or extend their scopes.
struct ScopeController {
    func register(pages: any RoutesBuilder, writes: any RoutesBuilder) {
        writes.get("users", "ended-scopes", use: endedScopes)
        writes.put("users", ":username", "scope", use: changeScope)
        pages.get(SiteURL.scopes.pathComponents, use: page)
        pages.post(SiteURL.accountScope(":username").pathComponents, use: changeFromPage)
    }

    @Sendable func endedScopes(req: Request) async throws -> EndedScopesDTO {
        try await req.authorize(.administer, on: nil)
        return EndedScopesDTO(items: try await Self.ended(db: req.db))
    }

    @Sendable func changeScope(req: Request) async throws -> UserDTO {
        try await req.authorize(.administer, on: nil)
        let input = try req.content.decode(ScopeChangeDTO.self)
        return try await Self.change(username: req.parameters.get("username") ?? "", input, actor: req.actor, db: req.db)
    }

    @Sendable func page(req: Request) async throws -> View {
        try await req.authorize(.administer, on: nil)
        return try await req.view.render("scopes", ScopesPageModel(request: req, items: try await Self.ended(db: req.db),
                                                                  saved: try? req.query.get(String.self, at: "saved")))
    }

    @Sendable func changeFromPage(req: Request) async throws -> Response {
        try await req.authorize(.administer, on: nil)
        let input = try req.content.decode(ScopeChangeDTO.self)
        let username = req.parameters.get("username") ?? ""
        _ = try await Self.change(username: username, input, actor: req.actor, db: req.db)
        return req.redirect(to: SiteURL.scopes.link([("saved", username)]))
    }

    /// Active accounts whose scope unit has ended by today: two queries for any number of accounts.
    static func ended(db: any Database) async throws -> [EndedScopesDTO.Item] {
        let today = Day.today
        let users = try await User.query(on: db).filter(\.$isActive == true).filter(\.$scopeUnit.$id != nil).with(\.$scopeUnit).all()
        let ended = users.filter { user in user.scopeUnit.flatMap { $0.window.to.map { $0 < today } } ?? false }
        let ids = ended.compactMap { $0.scopeUnit?.id }
        let links = ids.isEmpty ? [] : try await UnitLineage.query(on: db).filter(\.$predecessor.$id ~~ ids).with(\.$successor).all()
        return ended.compactMap { user in
            guard let unit = user.scopeUnit, let to = unit.validTo else { return nil }
            let successors = links.filter { $0.$predecessor.id == unit.id }
                .compactMap { UnitLineageQueries.link($0, $0.successor).map(LineageLinkDTO.init) }
            return .init(username: user.username, displayName: user.displayName, role: user.role,
                         scope: .init(code: unit.code, name: unit.name, validTo: to), successors: successors)
        }.sorted { $0.username < $1.username }
    }

    static func change(username: String, _ input: ScopeChangeDTO, actor: AuditActor, db: any Database) async throws -> UserDTO {
        guard let user = try await User.query(on: db).filter(\.$username == User.normalizedUsername(username)).first() else {
            throw AppError.notFound("tài khoản", username, en: "account")
        }
        let day = try input.scopeDate.flatMap { $0.isEmpty ? nil : try Day.parse($0, field: "scopeDate") } ?? .today
        let unit = try await UnitQueries.require(code: input.scope, on: day, db: db)
        let old = try await user.$scopeUnit.get(on: db)
        user.$scopeUnit.id = try unit.requireID()
        user.scopeIncludesPredecessors = input.includePredecessors ?? false
        let dto = UserDTO(username: user.username, displayName: user.displayName, role: user.role, scope: unit.code,
                          organisation: user.organisation, isActive: user.isActive)
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await Audit.record(tx, actor, action: "update", entity: "user-scope", id: user.username, unitCode: unit.code,
                                   old: ["scope": old?.code ?? "", "validTo": old?.validTo ?? ""],
                                   new: ["scope": unit.code, "name": unit.name, "includePredecessors": user.scopeIncludesPredecessors ? "yes" : "no"])
        }
        return dto
    }
}

struct ScopesPageModel: Encodable {
    struct Row: Encodable {
        var username: String
        var displayName: String
        var scope: String
        var ended: String
        var moves: [Move]
        var formURL: String
    }

    struct Move: Encodable {
        var code: String
        var date: String
        var label: String
    }

    var layout: LayoutModel
    var rows: [Row]
    var saved: String?
    var words: Words

    struct Words: Encodable {
        var heading: String
        var intro: String
        var none: String
        var account: String
        var scope: String
        var ended: String
        var moveTo: String
        var includePredecessors: String
        var savedPrefix: String
    }

    init(request: Request, items: [EndedScopesDTO.Item], saved: String?) {
        let vi = request.language == .vi
        layout = LayoutModel(request: request, title: vi ? "Tài khoản có đơn vị đã giải thể" : "Accounts whose unit has ended", withForms: true)
        self.saved = saved
        rows = items.map { item in
            Row(username: item.username, displayName: item.displayName, scope: "\(item.scope.name) (\(item.scope.code))",
                ended: DateFormat.format(stored: item.scope.validTo),
                moves: item.successors.map { link in
                    Move(code: link.code, date: link.effective,
                         label: "\(link.name) (\(link.code)) — " + (vi ? "từ " : "from ") + DateFormat.format(stored: link.effective))
                },
                formURL: SiteURL.accountScope(item.username).path)
        }
        words = Words(heading: vi ? "Tài khoản có đơn vị phụ trách đã kết thúc" : "Accounts whose scope unit has ended",
                      intro: vi ? "Sau sắp xếp đơn vị hành chính, các tài khoản này vẫn gắn với đơn vị cũ. Chuyển mỗi tài khoản sang đơn vị kế thừa; có thể cho phép xem cả các đơn vị cũ đã hợp thành."
                                : "After the reorganisation these accounts still point at their old unit. Move each to a successor; optionally let the scope cover the units it was formed from.",
                      none: vi ? "Không có tài khoản nào." : "No such accounts.",
                      account: vi ? "Tài khoản" : "Account", scope: vi ? "Đơn vị phụ trách" : "Scope unit",
                      ended: vi ? "Kết thúc" : "Ended", moveTo: vi ? "Chuyển sang" : "Move to",
                      includePredecessors: vi ? "Gồm cả các đơn vị cũ" : "Also the units it was formed from",
                      savedPrefix: vi ? "Đã chuyển tài khoản" : "Moved account")
    }
}
