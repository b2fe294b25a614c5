import Fluent
import NTMDomain
import Vapor

/// A unit's place in the reforms: the units it came from and the units it became.
struct UnitLineageLinks: Sendable {
    struct Link: Sendable {
        var unit: AdminUnit
        var effective: Day
        var relation: UnitLineage.Relation
    }

    var predecessors: [Link] = []
    var successors: [Link] = []

    var isEmpty: Bool { predecessors.isEmpty && successors.isEmpty }
}

enum UnitLineageQueries {
    /// Both directions for one unit: two queries.
    static func links(of unit: AdminUnit, db: any Database) async throws -> UnitLineageLinks {
        let id = try unit.requireID()
        let before = try await UnitLineage.query(on: db).filter(\.$successor.$id == id).with(\.$predecessor).all()
        let after = try await UnitLineage.query(on: db).filter(\.$predecessor.$id == id).with(\.$successor).all()
        return UnitLineageLinks(predecessors: ordered(before.compactMap { row in link(row, row.predecessor) }),
                                successors: ordered(after.compactMap { row in link(row, row.successor) }))
    }

    /// Every unit `unit`'s history runs through: itself, its predecessors, theirs… (oldest reform last).
    static func ancestry(of unit: AdminUnit, db: any Database) async throws -> [(unit: AdminUnit, until: Day?)] {
        var found: [(unit: AdminUnit, until: Day?)] = [(unit, nil)]
        var seen: Set<UUID> = [try unit.requireID()]
        for row in try await incoming(to: [try unit.requireID()], db: db) where seen.insert(row.$predecessor.id).inserted {
            found.append((row.predecessor, Day(row.effective)?.adding(days: -1)))
        }
        return found
    }

    /// Every lineage row leading into `ids`, generation by generation (nearest reform first), each
    /// with its predecessor loaded; with `day`, only reforms in effect by then. Two statements per generation.
    static func incoming(to ids: [UUID], on day: Day? = nil, db: any Database) async throws -> [UnitLineage] {
        var found: [UnitLineage] = []
        var frontier = ids
        var seen = Set(ids)
        // Each reform adds one generation; a few generations at most.
        for _ in 0..<8 where !frontier.isEmpty {
            var query = UnitLineage.query(on: db).filter(\.$successor.$id ~~ frontier).with(\.$predecessor)
            if let day { query = query.filter(\.$effective <= day.iso) }
            let rows = try await query.all()
            found += rows
            frontier = rows.map(\.$predecessor.id).filter { seen.insert($0).inserted }
        }
        return found
    }

    /// A stored row as a link to `unit` (its predecessor or its successor, whichever the caller loaded).
    static func link(_ row: UnitLineage, _ unit: AdminUnit) -> UnitLineageLinks.Link? {
        Day(row.effective).map { UnitLineageLinks.Link(unit: unit, effective: $0, relation: row.relation) }
    }

    private static func ordered(_ links: [UnitLineageLinks.Link]) -> [UnitLineageLinks.Link] {
        let order = UnitQueries.sorted(links.map(\.unit)).compactMap(\.id)
        func rank(_ link: UnitLineageLinks.Link) -> Int { link.unit.id.flatMap { order.firstIndex(of: $0) } ?? 0 }
        return links.sorted { (rank($0), $0.effective) < (rank($1), $1.effective) }
    }

    /// What a 404 for a code on a day should name: for each version of the code, the units it
    /// became (if it ended before the day) or came from (if it began after).
    static func around(code: String, on day: Day, versions: [AdminUnit], db: any Database) async throws -> UnitLineageLinks {
        var result = UnitLineageLinks()
        for version in versions {
            let links = try await links(of: version, db: db)
            if let to = version.window.to, to < day { result.successors += links.successors }
            if let from = version.window.from, day < from {
                result.predecessors += links.predecessors
            }
        }
        return result
    }
}

/// `{code, name, effective, relation}` as the API names a lineage link.
struct LineageLinkDTO: Content, Equatable {
    var code: String
    var name: String
    var effective: String
    var relation: UnitLineage.Relation

    init(_ link: UnitLineageLinks.Link) {
        code = link.unit.code
        name = link.unit.name
        effective = link.effective.iso
        relation = link.relation
    }
}
