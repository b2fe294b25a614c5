import NTMDomain
import Vapor

/// One unit's line in a list: name, link, "16/20", level, the unmet criteria.
struct ScoreRow: Encodable {
    var code: String
    var name: String
    var url: String
    var score: String
    var met: Int
    var total: Int
    var levelCSS: String
    var levelWord: String
    var unmet: String
    var hasSet: Bool
    var assessedOn: String

    init(_ card: UnitScorecard, day: Day, text: UIText, language: Language) {
        code = card.unit.code
        name = card.unit.name
        url = SiteURL.unit(card.unit.code, on: day)
        met = card.met
        total = card.total
        hasSet = card.set != nil
        score = hasSet ? "\(card.met)/\(card.total)" : "—"
        levelCSS = card.level.rawValue
        levelWord = hasSet ? text.levelWord(card.level) : text.noSet
        let unmetNames = card.unmetCriteria.map { "\($0.name.text(language)) (\($0.number))" }
        unmet = card.level == .reachedStandard ? text.awaiting : unmetNames.joined(separator: "; ")
        assessedOn = card.assessedOn.map(DateFormat.format) ?? ""
    }
}

struct UnitLink: Encodable {
    var name: String
    var url: String
    var detail: String
}
