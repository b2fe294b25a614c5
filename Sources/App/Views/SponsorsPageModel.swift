import NTMDomain
import Vapor

/// Sponsorship on a day: who sponsors which commune and village, villages not yet model areas
/// and their sponsors, agreements overdue, pledged vs delivered per organisation.
struct SponsorsPageModel: Encodable {
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
                overdue: r.overdue, pledged: money(r.pledgedMoney), delivered: money(r.deliveredMoney), rating: r.lastRating?.text(request.language) ?? "")
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
        csvURL = "/api/v1/units/\(unit.code)/sponsors.csv?date=\(day.iso)"
        xlsxURL = "/api/v1/units/\(unit.code)/sponsors.xlsx?date=\(day.iso)"
    }
}
