import Fluent
import NTMDomain
import SQLKit
import Vapor

/// A district (or province) on a day: each child's scorecard, the total of criteria met,
/// and the same total at the previous assessment date, so the change can be shown.
struct DistrictRollup {
    let unit: AdminUnit
    let day: Day
    let children: [UnitScorecard]
    let previousDay: Day?
    let previousTotalMet: Int?

    var totalMet: Int { children.reduce(0) { $0 + $1.met } }
    var scored: [UnitScorecard] { children.filter { $0.set != nil } }
    /// Recognised by a decision ("đạt chuẩn").
    var atStandard: [UnitScorecard] { scored.filter { $0.level == .recognised } }
    /// Not recognised: those with every criterion met (awaiting appraisal) and those still building.
    var notAtStandard: [UnitScorecard] { scored.filter { $0.level != .recognised } }
    var awaitingRecognition: [UnitScorecard] { scored.filter { $0.level == .reachedStandard } }
    var change: Int? { previousTotalMet.map { totalMet - $0 } }

    /// A unit's direct children on a day, read from the scorecard read model: a constant number of
    /// statements however many children there are.
    static func load(_ unit: AdminUnit, on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> DistrictRollup {
        let children = try await UnitQueries.children(of: unit, on: day, db: db).filter { $0.level != .village }
        let unitID = try unit.requireID()
        let current = try await ScorecardQueries.stored(children, scope: .below(unitID, maxDepth: 1), on: day, catalog: catalog, db: db)
        let previousDay = try await previousAssessmentDay(below: unit, before: current.compactMap(\.assessedOn).max(), db: db)
        var previousTotal: Int?
        if let previousDay {
            let previousChildren = try await UnitQueries.children(of: unit, on: previousDay, db: db).filter { $0.level != .village }
            previousTotal = try await ScorecardQueries.stored(previousChildren, scope: .below(unitID, maxDepth: 1), on: previousDay,
                                                              catalog: catalog, db: db).reduce(0) { $0 + $1.met }
        }
        return DistrictRollup(unit: unit, day: day, children: current, previousDay: previousDay, previousTotalMet: previousTotal)
    }

    /// Roll-ups of every child of `unit` over the communes, towns and wards below it (a province's
    /// districts, the country's provinces), from one read of the subtree three levels down.
    static func loadChildren(of unit: AdminUnit, on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> [DistrictRollup] {
        let communeLevels: [AdminLevel] = [.commune, .town, .ward]
        let below = try await UnitTree.descendants(of: unit, on: day, maxDepth: 3, levels: [.province, .district] + communeLevels, db: db)
        let byID = Dictionary(below.compactMap { u in u.id.map { ($0, u) } }, uniquingKeysWith: { a, _ in a })
        let communes = below.filter { communeLevels.contains($0.level) }
        let cards = try await ScorecardQueries.stored(communes, scope: .below(try unit.requireID(), maxDepth: 3), on: day, catalog: catalog, db: db)
        // Each commune counts for the child of `unit` it lies under.
        func childOf(_ u: AdminUnit) -> UUID? {
            var current = u
            while let parentID = current.$parent.id {
                if parentID == unit.id { return current.id }
                guard let parent = byID[parentID] else { return nil }
                current = parent
            }
            return nil
        }
        let grouped = Dictionary(grouping: cards) { childOf($0.unit) }
        let children = UnitQueries.sorted(below.filter { $0.$parent.id == unit.id && !communeLevels.contains($0.level) })
        return children.map { child in
            // Only counted here; pages that list communes read them through `load`, sorted.
            let own = grouped[child.id] ?? []
            return DistrictRollup(unit: child, day: day, children: own, previousDay: nil, previousTotalMet: nil)
        }
    }

    /// The latest date, strictly before the newest assessment in view, on which any child was assessed.
    private static func previousAssessmentDay(below unit: AdminUnit, before latest: Day?, db: any Database) async throws -> Day? {
        guard let latest, let sql = db as? any SQLDatabase else { return nil }
        let row = try await sql.select().column(SQLFunction("MAX", args: SQLColumn("as_of", table: Assessment.schema)), as: "previous")
            .from(Assessment.schema)
            .join(UnitTree.closureTable, on: SQLColumn("descendant_id", table: UnitTree.closureTable), .equal, SQLColumn("unit_id", table: Assessment.schema))
            .where(SQLColumn("ancestor_id", table: UnitTree.closureTable), .equal, SQLBind(try unit.requireID()))
            .where(SQLColumn("depth", table: UnitTree.closureTable), .equal, SQLBind(1))
            .where(SQLColumn("as_of", table: Assessment.schema), .lessThan, SQLBind(latest.iso))
            .first()
        return try row?.decode(column: "previous", as: String?.self).flatMap(Day.init)
    }
}
