import NTMDomain
import Vapor

struct SummaryPageModel: Encodable {
    /// The write forms this viewer may open from the page.
    var formLinks: [FormLink] = []
    struct Line: Encodable { var label: String; var value: String; var id: String }
    struct TargetRow: Encodable { var code: String; var name: String; var plan: String; var actual: String; var mark: StatusMark; var direction: String }
    struct ProductRow: Encodable { var name: String; var producer: String; var stars: Int; var certified: String; var expires: String }

    var layout: LayoutModel
    var title: String
    var year: Int
    var headline: [Line]
    var targets: [TargetRow]
    var nextYear: [TargetRow]
    var trend: String
    var products: [ProductRow]
    var expiring: [ProductRow]
    /// OCOP products certified per year and star level: "2021: 3★ 10 · 4★ 1".
    var starsByYear: [Line]
    var csvTargets: String
    var csvOcop: String

    init(request: Request, summary s: DistrictSummary, ancestors: [AdminUnit]) {
        let language = request.language
        let vi = language == .vi
        let text = UIText(language)
        title = (vi ? "Tổng hợp năm \(s.year) — " : "Year \(s.year) summary — ") + s.unit.name
        layout = LayoutModel(request: request, title: title, crumbs: Crumbs.of(ancestors + [s.unit], day: s.day))
        year = s.year
        let ownTotal = s.own.scorecard == nil ? 0 : s.own.total
        headline = [
            Line(label: vi ? "Chỉ tiêu kinh tế – xã hội đạt và vượt" : "Socio-economic targets met", value: "\(s.targets.metCount)/\(s.targets.count)", id: "targets"),
            Line(label: vi ? "Tiêu chí huyện NTM đạt" : "District criteria met", value: "\(s.own.met)/\(ownTotal)", id: "district-criteria"),
        ] + s.towns.map { Line(label: (vi ? "Tiêu chí đô thị văn minh — " : "Civilised-town criteria — ") + $0.unit.name, value: "\($0.met)/\($0.total)", id: "town-\($0.unit.code)") } + [
            Line(label: vi ? "Xã đạt chuẩn NTM (mới trong năm)" : "Communes at NTM standard (new this year)", value: "\(s.communesRecognised)/\(s.communes) (+\(s.newlyRecognised))", id: "communes"),
            Line(label: vi ? "Xã có quyết định công nhận ký trong năm (kể cả kết quả năm trước)" : "Communes whose recognition was signed this year (results of earlier years included)",
                 value: "\(s.newlyDecided)", id: "communes-decided"),
            Line(label: vi ? "Xã đạt NTM nâng cao (mới trong năm)" : "Communes at advanced NTM (new this year)", value: "\(s.advanced) (+\(s.newlyAdvanced))", id: "advanced"),
            Line(label: vi ? "Sản phẩm OCOP 3 sao mới trong năm" : "New 3-star OCOP products this year", value: "\(s.newThreeStar)", id: "ocop"),
            Line(label: vi ? "Mô hình kinh tế hộ doanh thu ≥ 100 triệu đồng/năm (mới)" : "Household models earning ≥ 100 million/year (new)",
                 value: "\(NumberFormat.format(s.models, language: language)) (+\(s.newModels))", id: "models"),
        ]
        func row(_ t: SocioTarget) -> TargetRow {
            TargetRow(code: t.code, name: t.name, plan: NumberFormat.format(t.plan, decimals: 2, language: language) + (t.unit.map { " \($0)" } ?? ""),
                      actual: t.actual.map { NumberFormat.format($0, decimals: 2, language: language) } ?? "—", mark: StatusMark(t.status, text: text),
                      direction: t.direction == .higher ? "≥" : "≤")
        }
        targets = s.targets.map(row)
        nextYear = s.nextYearTargets.map(row)
        trend = SVGChart.horizontalBars(s.targetTrend.map { SVGChart.Bar(label: String($0.year), value: $0.met, maximum: $0.total) },
                                        title: vi ? "Chỉ tiêu đạt qua các năm" : "Targets met by year", language: language)
        func product(_ p: OcopProduct) -> ProductRow {
            ProductRow(name: p.name, producer: p.producer, stars: p.stars, certified: DateFormat.format(stored: p.certifiedOn), expires: DateFormat.format(stored: p.expiresOn))
        }
        products = s.ocopNew.map(product)
        starsByYear = Dictionary(grouping: s.ocop, by: { String($0.certifiedOn.prefix(4)) }).sorted { $0.key < $1.key }.map { year, list in
            Line(label: year, value: Dictionary(grouping: list, by: \.stars).sorted { $0.key < $1.key }.map { "\($0.key)★ \($0.value.count)" }.joined(separator: " · "), id: "ocop-\(year)")
        }
        expiring = s.ocopExpiring.map(product)
        csvTargets = "/api/v1/units/\(s.unit.code)/targets.xlsx?year=\(s.year)"
        csvOcop = "/api/v1/units/\(s.unit.code)/ocop.xlsx?year=\(s.year)"
    }
}
