import Fluent
import NTMDomain
import Vapor

/// Bodies of the procedure's writes (`/api/v1/units/{code}/dossier/…`). Every one may carry the
/// dossier version the caller saw and the grade (default standard).
struct DossierStepCloseDTO: Content {
    var step: String
    var date: String?
    var grade: CriteriaSetDefinition.Grade?
    var version: Int?
}

struct DossierPostingDTO: Content {
    var from: String
    var to: String
    var places: String?
    var grade: CriteriaSetDefinition.Grade?
    var version: Int?
}

struct DossierSurveyDTO: Content {
    struct Village: Content {
        var code: String
        var households: Int
        var asked: Int
        var satisfied: Int
    }

    var villages: [Village]
    var grade: CriteriaSetDefinition.Grade?
    var version: Int?
}

struct DossierCouncilDTO: Content {
    var members: Int
    var `for`: Int
    var against: Int
    var abstain: Int
    var votedOn: String
    var grade: CriteriaSetDefinition.Grade?
    var version: Int?
}

/// Writes a dossier's procedure records. Each write names the procedure step it belongs to: the
/// caller must be the one who closes that step, the step must still be open, and the dossier must
/// be in the phase the step belongs to (the commune's steps before submission, the appraisal's
/// after it, the announcement after the decision). The dossier's version is claimed, so two
/// officers editing at once get "changed by X" instead of a lost write.
enum DossierProcedureWriter {
    struct Target {
        var unit: AdminUnit
        var file: DossierFile
        var procedure: RecognitionProcedure
        var step: RecognitionProcedure.Step
        var day: Day
    }

    typealias Authorize = @Sendable (AdminUnit, Action) async throws -> Void

    /// The dossier moved on since the caller read it (another officer's step or edit).
    static func changed(at updatedAt: Date?) -> AppError {
        let at = updatedAt.map(TimestampFormat.format) ?? "?"
        return AppError(.conflict, field: "version", vi: "Hồ sơ đã được cập nhật lúc \(at); tải lại trang", en: "The dossier was changed at \(at); reload")
    }

    /// Finds the dossier and checks who, when and in which phase; then `change` runs in a
    /// transaction after the version is claimed. Returns the dossier as it is afterwards.
    static func change(unitCode: String, grade: CriteriaSetDefinition.Grade?, day: Day, step stepCode: String, version: Int?,
                       actor: AuditActor, procedures: [RecognitionProcedure], language: Language, db: any Database, authorize: Authorize,
                       audit: String, _ change: @Sendable @escaping (Target, any Database) async throws -> [String: String]) async throws -> DossierDTO {
        let target = try await locate(unitCode: unitCode, grade: grade, day: day, step: stepCode, procedures: procedures, db: db, authorize: authorize)
        let dossier = target.file.dossier
        let seen = version ?? dossier.version
        try await db.transaction { tx in
            guard try await VersionedRow.claim(Dossier.schema, id: dossier.requireID(), version: seen, db: tx) else {
                throw changed(at: dossier.updatedAt)
            }
            let new = try await change(target, tx)
            try await Audit.record(tx, actor, action: audit, entity: "dossier", id: "\(target.unit.code)/\(dossier.grade.rawValue)/\(target.step.code)",
                                   unitCode: target.unit.code, new: new)
        }
        return try await read(unit: target.unit, grade: dossier.grade, day: day, procedures: procedures, language: language, db: db)
    }

    static func read(unit: AdminUnit, grade: CriteriaSetDefinition.Grade, day: Day, procedures: [RecognitionProcedure], language: Language,
                     db: any Database) async throws -> DossierDTO {
        guard let dossier = try await DossierWriter.current(unit: unit, grade: grade, db: db) else {
            throw AppError(.notFound, vi: "\(unit.name) chưa có hồ sơ công nhận", en: "\(unit.name) has no recognition dossier")
        }
        let file = try await DossierProcedureStore.load(dossier, unit: unit, on: day, procedures: procedures, catalog: try await CriteriaQueries.catalog(db: db), db: db)
        return DossierDTO(dossier, unitCode: unit.code, assessmentDate: dossier.assessment.asOf, file: file, today: day, language: language)
    }

    static func locate(unitCode: String, grade: CriteriaSetDefinition.Grade?, day: Day, step stepCode: String, procedures: [RecognitionProcedure],
                       db: any Database, authorize: Authorize) async throws -> Target {
        let unit = try await UnitQueries.require(code: unitCode, on: day, db: db)
        guard let dossier = try await DossierWriter.current(unit: unit, grade: grade ?? .standard, db: db) else {
            throw AppError(.notFound, vi: "\(unit.name) chưa có hồ sơ công nhận; lập hồ sơ trước", en: "\(unit.name) has no recognition dossier; open one first")
        }
        let file = try await DossierProcedureStore.load(dossier, unit: unit, on: day, procedures: procedures, catalog: try await CriteriaQueries.catalog(db: db), db: db)
        guard let procedure = file.procedure else {
            throw AppError(.conflict, field: "step", vi: "Hồ sơ này được ghi nhận ngoài quy trình (nộp thẳng); lập hồ sơ mới theo quy trình",
                           en: "This dossier was recorded outside the procedure (submitted directly); open a new one to run the procedure")
        }
        guard let step = procedure.step(stepCode) else {
            throw AppError(.unprocessableEntity, field: "step", vi: "Bước \"\(stepCode)\" không có trong quy trình (\(procedure.steps.map(\.code).joined(separator: ", ")))",
                           en: "Step \"\(stepCode)\" is not in the procedure (\(procedure.steps.map(\.code).joined(separator: ", ")))")
        }
        try await authorize(unit, step.closer.action)
        if let closed = file.closedOn[step.code] {
            throw AppError(.conflict, field: "step", vi: "Bước \"\(step.name.vi)\" đã xong ngày \(DateFormat.format(closed))",
                           en: "Step \"\(step.name.text(.en))\" closed on \(DateFormat.format(closed))")
        }
        let phase = phase(of: step, in: procedure)
        guard phase.contains(dossier.state) else {
            throw AppError(.conflict, field: "step", vi: "Bước \"\(step.name.vi)\" không làm được khi hồ sơ \(WorkflowPanel.stateWord(dossier.state, vi: true).lowercased())",
                           en: "Step \"\(step.name.text(.en))\" cannot be done while the dossier is \(WorkflowPanel.stateWord(dossier.state, vi: false).lowercased())")
        }
        return Target(unit: unit, file: file, procedure: procedure, step: step, day: day)
    }

    /// The dossier states in which a step's records may change: up to the submission the commune
    /// prepares; up to the decision the appraisal runs; after it, the announcement.
    static func phase(of step: RecognitionProcedure.Step, in procedure: RecognitionProcedure) -> Set<DossierState> {
        if procedure.leadsTo == .revocation { return [.revoking] }
        let index = procedure.steps.firstIndex(of: step) ?? 0
        let submit = procedure.steps.firstIndex { $0.closedBy == .submit } ?? -1
        let decision = procedure.steps.firstIndex { $0.closedBy == .recognise } ?? procedure.steps.count
        if index <= submit { return [.preparing] }
        if index <= decision { return [.submitted, .appraised] }
        return [.recognised]
    }

    /// Closes a step that no workflow step closes (self-assessment, posting, survey, appraisal,
    /// council, announcement) when the checker finds nothing wrong up to it.
    static func close(_ input: DossierStepCloseDTO, unitCode: String, actor: AuditActor, procedures: [RecognitionProcedure], language: Language,
                      db: any Database, authorize: @escaping Authorize) async throws -> DossierDTO {
        let day = try DossierInput.day(input.date, field: "date")
        let target = try await locate(unitCode: unitCode, grade: input.grade, day: day, step: input.step, procedures: procedures, db: db, authorize: authorize)
        if let workflow = target.step.closedBy {
            throw AppError(.conflict, field: "step", vi: "Bước \"\(target.step.name.vi)\" xong khi \(WorkflowPanel.label(workflow, vi: true).lowercased())",
                           en: "Step \"\(target.step.name.text(.en))\" closes with \"\(WorkflowPanel.label(workflow, vi: false))\"")
        }
        let problems = target.file.problems(closing: target.step.code, on: day)
        if !problems.isEmpty { throw DossierProcedureStore.describe(problems) }
        return try await change(unitCode: unitCode, grade: input.grade, day: day, step: input.step, version: input.version, actor: actor,
                                procedures: procedures, language: language, db: db, authorize: authorize, audit: "close-step") { target, tx in
            let dossierID = try target.file.dossier.requireID()
            try await DossierStepClosing(dossierID: dossierID, step: target.step.code, closedOn: day, closedBy: actor.name).create(on: tx)
            if target.step.code == "announcement", let record = target.file.record {
                record.announcedOn = day.iso
                try await record.save(on: tx)
            }
            return ["step": target.step.code, "closedOn": day.iso]
        }
    }

    static func posting(_ input: DossierPostingDTO, unitCode: String, actor: AuditActor, procedures: [RecognitionProcedure], language: Language,
                        db: any Database, authorize: @escaping Authorize) async throws -> DossierDTO {
        let from = try DossierInput.day(input.from, field: "from"), to = try DossierInput.day(input.to, field: "to")
        guard from <= to else {
            throw AppError(.unprocessableEntity, field: "to", vi: "Ngày kết thúc niêm yết trước ngày bắt đầu", en: "The posting ends before it starts")
        }
        let places = try DossierInput.text(input.places, field: "places", max: 500)
        return try await change(unitCode: unitCode, grade: input.grade, day: from, step: "public-posting", version: input.version, actor: actor,
                                procedures: procedures, language: language, db: db, authorize: authorize, audit: "posting") { target, tx in
            guard let record = target.file.record else { return [:] }
            record.postedFrom = from.iso
            record.postedTo = to.iso
            record.postingPlaces = places
            try await record.save(on: tx)
            return ["from": from.iso, "to": to.iso, "places": places ?? ""]
        }
    }

    static func survey(_ input: DossierSurveyDTO, unitCode: String, day: Day, actor: AuditActor, procedures: [RecognitionProcedure], language: Language,
                       db: any Database, authorize: @escaping Authorize) async throws -> DossierDTO {
        var problems: [InputProblem] = []
        var seen: Set<String> = []
        for (index, village) in input.villages.enumerated() {
            let field = "villages[\(index)]"
            if !seen.insert(village.code).inserted {
                problems.append(InputProblem(field: field + ".code", vi: "Dòng \(index + 1): thôn \(village.code) nhập hai lần", en: "Row \(index + 1): village \(village.code) given twice"))
            }
            if village.households < 1 || village.households > 100_000 {
                problems.append(InputProblem(field: field + ".households", vi: "Dòng \(index + 1): số hộ phải từ 1 đến 100.000", en: "Row \(index + 1): households must be 1–100,000"))
            }
            if village.asked < 0 || village.asked > village.households {
                problems.append(InputProblem(field: field + ".asked", vi: "Dòng \(index + 1): số hộ được hỏi phải từ 0 đến số hộ (\(village.households))",
                                             en: "Row \(index + 1): households asked must be 0 to the households (\(village.households))"))
            }
            if village.satisfied < 0 || village.satisfied > village.asked {
                problems.append(InputProblem(field: field + ".satisfied", vi: "Dòng \(index + 1): số hộ hài lòng phải từ 0 đến số hộ được hỏi (\(village.asked))",
                                             en: "Row \(index + 1): households satisfied must be 0 to those asked (\(village.asked))"))
            }
        }
        if !problems.isEmpty { throw AppError(problems: problems) }
        return try await change(unitCode: unitCode, grade: input.grade, day: day, step: "survey", version: input.version, actor: actor,
                                procedures: procedures, language: language, db: db, authorize: authorize, audit: "survey") { target, tx in
            let byCode = Dictionary(target.file.villages.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let unknown = input.villages.enumerated().filter { byCode[$0.element.code] == nil }
            if !unknown.isEmpty {
                throw AppError(problems: unknown.map { InputProblem(field: "villages[\($0.offset)].code", vi: "Dòng \($0.offset + 1): \(target.unit.name) không có thôn mã \($0.element.code)",
                                                                    en: "Row \($0.offset + 1): \(target.unit.name) has no village \($0.element.code)") })
            }
            let existing = Dictionary(target.file.survey.map { ($0.$village.id, $0) }, uniquingKeysWith: { a, _ in a })
            for village in input.villages {
                guard let unit = byCode[village.code], let villageID = unit.id else { continue }
                if let row = existing[villageID] {
                    row.households = village.households
                    row.asked = village.asked
                    row.satisfied = village.satisfied
                    row.enteredBy = actor.name
                    try await row.save(on: tx)
                } else {
                    try await DossierSurveyVillage(dossierID: try target.file.dossier.requireID(), villageID: villageID, households: village.households,
                                                   asked: village.asked, satisfied: village.satisfied, enteredBy: actor.name).create(on: tx)
                }
            }
            return Dictionary(input.villages.map { ($0.code, "\($0.asked)/\($0.households) hỏi, \($0.satisfied) hài lòng") }, uniquingKeysWith: { a, _ in a })
        }
    }

    static func council(_ input: DossierCouncilDTO, unitCode: String, actor: AuditActor, procedures: [RecognitionProcedure], language: Language,
                        db: any Database, authorize: @escaping Authorize) async throws -> DossierDTO {
        let votedOn = try DossierInput.day(input.votedOn, field: "votedOn")
        var problems: [InputProblem] = []
        if input.members < 1 || input.members > 500 {
            problems.append(InputProblem(field: "members", vi: "Số thành viên Hội đồng phải từ 1 đến 500", en: "Council members must be 1–500"))
        }
        for (field, value) in [("for", input.for), ("against", input.against), ("abstain", input.abstain)] where value < 0 || value > 500 {
            problems.append(InputProblem(field: field, vi: "Số phiếu \(field) phải từ 0 đến 500", en: "Votes \(field) must be 0–500"))
        }
        if problems.isEmpty && input.for + input.against + input.abstain > input.members {
            problems.append(InputProblem(field: "for", vi: "Tổng số phiếu (\(input.for + input.against + input.abstain)) vượt số thành viên (\(input.members))",
                                         en: "Votes (\(input.for + input.against + input.abstain)) exceed the members (\(input.members))"))
        }
        if !problems.isEmpty { throw AppError(problems: problems) }
        return try await change(unitCode: unitCode, grade: input.grade, day: votedOn, step: "council", version: input.version, actor: actor,
                                procedures: procedures, language: language, db: db, authorize: authorize, audit: "council-vote") { target, tx in
            guard let record = target.file.record else { return [:] }
            record.councilMembers = input.members
            record.councilFor = input.for
            record.councilAgainst = input.against
            record.councilAbstain = input.abstain
            record.councilVotedOn = votedOn.iso
            try await record.save(on: tx)
            return ["members": "\(input.members)", "for": "\(input.for)", "against": "\(input.against)", "abstain": "\(input.abstain)", "votedOn": votedOn.iso]
        }
    }

    /// A document of the checklist: the file is kept as the unit's evidence file and linked to the
    /// dossier under its kind, in one transaction with the version claim.
    static func document(_ data: ByteBuffer, filename: String, kind: String, grade: CriteriaSetDefinition.Grade?, version: Int?, day: Day,
                         unitCode: String, actor: AuditActor, procedures: [RecognitionProcedure], dataDirectory: String, language: Language,
                         db: any Database, authorize: @escaping Authorize) async throws -> DossierDTO {
        let unit = try await UnitQueries.require(code: unitCode, on: day, db: db)
        guard let dossier = try await DossierWriter.current(unit: unit, grade: grade ?? .standard, db: db),
              let record = try await DossierProcedureRecord.query(on: db).filter(\.$dossier.$id == dossier.requireID()).first(),
              let procedure = procedures.first(where: { $0.code == record.procedureCode }) else {
            throw AppError(.conflict, field: "kind", vi: "\(unit.name) chưa có hồ sơ lập theo quy trình", en: "\(unit.name) has no dossier run under the procedure")
        }
        guard let step = procedure.steps.first(where: { $0.documents.contains { $0.kind == kind } }) else {
            let kinds = procedure.steps.flatMap(\.documents).map(\.kind).joined(separator: ", ")
            throw AppError(.unprocessableEntity, field: "kind", vi: "Loại tài liệu \"\(kind)\" không có trong quy trình (\(kinds))",
                           en: "Document kind \"\(kind)\" is not in the procedure (\(kinds))")
        }
        let target = try await locate(unitCode: unitCode, grade: grade, day: day, step: step.code, procedures: procedures, db: db, authorize: authorize)
        let dossierID = try dossier.requireID(), seen = version ?? target.file.dossier.version
        let updatedAt = target.file.dossier.updatedAt
        _ = try await EvidenceStore.save(data, filename: filename, unit: target.unit, indicator: nil, note: "Hồ sơ công nhận: \(kind)", on: day, actor: actor,
                                         dataDirectory: dataDirectory, catalog: try await CriteriaQueries.catalog(db: db), db: db) { file, tx in
            guard try await VersionedRow.claim(Dossier.schema, id: dossierID, version: seen, db: tx) else {
                throw changed(at: updatedAt)
            }
            try await DossierDocument(dossierID: dossierID, fileID: try file.requireID(), kind: kind, uploadedBy: actor.name).create(on: tx)
        }
        return try await read(unit: target.unit, grade: dossier.grade, day: day, procedures: procedures, language: language, db: db)
    }
}

/// Small input readers shared by the procedure's writes.
enum DossierInput {
    static func day(_ text: String?, field: String) throws -> Day {
        guard let text, !text.isEmpty else { return .today }
        return try Day.parse(text, field: field)
    }

    static func text(_ text: String?, field: String, max: Int) throws -> String? {
        guard let value = text.map(TextFolding.normalized), !value.isEmpty else { return nil }
        guard value.count <= max else {
            throw AppError(.unprocessableEntity, field: field, vi: "\(field): tối đa \(max) ký tự", en: "\(field): at most \(max) characters")
        }
        return value
    }
}
