import NTMDomain
import Vapor

/// Sponsorship on a day: who sponsors which commune and village, villages not yet model areas
/// and their sponsors, agreements overdue, pledged vs delivered per organisation.
struct SponsorsPageModel: Encodable {
    /// The write forms this viewer may open from the page.
    var formLinks: [FormLink] = []
    struct Row: Encodable {
        var organisation: String
        var unit: String
        var criteria: String
        var due: String
        var signed: String
        var overdue: Bool
        var pledged: String
        var delivered: String
        var rating: String
        var id: UUID
        /// The forms for this assignment, when the viewer may use them.
        var activityURL: String?
        var evaluationURL: String?
    }

    struct VillageRow: Encodable {
        var village: String
        var commune: String
        var sponsors: String
    }

    struct OrgRow: Encodable {
        var organisation: String
        var units: Int
        var pledged: String
        var delivered: String
    }

    var layout: LayoutModel
    var title: String
    var dateText: String
    var date: String
    var organisationCount: Int
    var rows: [Row]
    var overdue: [Row]
    var villages: [VillageRow]
    var organisations: [OrgRow]
    var csvURL: String
    var xlsxURL: String
    var pageUnit: String

    /// Activity and evaluation forms on each assignment: the office (in scope) evaluates and records any;
    /// a sponsor records only its own organisation's activities.
    mutating func offerForms(manage: Bool, reportAll: Bool, sponsorOrganisation: String?, language: Language) {
        for k in rows.indices {
            let query: [(String, String?)] = [("assignment", rows[k].id.uuidString), ("unit", pageUnit), ("date", date)]
            if reportAll || rows[k].organisation == sponsorOrganisation {
                rows[k].activityURL = SiteURL.form("sponsor-activity").link(query)
            }
            if manage { rows[k].evaluationURL = SiteURL.form("sponsor-evaluation").link(query) }
        }
        activityLabel = language == .vi ? "Ghi hoạt động" : "Record activity"
        evaluationLabel = language == .vi ? "Đánh giá" : "Evaluate"
    }
    var activityLabel = ""
    var evaluationLabel = ""

    init(request: Request, unit: AdminUnit, day: Day, ancestors: [AdminUnit], rows: [SponsorController.AssignmentRow],
         villagesNotModel: [AdminUnit], units: [AdminUnit]) {
        let language = request.language
        let vi = language == .vi
        title = (vi ? "Đỡ đầu xây dựng NTM — " : "Sponsorship — ") + unit.name
        layout = LayoutModel(request: request, title: title, crumbs: Crumbs.of(ancestors + [unit], day: day))
        dateText = DateFormat.format(day)
        date = day.iso
        func money(_ v: Int64) -> String { v == 0 ? "0" : MoneyFormat.billions(v, language: language) }
        let mapped = rows.map { r in
            Row(organisation: r.organisation, unit: r.unitName, criteria: r.criteria.map(String.init).joined(separator: ", "),
                due: DateFormat.format(stored: r.agreementDue), signed: r.agreementSigned.flatMap(Day.init).map(DateFormat.format) ?? "—",
                overdue: r.overdue, pledged: money(r.pledgedMoney), delivered: money(r.deliveredMoney), rating: r.lastRating?.text(request.language) ?? "",
                id: r.id)
        }
        self.rows = mapped
        overdue = mapped.filter(\.overdue)
        organisationCount = Set(rows.map(\.organisation)).count
        let names = Dictionary(units.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        villages = villagesNotModel.map { village in
            VillageRow(village: village.name, commune: village.$parent.id.flatMap { names[$0] } ?? "",
                       sponsors: rows.filter { $0.unitCode == village.code }.map(\.organisation).joined(separator: "; "))
        }
        organisations = Dictionary(grouping: rows, by: \.organisation).map { name, list in
            OrgRow(organisation: name, units: list.count, pledged: money(list.reduce(0) { $0 + $1.pledgedMoney }),
                   delivered: money(list.reduce(0) { $0 + $1.deliveredMoney }))
        }.sorted { $0.organisation < $1.organisation }
        pageUnit = unit.code
        csvURL = "/api/v1/units/\(unit.code)/sponsors.csv?date=\(day.iso)"
        xlsxURL = "/api/v1/units/\(unit.code)/sponsors.xlsx?date=\(day.iso)"
    }
}
