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

    init(_ dossier: Dossier, unitCode: String, assessmentDate: String) {
        self.unitCode = unitCode
        grade = dossier.grade
        state = dossier.state
        version = dossier.version
        self.assessmentDate = assessmentDate
        events = dossier.events.sorted { $0.at < $1.at }.map {
            Event(step: $0.step, from: $0.fromState, to: $0.toState, by: $0.actorName, at: $0.at, note: $0.note,
                  decisionNumber: $0.decisionNumber, decisionDate: $0.decisionDate)
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

    static func apply(_ input: DossierStepDTO, unitCode: String, actor: AuditActor, db: any Database,
                      authorize: (AdminUnit, Action) async throws -> Void) async throws -> DossierDTO {
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
        if input.step == .submit {
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
        return try await db.transaction { tx in
            let target: Dossier
            if input.step == .submit, let assessment = basisAssessment {
                // A resubmission closes the previous dossier's version too: two clicks, one new dossier.
                if let previous = dossier, let version = seenVersion,
                   !(try await VersionedRow.claim(Dossier.schema, id: previous.requireID(), version: version, db: tx)) {
                    throw changed(previous)
                }
                target = Dossier(unitID: try unit.requireID(), assessmentID: try assessment.requireID(), grade: grade, state: next)
                try await target.create(on: tx)
            } else {
                target = dossier!
                guard let version = seenVersion,
                      try await VersionedRow.claim(Dossier.schema, id: target.requireID(), version: version, db: tx) else {
                    throw changed(try await Dossier.query(on: tx).filter(\.$id == target.requireID()).with(\.$events).first() ?? target)
                }
                target.state = next
                target.version = version + 1
                try await target.save(on: tx)
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
            return DossierDTO(saved, unitCode: unit.code, assessmentDate: saved.assessment.asOf)
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
