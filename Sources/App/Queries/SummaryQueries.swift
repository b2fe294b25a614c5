import Fluent
import NTMDomain
import Vapor

/// A district's year in figures, all computed from stored records: targets met, its own criteria,
/// its towns, communes at standard and advanced, OCOP products, household models.
struct DistrictSummary {
    let unit: AdminUnit
    let year: Int
    let day: Day
    let targets: [SocioTarget]
    let targetTrend: [(year: Int, met: Int, total: Int)]
    let nextYearTargets: [SocioTarget]
    let own: UnitScorecard
    let towns: [UnitScorecard]
    let communesRecognised: Int
    let communes: Int
    let advanced: Int
    let newlyRecognised: Int
    /// Communes whose NTM decision was signed in the year, whatever year the result was achieved
    /// (reports count either way: by achievement, like the programme's targets, or by decision).
    let newlyDecided: Int
    let newlyAdvanced: Int
    let ocop: [OcopProduct]
    let householdModels: [HouseholdModelCount]

    var ocopCurrent: [OcopProduct] { ocop.filter { $0.certifiedOn <= day.iso && $0.expiresOn >= day.iso } }
    var ocopNew: [OcopProduct] { ocop.filter { $0.certifiedOn.hasPrefix("\(year)-") } }
    var newThreeStar: Int { ocopNew.filter { $0.stars == 3 }.count }
    /// Certificates ending within six months after the day: re-rating is due.
    var ocopExpiring: [OcopProduct] { ocopCurrent.filter { $0.expiresOn <= day.adding(days: 183).iso } }
    var models: Int { householdModels.filter { $0.year == year }.reduce(0) { $0 + $1.count } }
    var newModels: Int { householdModels.filter { $0.year == year }.reduce(0) { $0 + $1.newCount } }

    static func load(_ unit: AdminUnit, year: Int, db: any Database) async throws -> DistrictSummary {
        let day = Day(year: year, month: 12, day: 31)!
        let catalog = try await CriteriaQueries.catalog(db: db)
        let all = try await SocioTargetRecord.query(on: db).filter(\.$unit.$id == unit.requireID()).sort(\.$code).all()
        // Years with only plans so far have nothing to count yet.
        let trend = Dictionary(grouping: all, by: \.year).filter { $0.value.contains { $0.actual != nil } }
            .map { (year: $0.key, met: $0.value.map(\.target).metCount, total: $0.value.count) }.sorted { $0.year < $1.year }
        let own = try await ScorecardQueries.scorecard(for: unit, setCode: nil, on: day, catalog: catalog, db: db)
        let below = try await UnitQueries.subtree(unit, on: day, db: db).dropFirst()
        let towns = try await ScorecardQueries.scorecards(for: below.filter { $0.level == .town }, set: { catalog.inForce(level: $0.level, provinceCode: $0.provinceCode, on: day) },
                                                          on: day, db: db)
        let communes = below.filter { $0.level == .commune }
        let communeIDs = Set(communes.compactMap(\.id))
        // A year's results count by the year they were achieved: the 2021 results were decided in
        // January 2022 and belong to 2021's summary (the decision's date stays on each record).
        let allRecognitions = try await Recognition.query(on: db).filterUnit(under: unit, includeSelf: false).all()
        let decided = Set(allRecognitions.filter { $0.grade == .standard && $0.decidedOn.hasPrefix("\(year)-") && $0.basis != .acknowledgement
            && communeIDs.contains($0.$unit.id) }.map(\.$unit.id)).count
        let recognitions = allRecognitions
            .filter { $0.achievementYear <= year && ($0.revokedOn.map { day.iso < $0 } ?? true) && communeIDs.contains($0.$unit.id) }
        // Merged communes count where their predecessors' recognitions carry over (the province's rule);
        // a re-acknowledgement (thừa nhận) is not a new result of the year.
        let inherited = try await MergerStandingQueries.standings(for: communes, grade: .standard, on: day, db: db)
            .filter { $0.value.standing == .inherited }.map(\.key)
        func count(_ grade: CriteriaSetDefinition.Grade, newOnly: Bool) -> Int {
            let own = recognitions.filter { $0.grade == grade && (!newOnly || ($0.achievementYear == year && $0.basis != .acknowledgement)) }
            return Set(own.map(\.$unit.id) + (grade == .standard && !newOnly ? inherited : [])).count
        }
        // The unit's own records count too: a commune's summary shows its own products and models.
        let ids = Set(([unit] + below).compactMap(\.id))
        return DistrictSummary(
            unit: unit, year: year, day: day,
            targets: all.filter { $0.year == year }.map(\.target), targetTrend: trend, nextYearTargets: all.filter { $0.year == year + 1 }.map(\.target),
            own: own, towns: towns, communesRecognised: count(.standard, newOnly: false), communes: communes.count,
            advanced: count(.advanced, newOnly: false), newlyRecognised: count(.standard, newOnly: true), newlyDecided: decided, newlyAdvanced: count(.advanced, newOnly: true),
            ocop: try await OcopProduct.query(on: db).filterUnit(under: unit).sort(\.$certifiedOn).all().filter { ids.contains($0.$unit.id) },
            householdModels: try await HouseholdModelCount.query(on: db).filterUnit(under: unit).all().filter { ids.contains($0.$unit.id) })
    }
}
