import Fluent
import NTMDomain
import Vapor

/// Body of `POST /api/v1/units/{code}/dossier`: one step of the recognition workflow.
struct DossierStepDTO: Content {
    var step: DossierStep
    /// The day the step is taken (default today): the unit and its assessment are read as of it.
    var date: String?
    var grade: CriteriaSetDefinition.Grade?
    var note: String?
    var decisionNumber: String?
    var decisionDate: String?
    /// Who signed the recognition decision (the chairman of the provincial People's Committee, usually).
    var signer: String?
    /// The dossier version the caller saw; a step on a dossier changed since is refused.
    var version: Int?
}

struct DossierDTO: Content {
    var unitCode: String
    var grade: CriteriaSetDefinition.Grade
    var state: DossierState
    var version: Int
    var assessmentDate: String
    var events: [Event]
    /// The procedure the dossier runs under; nil for a dossier recorded straight as submitted.
    var procedure: Procedure?
    /// Each procedure step: its due day, when it closed, and what still stops it from closing.
    var steps: [Step]
    /// The latest version of each document, then older versions.
    var documents: [Document]
    var posting: Posting?
    var survey: Survey?
    var council: Council?

    struct Event: Content {
        var step: DossierStep
        var from: DossierState?
        var to: DossierState
        var by: String
        var at: Date
        var note: String?
        var decisionNumber: String?
        var decisionDate: String?
    }

    struct Procedure: Content {
        var code: String
        var name: String
        var openedOn: String
        var decisionSigner: String?
        var announcedOn: String?
    }

    struct Step: Content {
        var step: String
        var name: String
        var actor: String
        var due: String?
        var closedAt: String?
        var closedBy: String?
        var overdue: Bool
        var problems: [String]
    }

    struct Document: Content {
        var kind: String
        var name: String
        var fileName: String
        var url: String
        var uploadedAt: Date?
        var uploadedBy: String
        var latest: Bool
    }

    struct Posting: Content {
        var from: String
        var to: String
        var places: String?
    }

    struct Survey: Content {
        var coverage: Double
        var satisfaction: Double
        var villages: [Village]

        struct Village: Content {
            var code: String
            var name: String
            var households: Int
            var asked: Int
            var satisfied: Int
        }
    }

    struct Council: Content {
        var members: Int
        var `for`: Int
        var against: Int
        var abstain: Int
        var votedOn: String
        var passed: Bool
    }

    init(_ dossier: Dossier, unitCode: String, assessmentDate: String, file: DossierFile? = nil, today: Day = .today, language: Language = .vi) {
        self.unitCode = unitCode
        grade = dossier.grade
        state = dossier.state
        version = dossier.version
        self.assessmentDate = assessmentDate
        events = dossier.events.sorted { $0.at < $1.at }.map {
            Event(step: $0.step, from: $0.fromState, to: $0.toState, by: $0.actorName, at: $0.at, note: $0.note,
                  decisionNumber: $0.decisionNumber, decisionDate: $0.decisionDate)
        }
        steps = []
        documents = []
        guard let file, let record = file.record, let procedure = file.procedure, let opened = Day(record.openedOn) else { return }
        self.procedure = Procedure(code: procedure.code, name: procedure.name.text(language), openedOn: record.openedOn,
                                   decisionSigner: record.decisionSigner, announcedOn: record.announcedOn)
        let closedOn = file.closedOn
        let due = procedure.dueDays(start: opened, closedOn: closedOn)
        let closers = Dictionary(file.closings.map { ($0.step, $0.closedBy) }, uniquingKeysWith: { a, _ in a })
        let facts = file.facts()
        var earlier: Set<DossierProblem> = []
        steps = procedure.steps.map { step in
            // A step's own problems: what the checker finds up to it that it did not find up to the step before.
            let upTo = DossierChecker.problems(closing: step.code, on: today, facts: facts, procedure: procedure)
            let own = upTo.filter { problem in
                if case .earlierStepOpen = problem { return false }
                return !earlier.contains(problem)
            }
            earlier.formUnion(upTo)
            let closed = closedOn[step.code]
            return Step(step: step.code, name: step.name.text(language), actor: step.closer.rawValue, due: due[step.code]?.iso, closedAt: closed?.iso,
                        closedBy: closers[step.code], overdue: closed == nil && (due[step.code].map { $0 < today } ?? false),
                        problems: closed == nil ? own.map { $0.reason(language) } : [])
        }
        let names = Dictionary(procedure.steps.flatMap(\.documents).map { ($0.kind, $0.name.text(language)) }, uniquingKeysWith: { a, _ in a })
        let latest = Set(file.latestDocuments.values.compactMap(\.id))
        documents = file.documents.map { document in
            Document(kind: document.kind, name: names[document.kind] ?? document.kind, fileName: document.file.originalName, url: document.file.url,
                     uploadedAt: document.createdAt, uploadedBy: document.uploadedBy, latest: document.id.map(latest.contains) ?? false)
        }
        if let from = record.postedFrom, let to = record.postedTo { posting = Posting(from: from, to: to, places: record.postingPlaces) }
        let surveyed = file.surveyed
        let households = surveyed.map(\.households).reduce(0, +), asked = surveyed.map(\.asked).reduce(0, +)
        survey = Survey(coverage: households == 0 ? 0 : Double(asked) / Double(households),
                        satisfaction: asked == 0 ? 0 : Double(surveyed.map(\.satisfied).reduce(0, +)) / Double(asked),
                        villages: surveyed.map { .init(code: $0.code, name: $0.name, households: $0.households, asked: $0.asked, satisfied: $0.satisfied) })
        if let vote = file.council {
            let t = procedure.thresholds
            let passed = Double(vote.voted) >= t.councilQuorum * Double(vote.members) && Double(vote.votesFor) >= t.councilPass * Double(vote.members)
            council = Council(members: vote.members, for: vote.votesFor, against: vote.against, abstain: vote.abstain, votedOn: vote.votedOn.iso, passed: passed)
        }
    }
}

/// Applies workflow steps: the domain decides whether a step may follow; this records who did it.
enum DossierWriter {
    /// The latest dossier of a unit at a grade, with its steps.
    static func current(unit: AdminUnit, grade: CriteriaSetDefinition.Grade, db: any Database) async throws -> Dossier? {
        try await Dossier.query(on: db).filter(\.$unit.$id == unit.requireID()).filter(\.$grade == grade)
            .sort(\.$createdAt, .descending).with(\.$events).with(\.$assessment).first()
    }

    /// A district reviews the dossier only where one stands above the unit.
    static func hasDistrictReview(ancestors: [AdminUnit]) -> Bool {
        ancestors.contains { $0.level == .district }
    }

    /// `procedures`: the recognition procedures (reference data) — `open` starts the one in force,
    /// and a dossier opened under one may take submit, pass and recognise only when its checker is clean.
    static func apply(_ input: DossierStepDTO, unitCode: String, actor: AuditActor, procedures: [RecognitionProcedure], db: any Database,
                      language: Language = .vi, authorize: (AdminUnit, Action) async throws -> Void) async throws -> DossierDTO {
        let grade = input.grade ?? .standard
        let stepDay = try input.date.flatMap { $0.isEmpty ? nil : try Day.parse($0, field: "date") } ?? .today
        let unit = try await UnitQueries.require(code: unitCode, on: stepDay, db: db)
        // The appraisal chain follows the unit tree of the day: a district reviews only where one
        // stands between commune and province (until 30/06/2025); on two tiers the province does.
        let districtReview = hasDistrictReview(ancestors: try await UnitQueries.ancestors(of: unit, db: db))
        try await authorize(unit, input.step.action(districtReview: districtReview))
        let dossier = try await current(unit: unit, grade: grade, db: db)
        @Sendable func changed(_ current: Dossier) -> AppError {
            let by = current.events.max { $0.at < $1.at }?.actorName ?? "?"
            return AppError(.conflict, field: "version", vi: "Hồ sơ đã được \(by) cập nhật lúc \(current.updatedAt.map(TimestampFormat.format) ?? "?"); tải lại trang",
                            en: "The dossier was changed by \(by) at \(current.updatedAt.map(TimestampFormat.format) ?? "?"); reload")
        }
        // A step is taken on the version the caller saw (the pages always send it; an API call
        // without one acts on the version read here). Either way the claim below is one statement,
        // so of two clicks on one version exactly one step happens.
        let seenVersion = input.version ?? dossier?.version
        if let dossier, let seenVersion, dossier.version != seenVersion { throw changed(dossier) }
        let note = input.note.map(TextFolding.normalized)
        let number = input.decisionNumber.map(TextFolding.normalized)
        let decisionDay = try input.decisionDate.map { try Day.parse($0, field: "decisionDate") }
        // Submission rests on the latest assessment under the set in force today.
        var basis: (Assessment, Scorecard)?
        if input.step == .submit || input.step == .open {
            let catalog = try await CriteriaQueries.catalog(db: db)
            let card = try await ScorecardQueries.scorecard(for: unit, setCode: nil, on: stepDay, catalog: catalog, db: db)
            if let assessment = card.assessment, let scorecard = card.scorecard { basis = (assessment, scorecard) }
        }
        let next: DossierState
        do {
            next = try RecognitionWorkflow.next(from: dossier?.state, step: input.step, scorecard: basis?.1, note: note, decisionNumber: number,
                                                districtReview: districtReview)
        } catch {
            throw describe(error, state: dossier?.state)
        }
        if input.step == .recognise && decisionDay == nil {
            throw AppError(.unprocessableEntity, field: "decisionDate", vi: "Cần ngày quyết định công nhận", en: "The decision date is required")
        }
        let (decision, on, basisAssessment) = (decisionDay, decisionDay ?? stepDay, basis?.0)
        // A dossier opened under a procedure takes its workflow steps only when the checker finds
        // nothing wrong with the procedure step each one closes (submit: the proposal; recognise: the decision).
        let catalog = try await CriteriaQueries.catalog(db: db)
        var closes: (step: String, day: Day)?
        if let dossier, input.step != .open {
            let file = try await DossierProcedureStore.load(dossier, unit: unit, on: stepDay, procedures: procedures, catalog: catalog, db: db)
            if let procedure = file.procedure, let step = procedure.step(closedBy: input.step) {
                let day = input.step == .recognise ? on : stepDay
                let problems = file.problems(closing: step.code, on: day, decisionOn: input.step == .recognise ? decision : nil)
                if !problems.isEmpty { throw DossierProcedureStore.describe(problems) }
                closes = (step.code, day)
            }
        }
        // Opening a dossier starts the recognition procedure in force; starting a revocation, the revocation one.
        let purpose: RecognitionProcedure.Purpose? = input.step == .open ? .recognition : (input.step == .startRevocation ? .revocation : nil)
        let procedure = purpose.flatMap { purpose in procedures.first { $0.leadsTo == purpose && $0.effective.contains(stepDay) } }
        if purpose != nil && procedure == nil {
            throw AppError(.unprocessableEntity, field: "date", vi: "Không có quy trình xét công nhận áp dụng ngày \(DateFormat.format(stepDay))",
                           en: "No recognition procedure applies on \(DateFormat.format(stepDay))")
        }
        let signer = input.signer.map(TextFolding.normalized).flatMap { $0.isEmpty ? nil : $0 }
        let closing = closes
        return try await db.transaction { tx in
            let target: Dossier
            // A revocation runs as a dossier of its own, on the assessment the recognition rested on:
            // the recognition's dossier stays in the history as it was.
            let startsNew = (input.step == .submit || input.step == .open) && dossier?.state != .preparing || input.step == .startRevocation
            let basisID = input.step == .startRevocation ? dossier?.$assessment.id : try basisAssessment?.requireID()
            if startsNew, let assessmentID = basisID {
                // A resubmission closes the previous dossier's version too: two clicks, one new dossier.
                if let previous = dossier, let version = seenVersion,
                   !(try await VersionedRow.claim(Dossier.schema, id: previous.requireID(), version: version, db: tx)) {
                    throw changed(previous)
                }
                target = Dossier(unitID: try unit.requireID(), assessmentID: assessmentID, grade: grade, state: next)
                try await target.create(on: tx)
            } else {
                target = dossier!
                guard let version = seenVersion,
                      try await VersionedRow.claim(Dossier.schema, id: target.requireID(), version: version, db: tx) else {
                    throw changed(try await Dossier.query(on: tx).filter(\.$id == target.requireID()).with(\.$events).first() ?? target)
                }
                target.state = next
                target.version = version + 1
                // Submitting a prepared dossier rests it on the latest assessment.
                if input.step == .submit, let assessment = basisAssessment { target.$assessment.id = try assessment.requireID() }
                try await target.save(on: tx)
            }
            if let procedure {
                try await DossierProcedureRecord(dossierID: try target.requireID(), procedureCode: procedure.code, openedOn: stepDay).create(on: tx)
            }
            if let closing {
                try await DossierStepClosing(dossierID: try target.requireID(), step: closing.step, closedOn: closing.day, closedBy: actor.name).create(on: tx)
            }
            if input.step == .recognise, let signer,
               let record = try await DossierProcedureRecord.query(on: tx).filter(\.$dossier.$id == target.requireID()).first() {
                record.decisionSigner = signer
                try await record.save(on: tx)
            }
            if input.step == .recognise, let number, let day = decision {
                _ = try await RecognitionWriter.record(RecognitionDTO(grade: grade, decisionNumber: number, date: day.iso, note: note),
                                                       unitCode: unit.code, actor: actor, db: tx)
            }
            if input.step == .revoke {
                let recognitions = try await Recognition.query(on: tx).filter(\.$unit.$id == unit.requireID()).filter(\.$grade == grade).all()
                for recognition in recognitions where recognition.inForce(on: on) {
                    recognition.revokedOn = on.iso
                    try await recognition.save(on: tx)
                }
                try await ScorecardStore.refreshAncestors(of: unit, db: tx)
            }
            let event = DossierEvent(dossierID: try target.requireID(), step: input.step, from: dossier?.state, to: next,
                                     actorName: actor.name, note: note, decisionNumber: number, decisionDate: decision?.iso)
            try await event.create(on: tx)
            try await Audit.record(tx, actor, action: input.step.rawValue, entity: "dossier", id: "\(unit.code)/\(grade.rawValue)",
                                   unitCode: unit.code, old: dossier.map { ["state": $0.state.rawValue] }, new: ["state": next.rawValue])
            guard let saved = try await Dossier.query(on: tx).filter(\.$id == target.requireID()).with(\.$events).with(\.$assessment).first() else {
                throw AppError.notFound("hồ sơ", unit.code, en: "dossier")
            }
            let file = try await DossierProcedureStore.load(saved, unit: unit, on: stepDay, procedures: procedures, catalog: catalog, db: tx)
            return DossierDTO(saved, unitCode: unit.code, assessmentDate: saved.assessment.asOf, file: file, today: stepDay, language: language)
        }
    }

    private static func describe(_ error: WorkflowError, state: DossierState?) -> AppError {
        switch error {
        case .outOfOrder(let step, let from):
            return AppError(.conflict, field: "step",
                            vi: "Không thể thực hiện bước \"\(step.rawValue)\" khi hồ sơ đang ở trạng thái \"\(from?.rawValue ?? "chưa có hồ sơ")\"",
                            en: "Step \"\(step.rawValue)\" cannot follow state \"\(from?.rawValue ?? "no dossier")\"")
        case .notAllCriteriaMet(let met, let total):
            return AppError(.unprocessableEntity, field: "step", vi: "Chỉ nộp hồ sơ khi đạt đủ tiêu chí (hiện đạt \(met)/\(total))",
                            en: "A dossier can be submitted only with every criterion met (now \(met)/\(total))")
        case .missing(let field):
            return AppError(.unprocessableEntity, field: field, vi: "Thiếu \(field == "note" ? "lý do" : "số quyết định")",
                            en: "\(field) is required")
        }
    }
}
