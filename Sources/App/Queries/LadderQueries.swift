import Fluent
import SQLKit
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

    /// Read from the scorecard read model: two statements per grade, whatever the unit.
    static func ladder(for unit: AdminUnit, on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> [Rung] {
        var cards: [(CriteriaSetDefinition.Grade, CriteriaSet, UnitScorecard)] = []
        for grade in [CriteriaSetDefinition.Grade.standard, .advanced, .model] {
            guard let card = try await ScorecardQueries.stored([unit], scope: .units([try unit.requireID()]), on: day, catalog: catalog,
                                                               grade: grade, db: db).first, let set = card.set else { continue }
            cards.append((grade, set, card))
        }
        let rungs = Ladder.climb(cards.map { ($0.0, $0.1.definition.requires, $0.2.level) })
        return zip(cards, rungs).map { card, rung in
            Rung(grade: rung.grade, set: card.1.code, met: card.2.met, total: card.2.total, level: rung.level, blockedBy: rung.blockedBy)
        }
    }
}
