import Foundation
import NTMDomain
import Vapor

/// The words of the residents' portal.
struct PublicWords: Encodable {
    let portal, intro, searchLabel, searchButton, noneFound, open, standing, criteriaHeading, met, notMet, notAssessed, notApplicable, missing: String
    let buildingHeading, plans, planTarget, planProjected, openTasks, sponsorsHeading, noBuilding, expectedHeading, atStandard, noForecast: String
    let historyHeading, day, score, officersPage, fixProblems: String

    init(_ language: Language) {
        let vi = language == .vi
        portal = vi ? "Cổng thông tin nông thôn mới cho người dân" : "New Rural Development: residents' portal"
        intro = vi ? "Tìm xã của bạn (gõ có dấu hay không dấu đều được) để xem xã đạt những tiêu chí nào, đang làm gì và khi nào dự kiến đạt chuẩn; gửi phản ánh khi công trình hỏng."
            : "Find your commune (with or without Vietnamese accents) to see which criteria it meets, what is being built and when it is expected at standard; report a problem."
        searchLabel = vi ? "Tên xã, phường, thị trấn hoặc thôn" : "Name of a commune, ward, town or village"
        searchButton = vi ? "Tìm" : "Find"
        noneFound = vi ? "Không tìm thấy đơn vị nào có tên này." : "No unit has this name."
        open = vi ? "Xem" : "Open"
        standing = vi ? "Kết quả hiện nay" : "Where it stands"
        criteriaHeading = vi ? "Các tiêu chí" : "The criteria"
        met = vi ? "Đã đạt" : "Met"
        notMet = vi ? "Chưa đạt" : "Not met"
        notAssessed = vi ? "Chưa đánh giá" : "Not assessed"
        notApplicable = vi ? "Không áp dụng" : "Not applicable"
        missing = vi ? "còn thiếu" : "still missing"
        buildingHeading = vi ? "Đang làm gì" : "What is being done"
        plans = vi ? "Kế hoạch" : "Plans"
        planTarget = vi ? "Hạn" : "Target"
        planProjected = vi ? "Dự kiến xong" : "Expected to finish"
        openTasks = vi ? "việc chưa xong" : "tasks open"
        sponsorsHeading = vi ? "Đơn vị đỡ đầu" : "Sponsors"
        noBuilding = vi ? "Chưa có kế hoạch hay đơn vị đỡ đầu được ghi nhận." : "No plan or sponsor is recorded."
        expectedHeading = vi ? "Khi nào đạt chuẩn" : "When at standard"
        atStandard = vi ? "Xã đã đạt chuẩn nông thôn mới." : "The commune is at the standard."
        noForecast = vi ? "Chưa đủ cơ sở để dự báo." : "Not enough to forecast it yet."
        historyHeading = vi ? "Các lần đánh giá" : "Assessments"
        day = vi ? "Ngày" : "Date"
        score = vi ? "Tiêu chí đạt" : "Criteria met"
        officersPage = vi ? "Trang dành cho cán bộ" : "Officers' page"
        fixProblems = vi ? "Phản ánh chưa gửi được. Sửa các mục sau rồi gửi lại:" : "The report was not sent. Fix these and send again:"
    }
}

/// `/public`: search and look up a report.
struct PublicHomePageModel: Encodable {
    var layout: LayoutModel
    var p: PublicWords
    var r: ReportWords
    var query: String
    var results: [UnitLink]

    init(request: Request, query: String, found: [AdminUnit], parents: [AdminUnit]) {
        let language = request.language
        p = PublicWords(language)
        r = ReportWords(language)
        layout = LayoutModel(request: request, title: p.portal)
        self.query = query
        results = found.map { unit in
            let parent = parents.first { $0.id == unit.$parent.id }?.name
            let detail = [LevelNames.name(unit.level, language), parent].compactMap { $0 }.joined(separator: " · ")
            return UnitLink(name: unit.name, url: SiteURL.publicUnit(unit.code).path, detail: detail)
        }
    }
}

/// `/public/units/{code}`: a commune for its residents.
struct PublicUnitPageModel: Encodable {
    struct CriterionLine: Encodable {
        var number: Int
        var name: String
        var status: String
        var statusCode: String
        var missing: String
    }

    struct PlanLine: Encodable {
        var name: String
        var target: String
        var projected: String
        var openTasks: Int
    }

    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct HistoryLine: Encodable {
        var day: String
        var score: String
    }

    var layout: LayoutModel
    var p: PublicWords
    var r: ReportWords
    var name: String
    var place: String
    var headline: String
    var criteria: [CriterionLine]
    var plans: [PlanLine]
    var sponsors: [String]
    var expected: String
    var history: [HistoryLine]
    var resolved: [ReportRow]
    var criterionOptions: [Option]
    var villageOptions: [Option]
    /// The commune's recognition report while it is posted for residents' comments.
    var posting: PostingNotice?
    var form: [String: String]
    var problems: [String]
    var action: String
    var officersURL: String

    struct PostingNotice: Encodable {
        var text: String
        var reportURL: String?
        var reportName: String
    }

    /// Offers the posted report for comments: a notice with the report, and "comment on the report" first in the form.
    mutating func attach(posting record: DossierProcedureRecord, report: DossierDocument?, chosen: String?, language: Language) {
        let vi = language == .vi
        let from = record.postedFrom.flatMap(Day.init).map(DateFormat.format) ?? "", to = record.postedTo.flatMap(Day.init).map(DateFormat.format) ?? ""
        posting = PostingNotice(
            text: vi ? "Xã đang công khai báo cáo kết quả xây dựng nông thôn mới để lấy ý kiến người dân, từ \(from) đến \(to). Góp ý bằng biểu mẫu dưới đây, chọn \"Góp ý báo cáo kết quả\"; xã trả lời từng ý kiến."
                     : "The commune's NTM result report is posted for residents' comments from \(from) to \(to). Comment with the form below, choosing \"Comment on the result report\"; the commune answers each one.",
            reportURL: report?.file.url, reportName: report.map { $0.file.originalName } ?? "")
        criterionOptions.insert(Option(value: "dossier", label: vi ? "Góp ý báo cáo kết quả xét công nhận NTM" : "Comment on the result report",
                                       selected: chosen == "dossier"), at: 0)
    }

    init(request: Request, unit: AdminUnit, ancestors: [AdminUnit], day: Day, card: UnitScorecard, villages: [AdminUnit], plans: [PlanSchedule],
         sponsors: [SponsorAssignment], forecast: UnitForecast?, history: [(assessment: Assessment, set: CriteriaSet?, scorecard: Scorecard?)],
         resolved: [ResidentReport], form: ReportSubmission?, problems: [InputProblem]) {
        let language = request.language
        let vi = language == .vi
        p = PublicWords(language)
        r = ReportWords(language)
        layout = LayoutModel(request: request, title: unit.name, withForms: true)
        name = unit.name
        place = ancestors.filter { $0.level != .country }.reversed().map(\.name).joined(separator: ", ")
        let p = self.p
        switch card.level {
        case .recognised: headline = vi ? "Đã được công nhận đạt chuẩn nông thôn mới (\(card.met)/\(card.total) tiêu chí đạt)." : "Recognised at the standard (\(card.met)/\(card.total) criteria met)."
        case .reachedStandard: headline = vi ? "Đạt đủ \(card.met)/\(card.total) tiêu chí, đang chờ công nhận." : "Meets all \(card.met)/\(card.total) criteria; awaiting recognition."
        case .building: headline = vi ? "Đạt \(card.met)/\(card.total) tiêu chí; còn \(card.unmetCriteria.count + card.notAssessedCriteria.count) tiêu chí phải làm."
            : "Meets \(card.met)/\(card.total) criteria; \(card.unmetCriteria.count + card.notAssessedCriteria.count) still to do."
        case .notAssessed: headline = card.set == nil ? (vi ? "Chưa có bộ tiêu chí áp dụng vào ngày này." : "No criteria set applies on this day.")
            : (vi ? "Chưa có đánh giá theo bộ tiêu chí hiện hành." : "Not yet assessed against the current criteria.")
        }
        criteria = (card.scorecard?.results ?? []).map { result in
            let (status, code): (String, String) = switch result.status {
            case .met: (p.met, "met")
            case .notMet: (p.notMet, "not-met")
            case .notApplicable: (p.notApplicable, "not-applicable")
            default: (p.notAssessed, "not-assessed")
            }
            let missing = result.status == .notMet
                ? result.indicators.filter { $0.status == .notMet }.map { $0.indicator.name.text(language) }.joined(separator: "; ") : ""
            return CriterionLine(number: result.criterion.number, name: result.criterion.name.text(language), status: status, statusCode: code, missing: missing)
        }
        self.plans = plans.map { plan in
            PlanLine(name: plan.plan.name, target: DateFormat.format(plan.target), projected: plan.projectedFinish.map(DateFormat.format) ?? "—",
                     openTasks: plan.tasks.indices.filter { !plan.isDone($0) }.count)
        }
        let numbers = { (text: String) in text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        self.sponsors = sponsors.map { a in
            let criteria = numbers(a.criteria)
            return a.organisation.name + (criteria.isEmpty ? "" : (vi ? " — tiêu chí " : " — criteria ") + criteria.joined(separator: ", "))
        }
        if card.level == .recognised || card.level == .reachedStandard {
            expected = p.atStandard
        } else if let date = forecast?.expected {
            expected = (vi ? "Dự kiến đạt chuẩn khoảng " : "Expected at standard around ") + DateFormat.format(date) + "."
        } else {
            expected = p.noForecast
        }
        self.history = history.prefix(8).compactMap { entry in
            guard let scorecard = entry.scorecard, let assessed = Day(entry.assessment.asOf) else { return nil }
            return HistoryLine(day: DateFormat.format(assessed), score: "\(scorecard.met)/\(scorecard.total)")
        }
        self.resolved = resolved.map { ReportRow($0, url: SiteURL.publicReport($0.trackingCode).path, set: card.set, now: Date(), language: language) }
        let chosen = form?.criterion ?? ""
        criterionOptions = (card.set?.criteria ?? []).map { Option(value: String($0.number), label: "\($0.number). \($0.name.text(language))", selected: chosen == String($0.number)) }
            + [Option(value: "other", label: r.other, selected: chosen == "other")]
        let village = form?.village ?? ""
        villageOptions = [Option(value: "", label: r.anyVillage, selected: village.isEmpty)]
            + villages.map { Option(value: $0.code, label: $0.name, selected: $0.code == village) }
        self.form = ["place": form?.place ?? "", "latitude": form?.latitude ?? "", "longitude": form?.longitude ?? "",
                     "description": form?.description ?? "", "phone": form?.phone ?? ""]
        self.problems = problems.map { $0.reason.text(language) }
        action = SiteURL.publicUnit(unit.code).path + "/reports"
        officersURL = SiteURL.unit(unit.code, on: nil)
    }
}

/// `/public/reports/{tracking}`: what a resident may see of their report.
struct PublicReportPageModel: Encodable {
    var layout: LayoutModel
    var r: ReportWords
    var row: ReportRow
    var unitURL: String
    var showAnswer: Bool
    var closed: String

    init(request: Request, report: ResidentReport, set: CriteriaSet?) {
        let language = request.language
        r = ReportWords(language)
        layout = LayoutModel(request: request, title: r.tracking + " " + report.trackingCode)
        row = ReportRow(report, url: "", set: set, now: Date(), language: language)
        row.assignee = ""
        unitURL = SiteURL.publicUnit(report.unit.code).path
        showAnswer = report.status.isClosed && report.answer != nil
        closed = report.closedAt.map(TimestampFormat.format) ?? ""
    }
}
