import NTMDomain
import Vapor

/// `/units/{code}/upkeep?year=`: the yearly upkeep check as a list to act on.
struct UpkeepPageModel: Encodable {
    struct Row: Encodable {
        var code: String
        var name: String
        var url: String
        var dossierURL: String
        var recognisedOn: String
        var since: String
        var unmet: String
        var state: String
        var canStart: Bool
        var reason: String

        init(finding: UpkeepCheck.Finding, dossier: Dossier?, canStart: Bool, day: Day, language: Language) {
            let vi = language == .vi
            code = finding.unit.code
            name = finding.unit.name
            url = SiteURL.unit(finding.unit.code, on: day)
            dossierURL = SiteURL.unit(finding.unit.code, "dossier", on: day)
            recognisedOn = DateFormat.format(finding.unit.recognisedOn)
            let years = Double(finding.daysSinceRecognition) / 365.25
            since = vi ? "\(NumberFormat.format(years, decimals: 1, language: language)) năm" : "\(NumberFormat.format(years, decimals: 1, language: language)) years"
            let list = finding.unit.unmet.map(String.init).joined(separator: ", ")
            unmet = list
            state = dossier.map { WorkflowPanel.stateWord($0.state, vi: vi) } ?? "—"
            self.canStart = canStart
            reason = vi ? "Không còn đạt tiêu chí \(list) (rà soát năm \(day.year))" : "Criteria \(list) no longer met (\(day.year) upkeep check)"
        }
    }

    var layout: LayoutModel
    var name: String
    var code: String
    var year: Int
    var date: String
    var rows: [Row]
    var w: [String: String]

    init(request: Request, unit: AdminUnit, ancestors: [AdminUnit], day: Day, rows: [Row]) {
        let vi = request.language == .vi
        layout = LayoutModel(request: request, title: (vi ? "Rà soát duy trì tiêu chí — " : "Upkeep check — ") + unit.name,
                             crumbs: Crumbs.of(ancestors + [unit], day: day), withForms: rows.contains { $0.canStart })
        name = unit.name
        code = unit.code
        year = day.year
        // Steps taken from this page are taken today at the latest (the check looks at 31/12 of the year).
        date = min(day, Day.today).iso
        self.rows = rows
        w = vi ? ["title": "Rà soát duy trì tiêu chí", "lead": "Xã đã được công nhận nhưng kết quả đánh giá đến \(DateFormat.format(day)) không còn đạt đủ tiêu chí: danh sách để xử lý, không tự động hạ chuẩn.",
                  "commune": "Xã", "recognised": "Công nhận ngày", "since": "Đã công nhận", "unmet": "Tiêu chí không còn đạt", "state": "Hồ sơ",
                  "start": "Bắt đầu thủ tục thu hồi", "reason": "Lý do", "none": "Không có xã nào mất tiêu chí.", "year": "Năm", "show": "Xem"]
            : ["title": "Upkeep check", "lead": "Recognised communes whose assessment as of \(DateFormat.format(day)) no longer meets every criterion: a list to act on, never an automatic demotion.",
               "commune": "Commune", "recognised": "Recognised on", "since": "Recognised for", "unmet": "Criteria lost", "state": "Dossier",
               "start": "Start the revocation procedure", "reason": "Reason", "none": "No commune has lost a criterion.", "year": "Year", "show": "Show"]
    }
}
