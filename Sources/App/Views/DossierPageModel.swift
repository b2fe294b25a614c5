import NTMDomain
import Vapor

/// `/units/{code}/dossier`: the procedure step by step (due, done, what is still wrong), the
/// documents, the posting, the survey village by village, the council's vote, and the forms the
/// signed-in user may use on the steps that are theirs.
struct DossierPageModel: Encodable {
    struct Step: Encodable {
        var code: String
        var number: Int
        var name: String
        var actor: String
        var due: String
        var closed: String
        var overdue: Bool
        var problems: [String]
        /// The user may close it here (their step, open, not closed by a workflow step).
        var canClose: Bool
        /// Closed by a workflow step: the hint says which.
        var closesWith: String
    }

    struct Document: Encodable {
        var name: String
        var fileName: String
        var url: String
        var by: String
        var at: String
        var latest: Bool
    }

    struct Option: Encodable {
        var value: String
        var label: String
    }

    struct SurveyRow: Encodable {
        var index: Int
        var code: String
        var name: String
        var households: String
        var asked: String
        var satisfied: String
        var coverage: String
        var satisfaction: String
        var low: Bool
    }

    var layout: LayoutModel
    var name: String
    var code: String
    var date: String
    var unitURL: String
    var hasDossier: Bool
    var hasProcedure: Bool
    var state: String
    var procedureName: String
    var openedOn: String
    var version: Int
    var steps: [Step]
    var documents: [Document]
    var documentKinds: [Option]
    var postingFrom: String
    var postingTo: String
    var postingPlaces: String
    /// The posting as people write it ("04/05/2022 → 19/05/2022 · Trụ sở xã").
    var postingText: String
    var canPost: Bool
    var survey: [SurveyRow]
    var surveyTotal: String
    var canSurvey: Bool
    var councilMembers: String
    var councilFor: String
    var councilAgainst: String
    var councilAbstain: String
    var councilVotedOn: String
    var councilVotedOnText: String
    var councilResult: String
    var canVote: Bool
    var decisionSigner: String
    var announcedOn: String
    var workflow: WorkflowPanel
    struct Comment: Encodable {
        var code: String
        var url: String
        var status: String
        var text: String
        var answer: String
    }

    /// Residents' comments on the posting: the count for everyone, the comments for those who answer them.
    var commentsSummary = ""
    var comments: [Comment] = []

    mutating func attach(comments reports: [ResidentReport], unitCode: String, visible: Bool, language: Language) {
        guard !reports.isEmpty else { return }
        let open = reports.filter { !$0.status.isClosed }.count
        commentsSummary = language == .vi ? "\(reports.count) ý kiến của người dân, \(open) chưa trả lời xong" : "\(reports.count) residents' comments, \(open) not answered yet"
        guard visible else { return }
        comments = reports.map { report in
            Comment(code: report.trackingCode, url: SiteURL.unitPage(unitCode, "reports/\(report.trackingCode)").path,
                    status: ReportWords.status(report.status, language), text: String(report.description.prefix(300)), answer: report.answer ?? "")
        }
    }

    /// What a refused form must fix (shown on top).
    var problems: [String] = []
    var w: [String: String]

    init(request: Request, unit: AdminUnit, ancestors: [AdminUnit], day: Day, dossier: DossierDTO?, file: DossierFile?, allowed: Set<String>,
         workflow: WorkflowPanel) {
        let language = request.language, vi = language == .vi
        layout = LayoutModel(request: request, title: (vi ? "Hồ sơ công nhận — " : "Recognition dossier — ") + unit.name,
                             crumbs: Crumbs.of(ancestors + [unit], day: day), withForms: !allowed.isEmpty || !workflow.steps.isEmpty)
        name = unit.name
        code = unit.code
        date = day.iso
        unitURL = SiteURL.unit(unit.code, on: day)
        hasDossier = dossier != nil
        hasProcedure = dossier?.procedure != nil
        state = workflow.state
        procedureName = dossier?.procedure?.name ?? ""
        openedOn = dossier?.procedure.flatMap { Day($0.openedOn) }.map(DateFormat.format) ?? ""
        version = dossier?.version ?? 0
        let procedure = file?.procedure
        func actorWord(_ actor: String) -> String {
            switch actor {
            case "front": vi ? "MTTQ xã" : "Fatherland Front"
            case "district": vi ? "Huyện" : "District"
            case "province": vi ? "Tỉnh" : "Province"
            default: vi ? "Xã" : "Commune"
            }
        }
        steps = (dossier?.steps ?? []).enumerated().map { index, step in
            let definition = procedure?.step(step.step)
            return Step(code: step.step, number: index + 1, name: step.name, actor: actorWord(step.actor),
                        due: step.due.flatMap(Day.init).map(DateFormat.format) ?? "—",
                        closed: step.closedAt.flatMap(Day.init).map { DateFormat.format($0) + (step.closedBy.map { " · \($0)" } ?? "") } ?? "",
                        overdue: step.overdue, problems: step.problems,
                        canClose: allowed.contains(step.step) && definition?.closedBy == nil,
                        closesWith: definition?.closedBy.map { (vi ? "Xong khi: " : "Done with: ") + WorkflowPanel.label($0, vi: vi) } ?? "")
        }
        documents = (dossier?.documents ?? []).map {
            Document(name: $0.name, fileName: $0.fileName, url: $0.url, by: $0.uploadedBy, at: $0.uploadedAt.map(TimestampFormat.format) ?? "", latest: $0.latest)
        }
        documentKinds = (procedure?.steps ?? []).filter { allowed.contains($0.code) }.flatMap { step in
            step.documents.map { Option(value: $0.kind, label: $0.name.text(language)) }
        }
        postingFrom = dossier?.posting?.from ?? ""
        postingTo = dossier?.posting?.to ?? ""
        postingPlaces = dossier?.posting?.places ?? ""
        postingText = dossier?.posting.map { posting in
            [Day(posting.from), Day(posting.to)].compactMap { $0.map(DateFormat.format) }.joined(separator: " → ") + (posting.places.map { " · \($0)" } ?? "")
        } ?? "—"
        canPost = allowed.contains("public-posting")
        let thresholds = procedure?.thresholds
        func percent(_ x: Double) -> String { NumberFormat.format(x * 100, decimals: 1, language: language) + " %" }
        let entered = Dictionary((dossier?.survey?.villages ?? []).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        survey = (file?.villages ?? []).enumerated().map { index, village in
            let row = entered[village.code]
            let coverage = row.map { $0.households == 0 ? 0 : Double($0.asked) / Double($0.households) }
            let satisfaction = row.map { $0.asked == 0 ? 0 : Double($0.satisfied) / Double($0.asked) }
            let low = row == nil || (coverage ?? 0) < (thresholds?.surveyCoverage ?? 0) || (satisfaction ?? 0) < (thresholds?.surveySatisfaction ?? 0)
            return SurveyRow(index: index, code: village.code, name: village.name, households: row.map { "\($0.households)" } ?? "",
                             asked: row.map { "\($0.asked)" } ?? "", satisfied: row.map { "\($0.satisfied)" } ?? "",
                             coverage: coverage.map(percent) ?? "—", satisfaction: satisfaction.map(percent) ?? "—", low: low)
        }
        surveyTotal = (dossier?.survey.map { (vi ? "Toàn xã: " : "Whole commune: ") + percent($0.coverage) + (vi ? " số hộ được hỏi, " : " of households asked, ")
            + percent($0.satisfaction) + (vi ? " hài lòng" : " satisfied") } ?? "")
            + (thresholds.map { vi ? " (ngưỡng mỗi thôn: hỏi ≥ \(percent($0.surveyCoverage)), hài lòng ≥ \(percent($0.surveySatisfaction)))"
                                   : " (threshold per village: asked ≥ \(percent($0.surveyCoverage)), satisfied ≥ \(percent($0.surveySatisfaction)))" } ?? "")
        canSurvey = allowed.contains("survey")
        let council = dossier?.council
        councilMembers = council.map { "\($0.members)" } ?? ""
        councilFor = council.map { "\($0.for)" } ?? ""
        councilAgainst = council.map { "\($0.against)" } ?? ""
        councilAbstain = council.map { "\($0.abstain)" } ?? ""
        councilVotedOn = council?.votedOn ?? ""
        councilVotedOnText = council.flatMap { Day($0.votedOn) }.map(DateFormat.format) ?? ""
        councilResult = council.map { c in
            (vi ? "Tỷ lệ phiếu \(c.for)/\(c.members) tán thành — " : "\(c.for)/\(c.members) in favour — ")
                + (c.passed ? (vi ? "đạt" : "passed") : (vi ? "không đạt" : "not passed"))
        } ?? ""
        canVote = allowed.contains("council")
        decisionSigner = dossier?.procedure?.decisionSigner ?? ""
        announcedOn = dossier?.procedure?.announcedOn.flatMap(Day.init).map(DateFormat.format) ?? ""
        self.workflow = workflow
        w = vi ? [
            "title": "Hồ sơ công nhận đạt chuẩn NTM", "noDossier": "Chưa có hồ sơ. Khi xã đạt đủ tiêu chí, cán bộ xã lập hồ sơ tại đây.",
            "legacy": "Hồ sơ này được ghi nhận ngoài quy trình (nộp thẳng, trước khi dùng NTM): không có các bước và tài liệu.",
            "procedure": "Quy trình", "opened": "lập ngày", "steps": "Các bước", "step": "Bước", "who": "Ai làm", "due": "Hạn", "done": "Đã xong",
            "problems": "Còn thiếu / chưa đạt", "close": "Xong bước này", "overdue": "quá hạn", "on": "Ngày",
            "documents": "Tài liệu", "kind": "Loại", "file": "Tệp (PDF, JPEG, PNG; tối đa 10 MB)", "upload": "Tải lên", "by": "Người tải", "at": "Lúc",
            "older": "bản cũ", "noDocuments": "Chưa có tài liệu.",
            "posting": "Công khai để lấy ý kiến", "from": "Từ ngày", "to": "Đến ngày", "places": "Nơi niêm yết", "save": "Lưu",
            "survey": "Lấy ý kiến sự hài lòng (MTTQ)", "village": "Thôn", "households": "Số hộ", "asked": "Được hỏi", "satisfied": "Hài lòng",
            "coverage": "Tỷ lệ hỏi", "satisfaction": "Tỷ lệ hài lòng", "noVillages": "Xã chưa có danh sách thôn; thêm thôn trước khi lấy ý kiến.",
            "print": "In kết quả để niêm yết",
            "council": "Hội đồng thẩm định", "members": "Số thành viên", "for": "Tán thành", "against": "Không tán thành", "abstain": "Không biểu quyết",
            "votedOn": "Ngày họp", "signer": "Người ký quyết định", "announced": "Ngày công bố",
            "workflow": "Chuyển bước hồ sơ", "back": "Về trang xã"]
            : [
            "title": "Recognition dossier", "noDossier": "No dossier yet. Once every criterion is met, the commune officer opens it here.",
            "legacy": "This dossier was recorded outside the procedure (submitted directly, before NTM): it has no steps or documents.",
            "procedure": "Procedure", "opened": "opened on", "steps": "Steps", "step": "Step", "who": "Who", "due": "Due", "done": "Done",
            "problems": "Missing / not met", "close": "Close this step", "overdue": "overdue", "on": "Day",
            "documents": "Documents", "kind": "Kind", "file": "File (PDF, JPEG, PNG; 10 MB at most)", "upload": "Upload", "by": "By", "at": "At",
            "older": "older version", "noDocuments": "No documents yet.",
            "posting": "Public posting for comments", "from": "From", "to": "To", "places": "Where posted", "save": "Save",
            "survey": "Satisfaction survey (Fatherland Front)", "village": "Village", "households": "Households", "asked": "Asked", "satisfied": "Satisfied",
            "coverage": "Asked", "satisfaction": "Satisfied", "noVillages": "The commune has no villages listed; add them before the survey.",
            "print": "Print the results for posting",
            "council": "Appraisal council", "members": "Members", "for": "For", "against": "Against", "abstain": "Abstain",
            "votedOn": "Meeting day", "signer": "Decision signed by", "announced": "Announced on",
            "workflow": "Move the dossier on", "back": "Back to the commune"]
    }
}
