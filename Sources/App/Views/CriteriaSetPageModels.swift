import NTMDomain
import Vapor

struct CriteriaSetsPageModel: Encodable {
    /// The write forms this viewer may open from the page.
    var formLinks: [FormLink] = []
    struct Row: Encodable {
        var code: String
        var name: String
        var url: String
        var level: String
        var effective: String
        var decision: String
        var count: Int
        var verified: Bool
    }

    var layout: LayoutModel
    var sets: [Row]

    init(request: Request, catalog: CriteriaCatalog) {
        let language = request.language
        layout = LayoutModel(request: request, title: UIText(language).criteriaSets)
        sets = catalog.definitions.compactMap { try? catalog.resolve(code: $0.code) }
            .sorted { ($0.effective.from?.iso ?? "", $0.code) < ($1.effective.from?.iso ?? "", $1.code) }
            .map { set in
                Row(code: set.code, name: set.name.text(language), url: SiteURL.criteriaSet(set.code).path,
                    level: LevelNames.name(set.level, language), effective: Self.window(set.effective),
                    decision: set.definition.decision ?? "", count: set.criteria.count, verified: !set.hasUnverifiedParts)
            }
    }

    static func window(_ window: DateWindow) -> String {
        "\(window.from.map(DateFormat.format) ?? "…") – \(window.to.map(DateFormat.format) ?? "…")"
    }
}

struct CriteriaSetPageModel: Encodable {
    /// The write forms this viewer may open from the page.
    var formLinks: [FormLink] = []
    struct CriterionRow: Encodable {
        var number: Int
        var name: String
        var group: String
        var indicators: [IndicatorRow]
    }

    struct IndicatorRow: Encodable {
        var code: String
        var name: String
        var rule: String
        var verified: Bool
    }

    var layout: LayoutModel
    var code: String
    var name: String
    var effective: String
    var decision: String
    var lineage: String
    var notes: String
    var verified: Bool
    var criteria: [CriterionRow]

    init(request: Request, set: CriteriaSet) {
        let language = request.language
        layout = LayoutModel(request: request, title: set.name.text(language),
                             crumbs: [.init(name: UIText(language).criteriaSets, url: SiteURL.criteriaSets.path)])
        code = set.code
        name = set.name.text(language)
        effective = CriteriaSetsPageModel.window(set.effective)
        decision = set.definition.decision ?? ""
        lineage = set.lineage.joined(separator: " → ")
        notes = set.definition.notes ?? ""
        verified = set.definition.verified
        criteria = set.criteria.map { criterion in
            CriterionRow(number: criterion.number, name: criterion.name.text(language),
                         group: set.group(code: criterion.group)?.name.text(language) ?? "",
                         indicators: criterion.indicators.map { indicator in
                             IndicatorRow(code: indicator.code, name: indicator.name.text(language),
                                          rule: Self.rule(indicator, language: language), verified: indicator.verified)
                         })
        }
    }

    /// "≥ 80 % (Trung du miền núi phía Bắc: ≥ 70 %)".
    static func rule(_ indicator: Indicator, language: Language) -> String {
        let sign = [.atLeast, .percentAtLeast].contains(indicator.kind) ? "≥" : "≤"
        let unit = indicator.unit.map { $0 == "%" ? "%" : " \($0)" } ?? ""
        guard indicator.kind != .yesNo else { return language == .vi ? "Đạt" : "Yes" }
        guard !indicator.thresholds.isEmpty else { return language == .vi ? "Ngưỡng do tỉnh quy định (chưa nhập)" : "Threshold set by the province (not entered)" }
        return indicator.thresholds.map { t in
            let group = t.group.map { (language == .vi ? "xã nhóm " : "group ") + $0 }
            let scope = [group, t.region, t.year.map(String.init)].compactMap { $0 }.joined(separator: ", ")
            let rule = "\(sign) \(NumberFormat.format(t.value, decimals: 2, language: language))\(unit)"
            return scope.isEmpty ? rule : "\(scope): \(rule)"
        }.joined(separator: "; ")
    }
}
