/// The recognition procedure as data (issue 17): its steps in order, each with how many days it
/// may take and the documents it needs, and the thresholds the dossier is checked against. A
/// province adjusts the file, not the code; every default says where it comes from or that it is
/// not verified yet ("chưa xác minh").
public struct RecognitionProcedure: Codable, Hashable, Sendable {
    public struct Document: Codable, Hashable, Sendable {
        public var kind: String
        public var name: LocalizedText

        public init(kind: String, name: LocalizedText) {
            self.kind = kind
            self.name = name
        }
    }

    /// Who closes a step: the commune, its Fatherland Front, the district, or the province.
    public enum Actor: String, Codable, Hashable, Sendable {
        case commune, front, district, province

        public var action: Action {
            switch self {
            case .commune: .submitDossier
            case .front: .enterSurvey
            case .district: .appraiseDossier
            case .province: .recognise
            }
        }
    }

    public struct Step: Codable, Hashable, Sendable {
        public var code: String
        public var name: LocalizedText
        /// Calendar days the step may take once the previous one is closed; nil: no deadline.
        public var days: Int?
        public var documents: [Document]
        public var source: String?
        public var verified: Bool
        /// Who closes it (default: the commune).
        public var actor: Actor?
        /// The workflow step that closes it (submit, pass, recognise); nil: closed on its own.
        public var closedBy: DossierStep?

        public init(code: String, name: LocalizedText, days: Int?, documents: [Document] = [], source: String? = nil, verified: Bool = false,
                    actor: Actor? = nil, closedBy: DossierStep? = nil) {
            self.code = code
            self.name = name
            self.days = days
            self.documents = documents
            self.source = source
            self.verified = verified
            self.actor = actor
            self.closedBy = closedBy
        }

        public var closer: Actor { actor ?? .commune }
    }

    public struct Thresholds: Codable, Hashable, Sendable {
        /// Days the self-assessment report stays posted for comments.
        public var postingDays: Int
        /// Share of a village's households that must be asked (every village).
        public var surveyCoverage: Double
        /// Share of the households asked that must be satisfied.
        public var surveySatisfaction: Double
        /// Share of the council's members that must vote for a valid vote.
        public var councilQuorum: Double
        /// Share of the council's members whose vote "for" passes the dossier.
        public var councilPass: Double

        public init(postingDays: Int, surveyCoverage: Double, surveySatisfaction: Double, councilQuorum: Double, councilPass: Double) {
            self.postingDays = postingDays
            self.surveyCoverage = surveyCoverage
            self.surveySatisfaction = surveySatisfaction
            self.councilQuorum = councilQuorum
            self.councilPass = councilPass
        }
    }

    /// What the procedure leads to: a recognition (the default) or its revocation.
    public enum Purpose: String, Codable, Hashable, Sendable {
        case recognition, revocation
    }

    public var code: String
    public var name: LocalizedText
    public var purpose: Purpose?
    public var effective: DateWindow
    public var source: String?
    public var steps: [Step]
    public var thresholds: Thresholds

    public var leadsTo: Purpose { purpose ?? .recognition }

    public init(code: String, name: LocalizedText, purpose: Purpose? = nil, effective: DateWindow, source: String?, steps: [Step], thresholds: Thresholds) {
        self.code = code
        self.purpose = purpose
        self.name = name
        self.effective = effective
        self.source = source
        self.steps = steps
        self.thresholds = thresholds
    }

    /// Each step's due day: the previous step's closing day (or the start) plus its days. A step
    /// after one still open has no due day yet.
    public func dueDays(start: Day, closedOn: [String: Day]) -> [String: Day] {
        var due: [String: Day] = [:]
        var previous: Day? = start
        for step in steps {
            if let days = step.days, let from = previous { due[step.code] = from.adding(days: days) }
            previous = closedOn[step.code]
        }
        return due
    }

    public func step(_ code: String) -> Step? { steps.first { $0.code == code } }

    /// The step a workflow step closes (submit closes the proposal, recognise the decision).
    public func step(closedBy workflowStep: DossierStep) -> Step? { steps.first { $0.closedBy == workflowStep } }

    /// Open steps whose due day has passed, in order.
    public func overdue(start: Day, closedOn: [String: Day], today: Day) -> [Step] {
        let due = dueDays(start: start, closedOn: closedOn)
        return steps.filter { closedOn[$0.code] == nil && (due[$0.code].map { $0 < today } ?? false) }
    }
}

/// What a dossier holds so far, as the checker reads it.
public struct DossierFacts: Hashable, Sendable {
    public struct Posting: Hashable, Sendable {
        public var from: Day
        public var to: Day

        public init(from: Day, to: Day) {
            self.from = from
            self.to = to
        }
    }

    public struct VillageSurvey: Hashable, Sendable {
        public var code: String
        public var name: String
        public var households: Int
        public var asked: Int
        public var satisfied: Int

        public init(code: String, name: String, households: Int, asked: Int, satisfied: Int) {
            self.code = code
            self.name = name
            self.households = households
            self.asked = asked
            self.satisfied = satisfied
        }
    }

    public struct Council: Hashable, Sendable {
        public var members: Int
        public var votesFor: Int
        public var against: Int
        public var abstain: Int
        public var votedOn: Day

        public init(members: Int, votesFor: Int, against: Int, abstain: Int, votedOn: Day) {
            self.members = members
            self.votesFor = votesFor
            self.against = against
            self.abstain = abstain
            self.votedOn = votedOn
        }

        public var voted: Int { votesFor + against + abstain }
    }

    public var documents: Set<String>
    /// Steps already closed.
    public var closedSteps: Set<String>
    /// Villages of the commune with no survey entered yet.
    public var villagesNotSurveyed: [String]
    public var posting: Posting?
    /// Residents' comments on the posting not yet answered and closed.
    public var openComments: Int = 0
    public var villages: [VillageSurvey]
    public var council: Council?
    public var appraisedOn: Day?
    public var decisionOn: Day?
    /// Criteria the recognition rests on that have no evidence file.
    public var criteriaWithoutEvidence: [Int]

    public init(documents: Set<String> = [], closedSteps: Set<String> = [], villagesNotSurveyed: [String] = [], posting: Posting? = nil,
                villages: [VillageSurvey] = [], council: Council? = nil,
                appraisedOn: Day? = nil, decisionOn: Day? = nil, criteriaWithoutEvidence: [Int] = []) {
        self.documents = documents
        self.closedSteps = closedSteps
        self.villagesNotSurveyed = villagesNotSurveyed
        self.posting = posting
        self.villages = villages
        self.council = council
        self.appraisedOn = appraisedOn
        self.decisionOn = decisionOn
        self.criteriaWithoutEvidence = criteriaWithoutEvidence
    }
}

/// One thing wrong with a dossier before a step may close, named so the officer can fix it.
public enum DossierProblem: Hashable, Sendable {
    case earlierStepOpen(step: String, name: LocalizedText)
    case missingDocument(step: String, kind: String, name: LocalizedText)
    case villageNotSurveyed(village: String)
    case commentsOpen(count: Int)
    case noVote
    case postingTooShort(days: Int, required: Int)
    case surveyCoverageLow(village: String, coverage: Double, required: Double)
    case satisfactionLow(village: String, satisfaction: Double, required: Double)
    case surveyCountsImpossible(village: String)
    case noQuorum(voted: Int, members: Int, required: Double)
    case votePassesNot(votesFor: Int, members: Int, required: Double)
    case decisionBeforeAppraisal(decision: Day, appraisal: Day)
    case evidenceMissing(criteria: [Int])

    public func reason(_ language: Language) -> String {
        let vi = language == .vi
        func percent(_ x: Double) -> String { NumberFormat.format(x * 100, decimals: 1, language: language) + " %" }
        switch self {
        case .earlierStepOpen(_, let name):
            return vi ? "Bước trước chưa xong: \(name.vi)" : "An earlier step is still open: \(name.text(.en))"
        case .villageNotSurveyed(let village):
            return vi ? "\(village): chưa nhập kết quả lấy ý kiến" : "\(village): no survey result entered"
        case .commentsOpen(let count):
            return vi ? "Còn \(count) ý kiến của người dân về báo cáo chưa được trả lời" : "\(count) residents' comments on the report are not answered yet"
        case .noVote:
            return vi ? "Chưa nhập kết quả bỏ phiếu của Hội đồng" : "The council's vote is not entered"
        case .missingDocument(_, _, let name):
            return vi ? "Thiếu tài liệu: \(name.vi)" : "Document missing: \(name.text(.en))"
        case .postingTooShort(let days, let required):
            return vi ? "Báo cáo mới niêm yết \(days) ngày, cần ít nhất \(required) ngày" : "Posted for \(days) days; \(required) required"
        case .surveyCoverageLow(let village, let coverage, let required):
            return vi ? "\(village): mới lấy ý kiến \(percent(coverage)) số hộ, cần ít nhất \(percent(required))"
                      : "\(village): \(percent(coverage)) of households asked; at least \(percent(required)) required"
        case .satisfactionLow(let village, let satisfaction, let required):
            return vi ? "\(village): \(percent(satisfaction)) số hộ được hỏi hài lòng, cần ít nhất \(percent(required))"
                      : "\(village): \(percent(satisfaction)) of those asked are satisfied; at least \(percent(required)) required"
        case .surveyCountsImpossible(let village):
            return vi ? "\(village): số hộ được hỏi hoặc hài lòng vượt số hộ" : "\(village): more households asked or satisfied than there are"
        case .noQuorum(let voted, let members, let required):
            return vi ? "Hội đồng: \(voted)/\(members) thành viên bỏ phiếu, chưa đủ \(percent(required))"
                      : "Council: \(voted)/\(members) members voted; \(percent(required)) needed for a valid vote"
        case .votePassesNot(let votesFor, let members, let required):
            return vi ? "Hội đồng: \(votesFor)/\(members) phiếu tán thành, cần ít nhất \(percent(required)) số thành viên"
                      : "Council: \(votesFor)/\(members) in favour; at least \(percent(required)) of the members needed"
        case .decisionBeforeAppraisal(let decision, let appraisal):
            return vi ? "Quyết định ngày \(DateFormat.format(decision)) trước ngày thẩm định \(DateFormat.format(appraisal))"
                      : "The decision (\(DateFormat.format(decision))) is dated before the appraisal (\(DateFormat.format(appraisal)))"
        case .evidenceMissing(let criteria):
            let list = criteria.map(String.init).joined(separator: ", ")
            return vi ? "Chưa có minh chứng cho tiêu chí \(list)" : "No evidence yet for criteria \(list)"
        }
    }
}

/// What is wrong with a dossier before `step` may close: every rule at once, in the procedure's order.
public enum DossierChecker {
    /// `day`: the closing day — a posting still running counts only the days up to it.
    public static func problems(closing step: String, on day: Day? = nil, facts: DossierFacts, procedure: RecognitionProcedure) -> [DossierProblem] {
        guard let index = procedure.steps.firstIndex(where: { $0.code == step }) else { return [] }
        let upTo = procedure.steps[...index]
        let codes = Set(upTo.map(\.code))
        var problems: [DossierProblem] = []
        for s in upTo.dropLast() where !facts.closedSteps.contains(s.code) {
            problems.append(.earlierStepOpen(step: s.code, name: s.name))
        }
        for s in upTo {
            for document in s.documents where !facts.documents.contains(document.kind) {
                problems.append(.missingDocument(step: s.code, kind: document.kind, name: document.name))
            }
        }
        let t = procedure.thresholds
        if codes.contains("public-posting") {
            let days = facts.posting.map { min($0.to, day ?? $0.to).ordinal - $0.from.ordinal + 1 }.map { max($0, 0) } ?? 0
            if days < t.postingDays { problems.append(.postingTooShort(days: days, required: t.postingDays)) }
            if facts.openComments > 0 { problems.append(.commentsOpen(count: facts.openComments)) }
        }
        if codes.contains("survey") {
            problems += facts.villagesNotSurveyed.map { .villageNotSurveyed(village: $0) }
            for village in facts.villages {
                guard village.households > 0, village.asked <= village.households, village.satisfied <= village.asked,
                      village.asked >= 0, village.satisfied >= 0 else {
                    problems.append(.surveyCountsImpossible(village: village.name))
                    continue
                }
                let coverage = Double(village.asked) / Double(village.households)
                if coverage < t.surveyCoverage { problems.append(.surveyCoverageLow(village: village.name, coverage: coverage, required: t.surveyCoverage)) }
                let satisfaction = village.asked == 0 ? 0 : Double(village.satisfied) / Double(village.asked)
                if satisfaction < t.surveySatisfaction {
                    problems.append(.satisfactionLow(village: village.name, satisfaction: satisfaction, required: t.surveySatisfaction))
                }
            }
        }
        if codes.contains("council"), facts.council.map({ $0.members <= 0 }) ?? true { problems.append(.noVote) }
        if codes.contains("council"), let council = facts.council, council.members > 0 {
            if Double(council.voted) < t.councilQuorum * Double(council.members) {
                problems.append(.noQuorum(voted: council.voted, members: council.members, required: t.councilQuorum))
            } else if Double(council.votesFor) < t.councilPass * Double(council.members) {
                problems.append(.votePassesNot(votesFor: council.votesFor, members: council.members, required: t.councilPass))
            }
        }
        if codes.contains("decision"), let decision = facts.decisionOn {
            let appraisal = [facts.appraisedOn, facts.council?.votedOn].compactMap { $0 }.max()
            if let appraisal, decision < appraisal { problems.append(.decisionBeforeAppraisal(decision: decision, appraisal: appraisal)) }
        }
        if codes.contains("self-assessment"), !facts.criteriaWithoutEvidence.isEmpty {
            problems.append(.evidenceMissing(criteria: facts.criteriaWithoutEvidence.sorted()))
        }
        return problems
    }
}

/// The yearly upkeep check (issue 17, point 6): recognised units whose latest scorecard no longer
/// meets every criterion, with how long they have been recognised. A list to act on, never a demotion.
public enum UpkeepCheck {
    public struct Unit: Hashable, Sendable {
        public var code: String
        public var name: String
        public var recognisedOn: Day
        public var unmet: [Int]

        public init(code: String, name: String, recognisedOn: Day, unmet: [Int]) {
            self.code = code
            self.name = name
            self.recognisedOn = recognisedOn
            self.unmet = unmet
        }
    }

    public struct Finding: Hashable, Sendable {
        public var unit: Unit
        public var daysSinceRecognition: Int
    }

    /// Units at risk on `day`, longest recognised first.
    public static func atRisk(_ units: [Unit], on day: Day) -> [Finding] {
        units.filter { !$0.unmet.isEmpty && $0.recognisedOn <= day }
            .map { Finding(unit: $0, daysSinceRecognition: day.ordinal - $0.recognisedOn.ordinal) }
            .sorted { ($0.daysSinceRecognition, $1.unit.code) > ($1.daysSinceRecognition, $0.unit.code) }
    }
}
