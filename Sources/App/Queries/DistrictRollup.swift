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

    /// Criteria met summed over the communes (xã), as the districts' reports count them ("381 tiêu
    /// chí"); towns and wards are scored against other sets (18 civilised-town criteria) and are
    /// listed with their own count, not added in.
    var totalMet: Int { Self.criteriaTotal(children) }

    static func criteriaTotal(_ cards: [UnitScorecard]) -> Int {
        cards.filter { $0.unit.level == .commune }.reduce(0) { $0 + $1.met }
    }
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
            previousTotal = criteriaTotal(try await ScorecardQueries.stored(previousChildren, scope: .below(unitID, maxDepth: 1), on: previousDay,
                                                                            catalog: catalog, db: db))
        }
        return DistrictRollup(unit: unit, day: day, children: current, previousDay: previousDay, previousTotalMet: previousTotal)
    }

    /// For every child of `unit` (a province's districts, the country's provinces), its communes,
    /// towns and wards counted from the read model: one query returns a short row per commune
    /// (no unit models), and the counting is done by `RollupCounts`.
    static func loadChildren(of unit: AdminUnit, on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> [(unit: AdminUnit, counts: RollupCounts)] {
        let children = UnitQueries.sorted(try await UnitQueries.children(of: unit, on: day, db: db)
            .filter { ![.commune, .town, .ward, .village].contains($0.level) })
        guard !children.isEmpty, let sql = db as? any SQLDatabase else { return [] }
        // The sets in force for communes, towns and wards of every province below.
        var setFor: [String: String] = [:]
        // Below the country its children are the provinces; below a province, that province.
        let provinces = unit.level == .country ? children.map(\.provinceCode) : [unit.provinceCode]
        for level in [AdminLevel.commune, .town, .ward] {
            for province in provinces {
                if let set = catalog.inForce(level: level, provinceCode: province, on: day) { setFor["\(level.rawValue)|\(province)"] = set.code }
            }
        }
        let codes = Array(Set(setFor.values))
        // Below the country every commune's province code names its child; deeper, the closure does.
        let byProvince = unit.level == .country
        let childColumn: SQLQueryString = byProvince ? "u.province_code" : "top.descendant_id"
        let scope: SQLQueryString = byProvince
            ? "FROM \(ident: AdminUnit.schema) u WHERE u.province_code <> ''"
            : """
              FROM \(ident: UnitTree.closureTable) top JOIN \(ident: UnitTree.closureTable) sub ON sub.ancestor_id = top.descendant_id \
              JOIN \(ident: AdminUnit.schema) u ON u.id = sub.descendant_id WHERE top.ancestor_id = \(bind: try unit.requireID()) AND top.depth = 1
              """
        let query: SQLQueryString = """
            SELECT u.child_key AS child_key, u.id AS unit_id, u.level AS unit_level, u.province_code AS province_code, \
            s.set_code AS set_code, s.met AS met, s.level AS score_level, \
            (SELECT COUNT(*) FROM \(ident: Recognition.schema) r WHERE r.unit_id = u.id AND r.grade = \(bind: CriteriaSetDefinition.Grade.standard.rawValue) \
             AND r.decided_on <= \(bind: day.iso) AND (r.revoked_on IS NULL OR r.revoked_on > \(bind: day.iso))) AS recognitions \
            FROM (SELECT u.*, \(childColumn) AS child_key \(scope)) u \
            LEFT JOIN \(ident: ScorecardStore.table) s ON s.unit_id = u.id AND s.set_code IN (\(binds: codes.isEmpty ? [""] : codes)) \
             AND s.valid_from = (SELECT MAX(x.valid_from) FROM \(ident: ScorecardStore.table) x WHERE x.unit_id = s.unit_id AND x.set_code = s.set_code AND x.valid_from <= \(bind: day.iso)) \
            WHERE u.level IN ('commune', 'town', 'ward') \
            AND (u.valid_from IS NULL OR u.valid_from <= \(bind: day.iso)) AND (u.valid_to IS NULL OR u.valid_to >= \(bind: day.iso))
            """
        let childID: [String: UUID] = Dictionary(children.compactMap { c in c.id.map { (byProvince ? c.provinceCode : $0.uuidString, $0) } },
                                                 uniquingKeysWith: { a, _ in a })
        // One line per commune and stored set; the set in force for the commune decides which counts.
        struct Commune { var child: UUID; var isCommune: Bool; var inForce: String?; var met = 0; var level: ScorecardLevel?; var recognised = false }
        var communes: [UUID: Commune] = [:]
        for row in try await sql.raw(query).all() {
            let id = try row.decode(column: "unit_id", as: UUID.self)
            if communes[id] == nil {
                let key = "\(try row.decode(column: "unit_level", as: String.self))|\(try row.decode(column: "province_code", as: String.self))"
                let childKey = byProvince ? try row.decode(column: "child_key", as: String.self)
                                          : try row.decode(column: "child_key", as: UUID.self).uuidString
                guard let child = childID[childKey] else { continue }
                communes[id] = Commune(child: child, isCommune: key.hasPrefix("\(AdminLevel.commune.rawValue)|"), inForce: setFor[key],
                                       recognised: try row.decode(column: "recognitions", as: Int.self) > 0)
            }
            guard let set = try row.decode(column: "set_code", as: String?.self), set == communes[id]?.inForce else { continue }
            communes[id]?.met = try row.decode(column: "met", as: Int.self)
            communes[id]?.level = ScorecardLevel(rawValue: try row.decode(column: "score_level", as: String.self))
        }
        var counts: [UUID: RollupCounts] = [:]
        for commune in communes.values where commune.inForce != nil {
            counts[commune.child, default: RollupCounts()].add(met: commune.met, level: commune.level, recognised: commune.recognised,
                                                             inCriteriaTotal: commune.isCommune)
        }
        return children.map { ($0, $0.id.flatMap { counts[$0] } ?? RollupCounts()) }
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
