import Fluent
import NTMDomain
import Vapor

/// The recognition procedure of a dossier (issue 17): the API of its records and the page
/// `/units/{code}/dossier` where the commune, its Front, the district and the province each do
/// their steps — every form posts back to the page with what was done, or what to fix.
struct DossierProcedureController {
    func register(api: any RoutesBuilder, writes: any RoutesBuilder, pages: any RoutesBuilder) {
        api.get("units", ":code", "dossier-deadlines", use: deadlines)
        writes.post("units", ":code", "dossier", "steps", use: closeFromAPI)
        writes.put("units", ":code", "dossier", "posting", use: postingFromAPI)
        writes.put("units", ":code", "dossier", "survey", use: surveyFromAPI)
        writes.put("units", ":code", "dossier", "council", use: councilFromAPI)
        writes.on(.POST, "units", ":code", "dossier", "documents", body: .collect(maxSize: "12mb"), use: documentFromAPI)
        pages.get(SiteURL.unitPage(":code", "dossier").pathComponents, use: page)
        pages.post(SiteURL.unitPage(":code", "dossier/steps").pathComponents, use: closeFromPage)
        pages.post(SiteURL.unitPage(":code", "dossier/posting").pathComponents, use: postingFromPage)
        pages.post(SiteURL.unitPage(":code", "dossier/survey").pathComponents, use: surveyFromPage)
        pages.post(SiteURL.unitPage(":code", "dossier/council").pathComponents, use: councilFromPage)
        pages.on(.POST, SiteURL.unitPage(":code", "dossier/documents").pathComponents, body: .collect(maxSize: "12mb"), use: documentFromPage)
    }

    private func authorizer(_ req: Request) -> DossierProcedureWriter.Authorize {
        { unit, action in _ = try await req.authorize(action, on: unit) }
    }

    private func code(_ req: Request) -> String { req.parameters.get("code")! }

    // MARK: API

    struct DeadlinesDTO: Content { var items: [DossierDeadlines.Late] }

    /// Recognition dossiers below the unit whose current step is past its due day on `date`, latest first.
    @Sendable func deadlines(req: Request) async throws -> DeadlinesDTO {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: code(req), on: day, db: req.db)
        return DeadlinesDTO(items: try await DossierDeadlines.overdue(under: unit, on: day, procedures: req.application.referenceData.procedures,
                                                                     language: req.language, db: req.db))
    }

    @Sendable func closeFromAPI(req: Request) async throws -> DossierDTO {
        try await DossierProcedureWriter.close(try req.content.decode(DossierStepCloseDTO.self), unitCode: code(req), actor: req.actor,
                                               procedures: req.application.referenceData.procedures, language: req.language, db: req.db,
                                               authorize: authorizer(req))
    }

    @Sendable func postingFromAPI(req: Request) async throws -> DossierDTO {
        try await DossierProcedureWriter.posting(try req.content.decode(DossierPostingDTO.self), unitCode: code(req), actor: req.actor,
                                                 procedures: req.application.referenceData.procedures, language: req.language, db: req.db,
                                                 authorize: authorizer(req))
    }

    @Sendable func surveyFromAPI(req: Request) async throws -> DossierDTO {
        try await DossierProcedureWriter.survey(try req.content.decode(DossierSurveyDTO.self), unitCode: code(req), day: try req.asOfDate(),
                                                actor: req.actor, procedures: req.application.referenceData.procedures, language: req.language,
                                                db: req.db, authorize: authorizer(req))
    }

    @Sendable func councilFromAPI(req: Request) async throws -> DossierDTO {
        try await DossierProcedureWriter.council(try req.content.decode(DossierCouncilDTO.self), unitCode: code(req), actor: req.actor,
                                                 procedures: req.application.referenceData.procedures, language: req.language, db: req.db,
                                                 authorize: authorizer(req))
    }

    struct DocumentForm: Content {
        var file: File
        var kind: String
        var date: String?
        var grade: CriteriaSetDefinition.Grade?
        var version: Int?
    }

    @Sendable func documentFromAPI(req: Request) async throws -> Response {
        try await document(req).encodeResponse(status: .created, for: req)
    }

    private func document(_ req: Request) async throws -> DossierDTO {
        let form = try MultipartParts.decode(DocumentForm.self, from: req, fields: ["file", "kind", "date", "grade", "version"],
                                             unreadable: AppError(.unprocessableEntity, field: "file", vi: "Gửi tài liệu dạng multipart/form-data với các trường \"file\" và \"kind\"",
                                                                  en: "Send the document as multipart/form-data with the fields \"file\" and \"kind\""))
        return try await DossierProcedureWriter.document(form.file.data, filename: form.file.filename, kind: form.kind, grade: form.grade, version: form.version,
                                                         day: try DossierInput.day(form.date, field: "date"), unitCode: code(req), actor: req.actor,
                                                         procedures: req.application.referenceData.procedures,
                                                         dataDirectory: req.application.config.dataDirectory, language: req.language, db: req.db,
                                                         authorize: authorizer(req))
    }

    // MARK: Page

    @Sendable func page(req: Request) async throws -> Response {
        try await Self.render(req, day: try req.asOfDate())
    }

    /// The page as of `day`; after a refused form, with what to fix on top (422) and the survey as typed.
    static func render(_ req: Request, day: Day, problems: [String] = [], typedSurvey: [String: SurveyForm.Row] = [:]) async throws -> Response {
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let ancestors = try await UnitQueries.ancestors(of: unit, db: req.db)
        let procedures = req.application.referenceData.procedures
        var dto: DossierDTO?
        var file: DossierFile?
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        if let dossier = try await DossierWriter.current(unit: unit, grade: .standard, db: req.db) {
            let loaded = try await DossierProcedureStore.load(dossier, unit: unit, on: day, procedures: procedures, catalog: catalog, db: req.db)
            file = loaded
            dto = DossierDTO(dossier, unitCode: unit.code, assessmentDate: dossier.assessment.asOf, file: loaded, today: day, language: req.language)
        }
        // What the signed-in user may do on each step (their role, their scope, the dossier's phase).
        let viewer = try await PageViewer.of(unit, request: req)
        var allowed: Set<String> = []
        if let file, let procedure = file.procedure {
            for step in procedure.steps where file.closedOn[step.code] == nil
                && DossierProcedureWriter.phase(of: step, in: procedure).contains(file.dossier.state) {
                if viewer?.may(step.closer.action) == true { allowed.insert(step.code) }
            }
        }
        let card = try await ScorecardQueries.scorecard(for: unit, setCode: nil, on: day, catalog: catalog, db: req.db)
        let workflow = try await WorkflowPanel.load(for: unit, ancestors: ancestors, request: req, viewer: viewer,
                                                    reached: card.scorecard?.allCriteriaMet ?? false)
        var model = DossierPageModel(request: req, unit: unit, ancestors: ancestors, day: day, dossier: dto, file: file, allowed: allowed, workflow: workflow)
        model.problems = problems
        if let file {
            model.attach(comments: file.comments, unitCode: unit.code, visible: viewer?.may(.handleReports) == true, language: req.language)
        }
        for index in model.survey.indices {
            guard let typed = typedSurvey[model.survey[index].code] else { continue }
            model.survey[index].households = typed.households ?? ""
            model.survey[index].asked = typed.asked ?? ""
            model.survey[index].satisfied = typed.satisfied ?? ""
        }
        let response = try await req.view.render("dossier", model).encodeResponse(for: req)
        if !problems.isEmpty { response.status = .unprocessableEntity }
        return response
    }

    /// Runs a form's write: done → back to the page with what was done; refused for something the
    /// user can fix → the page again with every problem named and what they typed kept.
    static func attempt(_ req: Request, typedSurvey: [String: SurveyForm.Row] = [:], _ write: () async throws -> (vi: String, en: String)) async throws -> Response {
        let day = (try? req.content.get(String.self, at: "pageDate")).flatMap(Day.init)
        do {
            let message = try await write()
            req.session.data[Flash.key] = req.language == .vi ? message.vi : message.en
            return req.redirect(to: SiteURL.unit(req.parameters.get("code")!, "dossier", on: day))
        } catch let error as AppError where [.unprocessableEntity, .conflict, .badRequest].contains(error.status) {
            let problems = error.problems.isEmpty ? [error.reason(req.language)] : error.problems.map { $0.reason.text(req.language) }
            return try await render(req, day: day ?? .today, problems: problems, typedSurvey: typedSurvey)
        }
    }

    @Sendable func closeFromPage(req: Request) async throws -> Response {
        try await Self.attempt(req) {
            let input = try req.content.decode(DossierStepCloseDTO.self)
            let dto = try await DossierProcedureWriter.close(input, unitCode: code(req), actor: req.actor, procedures: req.application.referenceData.procedures,
                                                             language: req.language, db: req.db, authorize: authorizer(req))
            let name = dto.steps.first { $0.step == input.step }?.name ?? input.step
            return ("Đã xong bước: \(name).", "Step done: \(name).")
        }
    }

    struct PostingForm: Content {
        var from: String
        var to: String
        var places: String?
        var version: Int?
    }

    @Sendable func postingFromPage(req: Request) async throws -> Response {
        try await Self.attempt(req) {
            let form = try req.content.decode(PostingForm.self)
            _ = try await DossierProcedureWriter.posting(DossierPostingDTO(from: form.from, to: form.to, places: form.places, version: form.version),
                                                         unitCode: code(req), actor: req.actor, procedures: req.application.referenceData.procedures,
                                                         language: req.language, db: req.db, authorize: authorizer(req))
            return ("Đã lưu thời gian niêm yết.", "Posting saved.")
        }
    }

    /// The survey as the page sends it: one row per village, numbers as typed ("1.250"); rows left empty are skipped.
    struct SurveyForm: Content {
        struct Row: Content {
            var code: String
            var households: String?
            var asked: String?
            var satisfied: String?
        }

        var villages: [Row]?
        var version: Int?
    }

    @Sendable func surveyFromPage(req: Request) async throws -> Response {
        let form = try req.content.decode(SurveyForm.self)
        let typed = Dictionary((form.villages ?? []).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return try await Self.attempt(req, typedSurvey: typed) { try await saveSurvey(req, form) }
    }

    private func saveSurvey(_ req: Request, _ form: SurveyForm) async throws -> (vi: String, en: String) {
        var rows: [DossierSurveyDTO.Village] = []
        var problems: [InputProblem] = []
        for (index, row) in (form.villages ?? []).enumerated() {
            let texts = [row.households, row.asked, row.satisfied].map { ($0 ?? "").trimmingCharacters(in: .whitespaces) }
            if texts.allSatisfy(\.isEmpty) { continue }
            let numbers = texts.map { FormNumber.parse($0) }
            guard let households = numbers[0], let asked = numbers[1], let satisfied = numbers[2],
                  [households, asked, satisfied].allSatisfy({ $0 == $0.rounded() && abs($0) < 1e6 }) else {
                problems.append(InputProblem(field: "villages[\(index)]", vi: "Thôn \(row.code): nhập đủ ba số nguyên (số hộ, được hỏi, hài lòng)",
                                             en: "Village \(row.code): enter three whole numbers (households, asked, satisfied)"))
                continue
            }
            rows.append(.init(code: row.code, households: Int(households), asked: Int(asked), satisfied: Int(satisfied)))
        }
        if !problems.isEmpty { throw AppError(problems: problems) }
        let day = (try? req.content.get(String.self, at: "pageDate")).flatMap(Day.init) ?? .today
        _ = try await DossierProcedureWriter.survey(DossierSurveyDTO(villages: rows, version: form.version), unitCode: code(req),
                                                    day: day, actor: req.actor, procedures: req.application.referenceData.procedures,
                                                    language: req.language, db: req.db, authorize: authorizer(req))
        return ("Đã lưu kết quả lấy ý kiến của \(rows.count) thôn.", "Survey saved for \(rows.count) villages.")
    }

    @Sendable func councilFromPage(req: Request) async throws -> Response {
        try await Self.attempt(req) {
            guard let input = try? req.content.decode(DossierCouncilDTO.self) else {
                throw AppError(.unprocessableEntity, field: "members", vi: "Nhập đủ số thành viên, số phiếu (số nguyên) và ngày họp",
                               en: "Enter the members, the votes (whole numbers) and the meeting day")
            }
            _ = try await DossierProcedureWriter.council(input, unitCode: code(req), actor: req.actor, procedures: req.application.referenceData.procedures,
                                                         language: req.language, db: req.db, authorize: authorizer(req))
            return ("Đã lưu kết quả bỏ phiếu: \(input.for)/\(input.members) tán thành.", "Vote saved: \(input.for)/\(input.members) in favour.")
        }
    }

    @Sendable func documentFromPage(req: Request) async throws -> Response {
        try await Self.attempt(req) {
            let latest = try await document(req).documents.first
            return ("Đã tải lên \(latest?.fileName ?? "tài liệu") (\(latest?.name ?? "")).", "Uploaded \(latest?.fileName ?? "the document") (\(latest?.name ?? "")).")
        }
    }
}
