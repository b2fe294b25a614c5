import Fluent
import NTMDomain
import Vapor

/// Funding needs: the contract's roll-up endpoint, recording needs, the funding page and its exports.
struct FundingController {
    func register(api: any RoutesBuilder, writes: any RoutesBuilder, pages: any RoutesBuilder) {
        api.get("units", ":code", "funding", use: funding)
        api.get("units", ":code", "funding.csv", use: csv)
        api.get("units", ":code", "funding.xlsx", use: xlsx)
        writes.post("units", ":code", "funding-needs", use: create)
        pages.get(SiteURL.unitPage(":code", "funding").pathComponents, use: page)
    }

    struct TotalsDTO: Content {
        var need: Int64
        var identified: Int64
        var unidentified: Int64
    }

    struct FundingDTO: Content {
        var unit: String
        var date: String
        var need: Int64
        var identified: Int64
        var unidentified: Int64
        var bySource: [String: Int64]
        var groups: [Group]
        var children: [Child]

        struct Group: Content { var group: String; var name: String; var need: Int64; var identified: Int64; var unidentified: Int64 }
        struct Child: Content { var code: String; var name: String; var need: Int64; var identified: Int64; var unidentified: Int64 }
    }

    @Sendable func funding(req: Request) async throws -> FundingDTO {
        let report = try await load(req)
        let total = report.total
        return FundingDTO(unit: report.unit.code, date: report.day.iso, need: total.need, identified: total.identified, unidentified: total.unidentified,
                          bySource: total.bySource,
                          groups: report.byGroup.map { .init(group: $0.key, name: report.groupName($0.key, req.language), need: $0.totals.need,
                                                             identified: $0.totals.identified, unidentified: $0.totals.unidentified) },
                          children: report.byUnit.map { .init(code: $0.key, name: report.units[$0.key]?.name ?? $0.key, need: $0.totals.need,
                                                              identified: $0.totals.identified, unidentified: $0.totals.unidentified) })
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(FundingNeedDTO.self)
        let need = try await Self.record(input, unitCode: req.parameters.get("code")!, req: req)
        let identified = (input.identified ?? []).reduce(Int64(0)) { $0 + $1.amount }
        return try await TotalsDTO(need: need.need, identified: identified, unidentified: need.need - identified)
            .encodeResponse(status: .created, for: req)
    }

    /// A funding need, from the API or the page form.
    static func record(_ input: FundingNeedDTO, unitCode: String, req: Request) async throws -> FundingNeed {
        try await FundingQueries.record(input, unitCode: unitCode, sources: req.application.referenceData.fundingSources, actor: req.actor, db: req.db) { unit in
            try await req.authorize(.editFunding, on: unit)
        }
    }

    @Sendable func page(req: Request) async throws -> View {
        let report = try await load(req)
        let ancestors = try await UnitQueries.ancestors(of: report.unit, db: req.db)
        var model = FundingPageModel(request: req, report: report, ancestors: ancestors)
        if [.commune, .town, .ward, .village].contains(report.unit.level) {
            model.formLinks = try await FormLinks.offered([.init(action: .editFunding, form: "funding-need", vi: "Thêm nhu cầu vốn", en: "Add a funding need")],
                                                          on: report.unit, day: report.day, request: req)
        }
        return try await req.view.render("funding", model)
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let report = try await load(req)
        return Download.csv(FundingSheet.sheet(report, language: req.language), name: "von-\(report.unit.code)-\(report.day.iso)")
    }

    @Sendable func xlsx(req: Request) async throws -> Response {
        let report = try await load(req)
        return try Download.xlsx(FundingSheet.sheet(report, language: req.language), name: "von-\(report.unit.code)-\(report.day.iso)")
    }

    private func load(_ req: Request) async throws -> FundingReport {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        return try await FundingQueries.report(for: unit, on: day, db: req.db)
    }
}

/// The funding table as a sheet: one row per group, then per unit and work item; amounts in đồng (numbers).
enum FundingSheet {
    static func sheet(_ report: FundingReport, language: Language) -> Spreadsheet {
        let vi = language == .vi
        var rows: [[Spreadsheet.Cell]] = [[.text(vi ? "Nhóm tiêu chí / Đơn vị / Hạng mục" : "Criterion group / Unit / Work item"), .text(vi ? "Tiêu chí" : "Criterion"),
                                           .text(vi ? "Nhu cầu (đồng)" : "Need (đồng)"), .text(vi ? "Đã xác định (đồng)" : "Identified (đồng)"),
                                           .text(vi ? "Chưa xác định (đồng)" : "Unidentified (đồng)")]]
        func amounts(_ t: FundingTotals) -> [Spreadsheet.Cell] { [.number(Double(t.need)), .number(Double(t.identified)), .number(Double(t.unidentified))] }
        for group in report.byGroup { rows.append([.text(report.groupName(group.key, language)), .empty] + amounts(group.totals)) }
        rows.append([.text(vi ? "Tổng cộng" : "Total"), .empty] + amounts(report.total))
        rows.append([])
        for item in report.workItems {
            var t = FundingTotals()
            t.need = item.line.need
            t.identified = item.line.identifiedTotal
            rows.append([.text("\(report.units[item.unit]?.name ?? item.unit) — \(item.item)"), .number(Double(item.criterion))] + amounts(t))
        }
        return Spreadsheet(sheetName: vi ? "Nhu cầu vốn" : "Funding", rows: rows)
    }
}
