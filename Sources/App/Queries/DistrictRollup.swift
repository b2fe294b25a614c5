import Fluent
import NTMDomain
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

    static func load(_ unit: AdminUnit, on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> DistrictRollup {
        let children = try await UnitQueries.children(of: unit, on: day, db: db).filter { $0.level != .village }
        let current = try await scorecards(children, on: day, catalog: catalog, db: db)
        let previousDay = try await previousAssessmentDay(of: children, before: current.compactMap { $0.assessment.flatMap { Day($0.asOf) } }.max(), db: db)
        var previousTotal: Int?
        if let previousDay {
            let previousChildren = try await UnitQueries.children(of: unit, on: previousDay, db: db).filter { $0.level != .village }
            previousTotal = try await scorecards(previousChildren, on: previousDay, catalog: catalog, db: db).reduce(0) { $0 + $1.met }
        }
        return DistrictRollup(unit: unit, day: day, children: current, previousDay: previousDay, previousTotalMet: previousTotal)
    }

    private static func scorecards(_ units: [AdminUnit], on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> [UnitScorecard] {
        try await ScorecardQueries.scorecards(for: units, set: { unit in
            catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day)
        }, on: day, db: db)
    }

    /// The latest date, strictly before the newest assessment in view, on which any child was assessed.
    private static func previousAssessmentDay(of units: [AdminUnit], before latest: Day?, db: any Database) async throws -> Day? {
        guard let latest else { return nil }
        let earlier = try await Assessment.query(on: db)
            .filter(\.$unit.$id ~~ units.compactMap(\.id))
            .filter(\.$asOf < latest.iso)
            .sort(\.$asOf, .descending)
            .first()
        return earlier.flatMap { Day($0.asOf) }
    }
}
