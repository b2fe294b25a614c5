import Fluent
import NTMDomain
import Vapor

/// The one-page report for the steering committee (Ban Chỉ đạo): where the communes stand, what
/// is still unfunded, which sponsors are behind, which plans will miss their target. Prints on A4.
struct ReportController {
    func register(_ pages: any RoutesBuilder) {
        pages.get(SiteURL.unitPage(":code", "report").pathComponents, use: report)
    }

    @Sendable func report(req: Request) async throws -> View {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let rollup = try await DistrictRollup.load(unit, on: day, catalog: catalog, db: req.db)
        let funding = try await FundingQueries.report(for: unit, on: day, db: req.db)
        let assignments = try await SponsorQueries.assignments(under: unit, on: day, db: req.db)
        let plans = try await PlanQueries.plans(under: unit, on: day, holidays: req.holidays, db: req.db)
        var model = ReportPageModel(request: req, unit: unit, day: day, rollup: rollup, funding: funding, assignments: assignments, plans: plans)
        model.deadlines = try await DeadlinesPanel.load(for: unit, on: day, request: req)
        return try await req.view.render("report", model)
    }
}

struct ReportPageModel: Encodable {
    struct Line: Encodable { var label: String; var value: String }

    var layout: LayoutModel
    var title: String
    var dateText: String
    var date: String
    var standing: [Line]
    var notAtStandard: [ScoreRow]
    var funding: [Line]
    var fundingGroups: [FundingPageModel.Row]
    var sponsors: [Line]
    var overdue: [String]
    var plans: [Line]
    var missing: [String]
    /// Recognition dossiers whose current step is overdue.
    var deadlines: DeadlinesPanel? = nil

    init(request: Request, unit: AdminUnit, day: Day, rollup: DistrictRollup, funding: FundingReport,
         assignments: [(SponsorAssignment, AdminUnit)], plans: [PlanSchedule]) {
        let language = request.language
        let vi = language == .vi
        let text = UIText(language)
        func money(_ v: Dong) -> String { MoneyFormat.billions(v, language: language) + (vi ? " tỷ" : " bn") }
        title = (vi ? "Báo cáo Ban Chỉ đạo — " : "Steering committee report — ") + unit.name
        layout = LayoutModel(request: request, title: title)
        dateText = DateFormat.format(day)
        date = day.iso
        standing = [
            Line(label: vi ? "Xã đạt chuẩn NTM (đã công nhận)" : "Communes recognised", value: "\(rollup.atStandard.count)/\(rollup.scored.count)"),
            Line(label: vi ? "Xã đạt đủ tiêu chí, chờ thẩm định" : "All criteria met, awaiting appraisal", value: "\(rollup.awaitingRecognition.count)"),
            Line(label: vi ? "Tổng số tiêu chí đạt" : "Criteria met in total", value: NumberFormat.format(rollup.totalMet, language: language)
                 + (rollup.change.map { " (\($0 >= 0 ? "+" : "")\($0) \(vi ? "so với" : "since") \(rollup.previousDay.map(DateFormat.format) ?? ""))" } ?? "")),
        ]
        notAtStandard = rollup.notAtStandard.sorted { $0.met > $1.met }.map { ScoreRow($0, day: day, text: text, language: language) }
        let total = funding.total
        self.funding = [
            Line(label: vi ? "Nhu cầu vốn" : "Funding need", value: money(total.need)),
            Line(label: vi ? "Đã xác định nguồn" : "Identified", value: money(total.identified)),
            Line(label: vi ? "Chưa xác định nguồn" : "Unidentified", value: money(total.unidentified)),
        ]
        fundingGroups = funding.byGroup.map { g in
            FundingPageModel.Row(name: funding.groupName(g.key, language), url: nil, need: MoneyFormat.billions(g.totals.need, language: language),
                                 identified: MoneyFormat.billions(g.totals.identified, language: language),
                                 unidentified: MoneyFormat.billions(g.totals.unidentified, language: language))
        }
        let overdueAssignments = assignments.filter { $0.0.isOverdue(on: day) }
        let delivered = assignments.flatMap { $0.0.activities }.filter { $0.date <= day.iso }.reduce(Int64(0)) { $0 + $1.amount }
        sponsors = [
            Line(label: vi ? "Đơn vị đỡ đầu" : "Sponsoring organisations", value: "\(Set(assignments.map { $0.0.organisation.name }).count)"),
            Line(label: vi ? "Thỏa thuận quá hạn (chưa ký hoặc ký muộn)" : "Agreements overdue (unsigned or signed late)", value: "\(overdueAssignments.count)/\(assignments.count)"),
            Line(label: vi ? "Đã hỗ trợ bằng tiền" : "Money delivered", value: money(delivered)),
        ]
        overdue = overdueAssignments.map { "\($0.0.organisation.name) — \($0.1.name)" }
        let late = plans.filter { ($0.marginDays ?? 0) < 0 }
        self.plans = [Line(label: vi ? "Kế hoạch đường găng dự báo trễ mục tiêu" : "Plans projected to miss the target", value: "\(late.count)/\(plans.count)")]
        missing = late.map { "\($0.unit.name): \(vi ? "trễ" : "late by") \(-($0.marginDays ?? 0)) \(vi ? "ngày" : "days") (\($0.lateIndices.count) \(vi ? "việc trễ" : "late tasks"))" }
    }
}
