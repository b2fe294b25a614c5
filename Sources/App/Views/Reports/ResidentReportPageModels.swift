import Foundation
import NTMDomain
import Vapor

/// One line of a list of reports, as both the officers' list and the public page show it.
struct ReportRow: Encodable {
    var trackingCode: String
    var url: String
    var unit: String
    var village: String
    var about: String
    var description: String
    var status: String
    var statusCode: String
    var received: String
    var assignee: String
    var answer: String
    var overdue: Bool

    init(_ report: ResidentReport, url: String, set: CriteriaSet?, now: Date, language: Language) {
        let w = ReportWords(language)
        trackingCode = report.trackingCode
        self.url = url
        unit = report.$unit.value?.name ?? ""
        village = [report.village?.name, report.place].compactMap { $0 }.joined(separator: " — ")
        about = ResidentReportRow.about(report.criterionNumber, set: set, language: language, other: w.other)
        description = report.description
        status = ReportWords.status(report.status, language)
        statusCode = report.status.rawValue
        received = report.createdAt.map(TimestampFormat.format) ?? ""
        assignee = report.assignee?.displayName ?? w.nobody
        answer = report.answer ?? ""
        overdue = report.isOverdue(now: now)
    }
}

enum ResidentReportRow {
    /// "2. Giao thông", or "Khác".
    static func about(_ number: Int?, set: CriteriaSet?, language: Language, other: String) -> String {
        guard let number else { return other }
        return set?.criterion(number: number).map { "\($0.number). \($0.name.text(language))" } ?? "\(number)"
    }
}

/// `/units/{code}/reports`: the reports of a commune (or of every commune below a district or province).
struct ResidentReportListPageModel: Encodable {
    struct Filter: Encodable {
        var label: String
        var url: String
        var current: Bool
    }

    var layout: LayoutModel
    var w: ReportWords
    var name: String
    var counts: ResidentReportQueries.Counts
    var filters: [Filter]
    var rows: [ReportRow]
    var showUnit: Bool

    init(request: Request, unit: AdminUnit, ancestors: [AdminUnit], reports: [ResidentReport], counts: ResidentReportQueries.Counts,
         filter: ReportStatus?, now: Date) {
        let language = request.language
        w = ReportWords(language)
        layout = LayoutModel(request: request, title: w.reportsTitle + " — " + unit.name, crumbs: Crumbs.of(ancestors + [unit], day: .today))
        name = unit.name
        self.counts = counts
        let base = SiteURL.unitPage(unit.code, "reports")
        filters = [Filter(label: ReportWords(language).all, url: base.path, current: filter == nil)]
            + ReportStatus.allCases.map { Filter(label: ReportWords.status($0, language), url: base.link([("status", $0.rawValue)]), current: filter == $0) }
        rows = reports.map { r in
            ReportRow(r, url: SiteURL.unitPage(r.unit.code, "reports/\(r.trackingCode)").path, set: nil, now: now, language: language)
        }
        showUnit = !UnitQueries.scoredLevels.contains(unit.level)
    }
}

/// `/units/{code}/reports/{tracking}`: one report, its photos, its history, and the handling form.
struct ResidentReportPageModel: Encodable {
    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Step: Encodable {
        var at: String
        var by: String
        var what: String
    }

    var layout: LayoutModel
    var w: ReportWords
    var row: ReportRow
    var phone: String
    var position: String
    var mapURL: String?
    var photos: [String]
    var answered: String
    var closed: String
    var isClosed: Bool
    var statuses: [Option]
    var officers: [Option]
    var version: Int
    var action: String
    var problems: [String]
    var history: [Step]

    init(request: Request, report: ResidentReport, set: CriteriaSet?, ancestors: [AdminUnit], officers: [User], history: [AuditEvent],
         problems: [InputProblem], now: Date) {
        let language = request.language
        w = ReportWords(language)
        let unit = report.unit
        layout = LayoutModel(request: request, title: report.trackingCode + " — " + unit.name,
                             crumbs: Crumbs.of(ancestors + [unit], day: .today)
                                + [LayoutModel.Crumb(name: w.reportsTitle, url: SiteURL.unitPage(unit.code, "reports").path)],
                             withForms: true)
        row = ReportRow(report, url: "", set: set, now: now, language: language)
        phone = report.phone ?? "—"
        if let lat = report.latitude, let lon = report.longitude {
            position = NumberFormat.format(lat, decimals: 5, language: language) + "; " + NumberFormat.format(lon, decimals: 5, language: language)
            mapURL = "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=17/\(lat)/\(lon)"
        } else {
            position = "—"
        }
        photos = (report.$photos.value ?? []).sorted { $0.position < $1.position }.map { "/reports/\(report.trackingCode)/photos/\($0.position)" }
        answered = report.answeredAt.map(TimestampFormat.format) ?? "—"
        closed = report.closedAt.map(TimestampFormat.format) ?? "—"
        isClosed = report.status.isClosed
        let current = report.status
        statuses = [Option(value: "", label: ReportWords(language).keep, selected: true)]
            + ReportStatus.allCases.filter { current.canMove(to: $0) }.map { Option(value: $0.rawValue, label: ReportWords.status($0, language), selected: false) }
        let assigned = report.$assignee.id
        self.officers = [Option(value: "", label: w.nobody, selected: assigned == nil)]
            + officers.map { Option(value: $0.username, label: "\($0.displayName) (\($0.username))", selected: $0.id == assigned) }
        version = report.version
        action = SiteURL.unitPage(unit.code, "reports/\(report.trackingCode)").path
        self.problems = problems.map { $0.reason.text(language) }
        let vi = language == .vi
        self.history = history.map { event in
            let what: String
            if event.action == "report" {
                what = vi ? "Người dân gửi phản ánh" : "Sent by a resident"
            } else {
                let new = (try? JSONDecoder().decode([String: String].self, from: Data((event.newValue ?? "{}").utf8))) ?? [:]
                let status = new["status"].flatMap(ReportStatus.init(rawValue:)).map { ReportWords.status($0, language) } ?? ""
                what = status + ((new["answer"] ?? "").isEmpty ? "" : " — " + (new["answer"] ?? ""))
            }
            return Step(at: TimestampFormat.format(event.at), by: event.action == "report" ? (vi ? "người dân" : "resident") : event.actorName, what: what)
        }
    }
}

/// The residents' reports box on a commune, district or province page, for officers who handle them.
struct ReportsPanel: Encodable {
    var w: ReportWords
    var counts: ResidentReportQueries.Counts
    var url: String
    var overdueURL: String
    var newest: [ReportRow]

    static func load(for unit: AdminUnit, viewer: PageViewer?, request: Request) async throws -> ReportsPanel? {
        guard viewer?.may(.handleReports) == true else { return nil }
        let now = Date()
        let counts = try await ResidentReportQueries.counts(under: unit, now: now, db: request.db)
        let newest = UnitQueries.scoredLevels.contains(unit.level)
            ? try await ResidentReportQueries.reports(under: unit, status: .received, limit: 5, db: request.db) : []
        return ReportsPanel(w: ReportWords(request.language), counts: counts, url: SiteURL.unitPage(unit.code, "reports").path,
                            overdueURL: SiteURL.unitPage(unit.code, "reports").link([("status", ReportStatus.received.rawValue)]),
                            newest: newest.map { ReportRow($0, url: SiteURL.unitPage($0.unit.code, "reports/\($0.trackingCode)").path, set: nil, now: now,
                                                           language: request.language) })
    }
}
