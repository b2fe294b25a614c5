import NTMDomain
import Vapor

/// The funding page: totals, a table and a stacked bar (identified vs gap) per criterion group,
/// and the drill-down to units and work items. Amounts in tỷ đồng, Vietnamese format.
struct FundingPageModel: Encodable {
    /// The write forms this viewer may open from the page.
    var formLinks: [FormLink] = []
    struct Row: Encodable {
        var name: String
        var url: String?
        var need: String
        var identified: String
        var unidentified: String
    }

    var layout: LayoutModel
    var title: String
    var dateText: String
    var date: String
    var total: Row
    var groups: [Row]
    var units: [Row]
    var items: [Row]
    var chart: String
    var csvURL: String
    var xlsxURL: String
    var empty: Bool

    init(request: Request, report: FundingReport, ancestors: [AdminUnit]) {
        let language = request.language
        let vi = language == .vi
        func money(_ v: Dong) -> String { MoneyFormat.billions(v, language: language) }
        func row(_ name: String, _ t: FundingTotals, url: String? = nil) -> Row {
            Row(name: name, url: url, need: money(t.need), identified: money(t.identified), unidentified: money(t.unidentified))
        }
        title = (vi ? "Nhu cầu vốn — " : "Funding — ") + report.unit.name
        layout = LayoutModel(request: request, title: title, crumbs: Crumbs.of(ancestors + [report.unit], day: report.day))
        dateText = DateFormat.format(report.day)
        date = report.day.iso
        total = row(vi ? "Tổng cộng" : "Total", report.total)
        groups = report.byGroup.map { row(report.groupName($0.key, language), $0.totals) }
        units = report.byUnit.map { row(report.units[$0.key]?.name ?? $0.key, $0.totals, url: SiteURL.unit($0.key, "funding", on: report.day)) }
            .sorted { VietnameseOrder.precedes($0.name, $1.name) }
        items = report.workItems.map { item in
            var t = FundingTotals()
            t.need = item.line.need
            t.identified = item.line.identifiedTotal
            return row("\(report.units[item.unit]?.name ?? item.unit) · TC \(item.criterion) · \(item.item)", t)
        }
        chart = FundingChart.stackedBars(report.byGroup.map { (report.groupName($0.key, language), $0.totals) },
                                         title: vi ? "Vốn đã xác định và còn thiếu theo nhóm tiêu chí (tỷ đồng)" : "Identified and missing funding by criterion group (bn đồng)",
                                         legend: vi ? ("Đã xác định", "Chưa xác định") : ("Identified", "Unidentified"), language: language)
        csvURL = "/api/v1/units/\(report.unit.code)/funding.csv?date=\(report.day.iso)"
        xlsxURL = "/api/v1/units/\(report.unit.code)/funding.xlsx?date=\(report.day.iso)"
        empty = report.lines.isEmpty
    }
}

enum FundingChart {
    /// One horizontal bar per group, its length the need, split into identified and unidentified.
    static func stackedBars(_ rows: [(String, FundingTotals)], title: String, legend: (String, String), language: Language) -> String {
        let labelWidth = 230, barWidth = 420, rowHeight = 26, top = 44
        let maximum = max(1, rows.map { $0.1.need }.max() ?? 1)
        let height = top + rows.count * rowHeight + 10
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(labelWidth + barWidth + 90) \(height)\" role=\"img\" aria-label=\"\(SVGChart.escape(title))\">"
        svg += "<title>\(SVGChart.escape(title))</title><text x=\"0\" y=\"16\" class=\"chart-title\">\(SVGChart.escape(title))</text>"
        svg += "<rect x=\"\(labelWidth)\" y=\"24\" width=\"12\" height=\"10\" class=\"bar-full\"/><text x=\"\(labelWidth + 16)\" y=\"33\" class=\"chart-label\">\(SVGChart.escape(legend.0))</text>"
        svg += "<rect x=\"\(labelWidth + 130)\" y=\"24\" width=\"12\" height=\"10\" class=\"bar-gap\"/><text x=\"\(labelWidth + 146)\" y=\"33\" class=\"chart-label\">\(SVGChart.escape(legend.1))</text>"
        for (k, (name, t)) in rows.enumerated() {
            let y = top + k * rowHeight
            let needWidth = Int(Double(barWidth) * Double(t.need) / Double(maximum))
            let identifiedWidth = t.need > 0 ? Int(Double(needWidth) * Double(t.identified) / Double(t.need)) : 0
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" class=\"chart-label\">\(SVGChart.escape(name))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(identifiedWidth)\" height=\"16\" class=\"bar-full\"/>"
            svg += "<rect x=\"\(labelWidth + identifiedWidth)\" y=\"\(y + 3)\" width=\"\(max(0, needWidth - identifiedWidth))\" height=\"16\" class=\"bar-gap\"/>"
            svg += "<text x=\"\(labelWidth + needWidth + 6)\" y=\"\(y + 15)\" class=\"chart-value\">\(MoneyFormat.billions(t.need, language: language))</text>"
        }
        return svg + "</svg>"
    }
}
