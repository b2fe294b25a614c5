import Fluent
import NTMDomain
import Vapor

/// Reads of the unit tree. Every read is "as of a day": codes are reused across reforms.
enum UnitQueries {
    /// The version of `code` in force on `day`; without a day, the one in force today or else the latest.
    static func find(code: String, on day: Day?, db: any Database) async throws -> AdminUnit? {
        let versions = try await AdminUnit.query(on: db).filter(\.$code == code).all()
        return pick(versions, on: day)
    }

    static func pick(_ versions: [AdminUnit], on day: Day?) -> AdminUnit? {
        if let day { return versions.first { $0.window.contains(day) } }
        if let current = versions.first(where: { $0.window.contains(.today) }) { return current }
        return versions.max { ($0.validTo ?? "9999") < ($1.validTo ?? "9999") }
    }

    /// The version of `code` in force on `day`, or a 404 that says when the code existed and names
    /// the units it became or came from (never an empty answer for a unit that was merged away).
    static func require(code: String, on day: Day?, db: any Database) async throws -> AdminUnit {
        let versions = try await AdminUnit.query(on: db).filter(\.$code == code).all()
        if let unit = pick(versions, on: day) { return unit }
        guard let day, !versions.isEmpty else { throw AppError.notFound("đơn vị hành chính", code, en: "administrative unit") }
        let around = try await UnitLineageQueries.around(code: code, on: day, versions: versions, db: db)
        let versionsInOrder = versions.sorted { ($0.validFrom ?? "") < ($1.validFrom ?? "") }
        // One sentence, in either language's words.
        func sentence(_ missing: String, _ was: String, _ from: String, _ until: String, _ became: String, _ formedFrom: String) -> String {
            let periods = versionsInOrder.map { unit in
                let bounds = [unit.window.from.map { "\(from) \(DateFormat.format($0))" }, unit.window.to.map { "\(until) \(DateFormat.format($0))" }]
                return "\(unit.name) (\(bounds.compactMap { $0 }.joined(separator: " ")))"
            }
            var text = "\(missing) \(DateFormat.format(day)): \(was) \(periods.joined(separator: "; "))"
            if !around.successors.isEmpty {
                text += ". \(became): " + around.successors.map { "\($0.unit.name) (\($0.unit.code), \(from) \(DateFormat.format($0.effective)))" }.joined(separator: ", ")
            }
            if !around.predecessors.isEmpty {
                text += ". \(formedFrom): " + around.predecessors.map { "\($0.unit.name) (\($0.unit.code))" }.joined(separator: ", ")
            }
            return text
        }
        var error = AppError(.notFound, field: "date",
                             vi: sentence("Đơn vị mã \(code) không tồn tại vào ngày", "mã này là", "từ", "đến", "Đã trở thành", "Hình thành từ"),
                             en: sentence("Unit \(code) did not exist on", "the code was", "from", "until", "It became", "Formed from"))
        error.successors = around.successors.map(LineageLinkDTO.init)
        error.predecessors = around.predecessors.map(LineageLinkDTO.init)
        let earlier = versions.compactMap(\.window.to).filter { $0 < day }.max()
        if let near = earlier ?? versions.compactMap(\.window.from).filter({ day < $0 }).min() { error.existedOn = (code, near) }
        throw error
    }

    /// Children in force on `day`, ordered by level then Vietnamese name.
    static func children(of unit: AdminUnit, on day: Day, db: any Database) async throws -> [AdminUnit] {
        sorted(try await UnitTree.descendants(of: unit, on: day, maxDepth: 1, db: db))
    }

    /// `unit` and every unit below it in force on `day` (a district's communes and their villages): one query.
    static func subtree(_ unit: AdminUnit, on day: Day, db: any Database) async throws -> [AdminUnit] {
        [unit] + sorted(try await UnitTree.descendants(of: unit, on: day, db: db))
    }

    /// Units that are scored against a commune-type set: communes, towns, wards.
    static let scoredLevels: Set<AdminLevel> = [.commune, .town, .ward]

    /// The communes, towns and wards of `root` on `day` in list order (`root` itself when it is
    /// one), and the read-model scope that holds their scorecards. One query.
    static func scored(_ root: AdminUnit, on day: Day, db: any Database) async throws -> (units: [AdminUnit], scope: ScorecardStore.Scope) {
        let rootID = try root.requireID()
        if scoredLevels.contains(root.level) { return ([root], .units([rootID])) }
        let units = sorted(try await UnitTree.descendants(of: root, on: day, db: db).filter { scoredLevels.contains($0.level) })
        return (units, .below(rootID, maxDepth: 4))
    }

    static func provinces(on day: Day, db: any Database) async throws -> [AdminUnit] {
        let all = try await AdminUnit.query(on: db).filter(\.$level == .province).all()
        return sorted(all.filter { $0.window.contains(day) })
    }

    /// Root first: country › province › district › commune. One query.
    static func ancestors(of unit: AdminUnit, db: any Database) async throws -> [AdminUnit] {
        try await UnitTree.ancestors(of: unit, db: db)
    }

    /// Diacritic- and case-insensitive search on the folded name; "huong khe" finds "Hương Khê".
    /// Names that equal the query (without their type word) rank first, then higher levels.
    static func search(_ text: String, on day: Day?, level: AdminLevel?, limit: Int, db: any Database) async throws -> [AdminUnit] {
        let key = TextFolding.searchKey(text)
        guard !key.isEmpty else { return [] }
        var query = AdminUnit.query(on: db).filter(\.$searchKey, .custom("LIKE"), "%\(escapeLike(key))%")
        if let level { query = query.filter(\.$level == level) }
        let found = try await query.limit(2000).all()
        let inForce = day.map { day in found.filter { $0.window.contains(day) } } ?? found
        return Array(inForce.sorted { lhs, rhs in
            let l = (TextFolding.searchKey(TextFolding.nameWithoutType(lhs.name)) == key ? 0 : 1, lhs.level.depth, lhs.validTo == nil ? 0 : 1)
            let r = (TextFolding.searchKey(TextFolding.nameWithoutType(rhs.name)) == key ? 0 : 1, rhs.level.depth, rhs.validTo == nil ? 0 : 1)
            if l != r { return l < r }
            return VietnameseOrder.precedes(lhs.name, rhs.name)
        }.prefix(limit))
    }

    /// Higher levels first, towns before communes, then Vietnamese alphabetical order of the name
    /// without its type word. Each unit's key is folded once: folding inside the comparison made
    /// sorting the country's 10,000 communes take seconds.
    static func sorted(_ units: [AdminUnit]) -> [AdminUnit] {
        units.map { (key: SortKey($0), unit: $0) }.sorted { $0.key < $1.key }.map(\.unit)
    }

    struct SortKey: Comparable {
        let depth: Int
        let townFirst: Int
        let folded: String
        let name: String

        init(_ unit: AdminUnit) {
            depth = unit.level.depth
            townFirst = unit.level == .town ? 0 : 1
            name = TextFolding.nameWithoutType(unit.name)
            folded = TextFolding.searchKey(name)
        }

        static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            (lhs.depth, lhs.townFirst, lhs.folded, lhs.name) < (rhs.depth, rhs.townFirst, rhs.folded, rhs.name)
        }
    }

    private static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
    }
}

/// Vietnamese alphabetical order (a ă â b c d đ e ê …): compare the folded key, then the original.
enum VietnameseOrder {
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let l = TextFolding.searchKey(lhs), r = TextFolding.searchKey(rhs)
        return l != r ? l < r : lhs < rhs
    }
}
