import NTMDomain
import Vapor

/// A commune (or town, village) on a day: every criterion with its indicators, and its history.
struct CommunePageModel: Encodable {
    /// The write forms this viewer may open from the page.
    var formLinks: [FormLink] = []
    struct CriterionRow: Encodable {
        var number: Int
        var name: String
        var group: String
        var mark: StatusMark
        var basis: String
        var note: String
        var contradicted: Bool
        /// Every planned task for this criterion is done, but the assessment still says not met.
        var workFinished: Bool
        var indicators: [IndicatorRow]
    }

    struct IndicatorRow: Encodable {
        var code: String
        var name: String
        var value: String
        var threshold: String
        var mark: StatusMark
        var verified: Bool
        /// Uploaded evidence files for this indicator, linked.
        var files: [UnitLink] = []
    }

    struct HistoryRow: Encodable {
        var date: String
        var url: String
        var set: String
        var score: String
        var level: String
        var source: String
    }

    var layout: LayoutModel
    /// Residents' reports below the unit, for officers who handle them.
    var reports: ReportsPanel? = nil
    var name: String
    var code: String
    var levelName: String
    var date: String
    var dateText: String
    var setName: String?
    var setCode: String?
    var setURL: String?
    var unverified: Bool
    var hasAssessment: Bool
    var assessedOn: String
    var source: String
    var note: String
    var score: String
    var met: Int
    var total: Int
    var levelCSS: String
    var levelWord: String
    var unmet: [String]
    /// Criteria declared not applicable: "Chợ nông thôn (7)", outside the count.
    var notApplicable: String?
    var recognition: String?
    var recognitionAtRisk: Bool
    /// A merged unit's standing: "chờ thừa nhận" and why, or what it keeps from its predecessors.
    var mergerNote: String?
    var mergerAwaiting: Bool
    /// "Nhóm xã 2 (từ 15/02/2026 · source)" where the set in force groups communes.
    var communeGroup: String?
    var notAssessedCount: Int
    var criteria: [CriterionRow]
    var history: [HistoryRow]
    var villages: [UnitLink]
    var workflow: WorkflowPanel
    var plans: [UnitLink]
    var ladder: [UnitLink]
    var plansURL: String
    var workFinishedLabel: String
    /// The assessment form, for an officer who may record one here.
    var assessmentURL: String? = nil
    var evidenceURL: String = ""

    /// Evidence files shown beside the indicators they prove.
    mutating func attach(evidence: [EvidenceFile]) {
        let byIndicator = Dictionary(grouping: evidence.filter { $0.indicatorCode != nil }, by: { $0.indicatorCode! })
        for c in criteria.indices {
            for i in criteria[c].indicators.indices {
                criteria[c].indicators[i].files = (byIndicator[criteria[c].indicators[i].code] ?? [])
                    .map { UnitLink(name: $0.originalName, url: $0.url, detail: "") }
            }
        }
    }

    /// "Chờ tỉnh thừa nhận: hình thành ngày 01/07/2025 từ 3 đơn vị, đã đạt chuẩn: A, B; chưa: C."
    static func mergerNote(_ merger: MergedUnitStanding, vi: Bool) -> String? {
        let recognised = merger.predecessors.filter(\.recognised).map(\.name).joined(separator: ", ")
        let not = merger.predecessors.filter { !$0.recognised }.map(\.name).joined(separator: ", ")
        let on = DateFormat.format(merger.mergedOn)
        let rule = merger.ruleSource.map { (vi ? " Quy tắc của tỉnh: " : " Province rule: ") + $0 }
            ?? (vi ? " Tỉnh chưa đặt quy tắc: cần quyết định thừa nhận." : " The province has set no rule: a decision is needed.")
        switch merger.standing {
        case .inherited:
            return (vi ? "Giữ chuẩn sau sáp nhập ngày \(on): mọi đơn vị cũ đã đạt chuẩn (\(recognised))."
                       : "Keeps the standard after the merger of \(on): every former unit was recognised (\(recognised)).") + rule
        case .awaitingAcknowledgement:
            return (vi ? "Chờ tỉnh thừa nhận: hình thành ngày \(on); đã đạt chuẩn: \(recognised)" + (not.isEmpty ? "." : "; chưa đạt chuẩn: \(not).")
                       : "Awaiting the province's acknowledgement: formed on \(on); recognised: \(recognised)" + (not.isEmpty ? "." : "; not recognised: \(not).")) + rule
        case .notInherited:
            return nil
        }
    }

    init(request: Request, card: UnitScorecard, ancestors: [AdminUnit], day: Day,
         history: [(assessment: Assessment, set: CriteriaSet?, scorecard: Scorecard?)], villages: [AdminUnit], workflow: WorkflowPanel,
         plans: [PlanSchedule], ladder: [LadderQueries.Rung]) {
        self.workflow = workflow
        let vi = request.language == .vi
        let gradeNames: [CriteriaSetDefinition.Grade: String] = vi ? [.standard: "NTM", .advanced: "NTM nâng cao", .model: "NTM kiểu mẫu"]
            : [.standard: "NTM", .advanced: "Advanced NTM", .model: "Model NTM"]
        let words = UIText(request.language)
        self.ladder = ladder.map { rung in
            let blocked = rung.blockedBy.map { (vi ? " — cần đạt " : " — needs ") + gradeNames[$0]! + (vi ? " trước" : " first") } ?? ""
            return UnitLink(name: gradeNames[rung.grade]!, url: SiteURL.criteriaSet(rung.set).path, detail: "\(rung.met)/\(rung.total) · \(words.levelWord(rung.level))\(blocked)")
        }
        self.plans = plans.map { p in
            UnitLink(name: p.plan.name, url: SiteURL.plan(p.plan.id!.uuidString).link([("date", day.iso)]),
                     detail: p.projectedFinish.map { "\(DateFormat.format($0)) / \(DateFormat.format(p.target))" } ?? "")
        }
        plansURL = SiteURL.unit(card.unit.code, "plans", on: day)
        workFinishedLabel = request.language == .vi ? "đã xong công việc, chờ đánh giá lại" : "work finished, awaiting re-assessment"
        // The assessment stays the source of truth: finished work only flags the criterion for re-assessment.
        let finishedCriteria: Set<Int> = Set(plans.flatMap { plan in
            Dictionary(grouping: plan.tasks.indices.filter { plan.tasks[$0].criterionNumber != nil }, by: { plan.tasks[$0].criterionNumber! })
                .filter { $0.value.allSatisfy(plan.isDone) }.keys
        })
        let language = request.language
        let text = UIText(language)
        let unit = card.unit
        layout = LayoutModel(request: request, title: "\(unit.name) — \(DateFormat.format(day))", crumbs: Crumbs.of(ancestors, day: day))
        name = unit.name
        code = unit.code
        levelName = LevelNames.name(unit.level, language)
        date = day.iso
        dateText = DateFormat.format(day)
        setName = card.set?.name.text(language)
        setCode = card.set?.code
        setURL = card.set.map { SiteURL.criteriaSet($0.code).path }
        unverified = card.set?.hasUnverifiedParts ?? false
        hasAssessment = card.assessment != nil
        assessedOn = card.assessment.flatMap { Day($0.asOf) }.map(DateFormat.format) ?? ""
        source = card.assessment?.source ?? ""
        note = card.assessment?.note ?? ""
        met = card.met
        total = card.total
        score = card.set == nil ? "—" : "\(card.met)/\(card.total)"
        levelCSS = card.level.rawValue
        levelWord = card.set == nil ? text.noSet : text.levelWord(card.level)
        unmet = card.scorecard?.unmet.map { "\($0.criterion.name.text(language)) (\($0.criterion.number))" } ?? []
        notAssessedCount = card.scorecard?.notAssessed.count ?? 0
        let notApplicableNames = card.scorecard?.notApplicable.map { "\($0.criterion.name.text(language)) (\($0.criterion.number))" } ?? []
        notApplicable = notApplicableNames.isEmpty ? nil : notApplicableNames.joined(separator: "; ")
        recognition = card.recognition.map { r in
            let by = r.basis == .acknowledgement ? (vi ? "Thừa nhận theo quyết định" : "Acknowledged by decision") : text.recognisedBy
            // A result decided the next year says which year it was achieved in (reports count by either).
            let achieved = r.resultYear.flatMap { year in Int(r.decidedOn.prefix(4)) != year ? (vi ? " (kết quả năm \(year))" : " (result of \(year))") : nil } ?? ""
            return "\(by) \(r.decisionNumber), \(DateFormat.format(stored: r.decidedOn))" + achieved
        }
        recognitionAtRisk = card.recognitionAtRisk
        mergerAwaiting = card.awaitingAcknowledgement
        mergerNote = card.recognition == nil ? card.merger.flatMap { Self.mergerNote($0, vi: vi) } : nil
        communeGroup = card.communeGroup.map { g in
            let from = DateFormat.format(stored: g.validFrom)
            return (vi ? "Nhóm xã \(g.groupCode) (từ \(from)" : "Commune group \(g.groupCode) (from \(from)")
                + ([g.decision, g.source].compactMap { $0 }.map { " · " + $0 }.joined()) + ")"
        }
        let set = card.set
        criteria = card.scorecard?.results.map { result in
            let name = result.criterion.name.text(language)
            let group = set?.group(code: result.criterion.group)?.name.text(language) ?? ""
            return CriterionRow(number: result.criterion.number, name: name, group: group == name ? "" : group,
                         mark: StatusMark(result.status, text: text),
                         basis: result.basis == .declaration ? text.basisDeclaration : (result.basis == .none ? "" : text.basisIndicators),
                         note: result.declaration?.note ?? "", contradicted: result.declarationContradicted,
                         workFinished: result.status != .met && finishedCriteria.contains(result.criterion.number),
                         indicators: result.indicators.map { IndicatorRow($0, language: language, text: text) })
        } ?? []
        self.history = history.map { entry in
            let day = Day(entry.assessment.asOf)
            return HistoryRow(date: day.map(DateFormat.format) ?? entry.assessment.asOf,
                              url: SiteURL.unit(unit.code, on: day), set: entry.set?.name.text(language) ?? entry.assessment.setCode,
                              score: entry.scorecard.map { "\($0.met)/\($0.total)" } ?? "—",
                              level: entry.scorecard.map { text.levelWord($0.level) } ?? "", source: entry.assessment.source ?? "")
        }
        self.villages = villages.map { UnitLink(name: $0.name, url: SiteURL.unit($0.code, on: day), detail: $0.code) }
    }
}

extension CommunePageModel.IndicatorRow {
    init(_ result: IndicatorResult, language: Language, text: UIText) {
        let indicator = result.indicator
        let unit = indicator.unit.map { $0 == "%" ? "%" : " \($0)" } ?? ""
        code = indicator.code
        name = indicator.name.text(language)
        switch result.value {
        case .yes(let flag)?: value = flag ? text.met : text.notMet
        case .number(let n)?: value = NumberFormat.format(n, decimals: 2, language: language) + unit
        case nil: value = "—"
        }
        switch (indicator.kind, result.threshold) {
        case (.yesNo, _): threshold = text.met
        case (.atLeast, let t?), (.percentAtLeast, let t?): threshold = "≥ " + NumberFormat.format(t.value, decimals: 2, language: language) + unit
        case (.atMost, let t?), (.percentAtMost, let t?): threshold = "≤ " + NumberFormat.format(t.value, decimals: 2, language: language) + unit
        default: threshold = "—"
        }
        mark = StatusMark(result.status, text: text)
        verified = indicator.verified
    }
}
