import Fluent
import NTMDomain
import Vapor

/// The recognition ladder of a unit on a day: for each grade with a set in force, its own level,
/// and whether the grade below it is held (advanced needs the standard; model needs advanced).
enum LadderQueries {
    struct Rung: Content {
        var grade: CriteriaSetDefinition.Grade
        var set: String
        var met: Int
        var total: Int
        var level: ScorecardLevel
        var blockedBy: CriteriaSetDefinition.Grade?
    }

    static func ladder(for unit: AdminUnit, on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> [Rung] {
        var cards: [(CriteriaSetDefinition.Grade, CriteriaSet, UnitScorecard)] = []
        for grade in [CriteriaSetDefinition.Grade.standard, .advanced, .model] {
            guard let set = catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day, grade: grade) else { continue }
            let card = try await ScorecardQueries.scorecards(for: [unit], set: { _ in set }, on: day, db: db)[0]
            cards.append((grade, set, card))
        }
        let rungs = Ladder.climb(cards.map { ($0.0, $0.1.definition.requires, $0.2.level) })
        return zip(cards, rungs).map { card, rung in
            Rung(grade: rung.grade, set: card.1.code, met: card.2.met, total: card.2.total, level: rung.level, blockedBy: rung.blockedBy)
        }
    }
}
