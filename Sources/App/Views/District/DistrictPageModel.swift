import NTMDomain
import Vapor

/// The district dashboard: commune × criterion matrix, totals and their change, who is at standard.
struct DistrictPageModel: Encodable {
    /// The write forms this viewer may open from the page.
    var formLinks: [FormLink] = []
    struct MatrixRow: Encodable {
        var name: String
        var url: String
        var score: String
        var levelCSS: String
        var cells: [StatusMark]
    }

    struct Column: Encodable {
        var number: Int
        var name: String
    }

    var layout: LayoutModel
    /// Residents' reports below the unit, for officers who handle them.
    var reports: ReportsPanel? = nil
    var deadlines: DeadlinesPanel? = nil
    /// The district's own assessment form (the 9 district criteria), for an officer who may record one.
    var assessmentURL: String? = nil
    var name: String
    var code: String
    var date: String
    var year: Int
    var dateText: String
    var totalMet: String
    var change: String?
    var previousDateText: String?
    var atStandardCount: Int
    var notAtStandardCount: Int
    var awaitingCount: Int
    var scoredCount: Int
    var setNames: String
    var unverified: Bool
    var columns: [Column]
    var rows: [MatrixRow]
    var notAtStandard: [ScoreRow]
    var atStandard: [ScoreRow]
    var withoutSet: [ScoreRow]
    var chart: String
    var legend: [StatusMark]

    init(request: Request, rollup: DistrictRollup, ancestors: [AdminUnit]) {
        let language = request.language
        let text = UIText(language)
        let day = rollup.day
        layout = LayoutModel(request: request, title: "\(rollup.unit.name) — \(DateFormat.format(day))",
                             crumbs: Crumbs.of(ancestors, day: day))
        name = rollup.unit.name
        code = rollup.unit.code
        date = day.iso
        year = day.year
        dateText = DateFormat.format(day)
        totalMet = NumberFormat.format(rollup.totalMet, language: language)
        change = rollup.change.map { ($0 > 0 ? "+" : ($0 < 0 ? "−" : "±")) + NumberFormat.format(abs($0), language: language) }
        previousDateText = rollup.previousDay.map(DateFormat.format)
        atStandardCount = rollup.atStandard.count
        notAtStandardCount = rollup.notAtStandard.count
        awaitingCount = rollup.awaitingRecognition.count
        scoredCount = rollup.scored.count
        let sets = rollup.scored.compactMap(\.set)
        setNames = Array(Set(sets.map { "\($0.name.text(language)) (\($0.code))" })).sorted().joined(separator: "; ")
        unverified = sets.contains { $0.hasUnverifiedParts }
        // Columns: the criteria of the set most communes are scored by.
        let mainSet = Dictionary(grouping: sets, by: \.code).max { $0.value.count < $1.value.count }?.value.first
        columns = mainSet?.criteria.map { Column(number: $0.number, name: $0.name.text(language)) } ?? []
        let numbers = columns.map(\.number)
        rows = rollup.scored.map { card in
            MatrixRow(name: TextFolding.nameWithoutType(card.unit.name), url: SiteURL.unit(card.unit.code, on: day),
                      score: "\(card.met)/\(card.total)", levelCSS: card.level.rawValue,
                      cells: numbers.map { StatusMark(card.summary?.status(of: $0) ?? .notAssessed, text: text) })
        }
        notAtStandard = rollup.notAtStandard.sorted { $0.met > $1.met }.map { ScoreRow($0, day: day, text: text, language: language) }
        atStandard = rollup.atStandard.map { ScoreRow($0, day: day, text: text, language: language) }
        withoutSet = rollup.children.filter { $0.set == nil }.map { ScoreRow($0, day: day, text: text, language: language) }
        chart = SVGChart.horizontalBars(rollup.scored.map { SVGChart.Bar(label: TextFolding.nameWithoutType($0.unit.name), value: $0.met, maximum: $0.total) },
                                        title: language == .vi ? "Số tiêu chí đạt theo xã" : "Criteria met per commune", language: language)
        legend = [Status.met, .notMet, .notAssessed, .notApplicable].map { StatusMark($0, text: text) }
    }
}
