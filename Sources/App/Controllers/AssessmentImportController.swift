import Fluent
import NTMDomain
import Vapor

/// From the office's sheet to NTM: the template (pre-filled .xlsx), the upload with a preview,
/// and the confirmation that writes every row or none. API and pages share `AssessmentImport`.
struct AssessmentImportController {
    static let maxUpload: ByteCount = "30mb"

    func register(api: any RoutesBuilder, writes: any RoutesBuilder, pages: any RoutesBuilder) {
        api.get("units", ":code", "assessments-template.xlsx", use: template)
        writes.on(.POST, "units", ":code", "assessments", "import", body: .collect(maxSize: Self.maxUpload), use: importFromAPI)
        pages.get(SiteURL.unitPage(":code", "assessments-template.xlsx").pathComponents, use: template)
        pages.get(SiteURL.unitPage(":code", "import").pathComponents, use: page)
        pages.on(.POST, SiteURL.unitPage(":code", "import").pathComponents, body: .collect(maxSize: Self.maxUpload), use: preview)
        pages.post(SiteURL.unitPage(":code", "import/confirm").pathComponents, use: confirm)
    }

    struct ResultDTO: Content {
        var date: String
        var rows: Int
        var unchanged: Int
        var written: Bool
        var changes: [AssessmentImportPlan.Change]
    }

    // MARK: Template

    @Sendable func template(req: Request) async throws -> Response {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let units = try await UnitQueries.scored(unit, on: day, db: req.db).units
        let latest = try await AssessmentImport.latestAssessments(of: units, on: day, catalog: catalog, db: req.db)
        let rows = units.compactMap { u in u.id.flatMap { latest[$0] }.map { AssessmentSheet.TemplateRow(unit: u, set: $0.set, latest: $0.assessment) } }
        let data = try AssessmentSheet.workbook(rows, on: day, language: req.language).xlsx()
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"danh-gia-\(unit.code)-\(day.iso).xlsx\"")
        return response
    }

    // MARK: API

    @Sendable func importFromAPI(req: Request) async throws -> Response {
        let day = try req.asOfDate()
        // Absent means a dry run: writing is asked for explicitly (a missing Bool would decode as false).
        let dryRun = req.query[String.self, at: "dryRun"].map { !["false", "0", "no"].contains($0.lowercased()) } ?? true
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        try await req.authorize(.editAssessment, on: unit)
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw AppError(.badRequest, field: "file", vi: "Gửi tệp .xlsx hoặc .csv làm nội dung yêu cầu", en: "Send the .xlsx or .csv file as the request body")
        }
        let plan = try await plan(Data(buffer: body), unit: unit, day: day, req: req)
        if !dryRun { try await AssessmentImport.apply(plan, actor: req.actor, db: req.db) }
        return try await ResultDTO(date: day.iso, rows: plan.rows, unchanged: plan.unchanged, written: !dryRun, changes: plan.changes)
            .encodeResponse(status: dryRun ? .ok : .created, for: req)
    }

    private func plan(_ data: Data, unit: AdminUnit, day: Day, req: Request) async throws -> AssessmentImportPlan {
        try await AssessmentImport.plan(try AssessmentImport.sheets(of: data), for: unit, on: day,
                                        catalog: try await CriteriaQueries.catalog(db: req.db), db: req.db)
    }

    // MARK: Pages

    struct UploadForm: Content {
        var file: File
        var date: String?
    }

    struct ConfirmForm: Content {
        var upload: String
        var date: String
    }

    @Sendable func page(req: Request) async throws -> View {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        return try await render(req, unit: unit, day: day, stage: .upload)
    }

    /// Step 1: the file is kept under the data folder and checked; the page shows what would change
    /// (or every problem), and nothing is written yet.
    @Sendable func preview(req: Request) async throws -> Response {
        let form: UploadForm
        do { form = try req.content.decode(UploadForm.self) } catch {
            throw AppError(.unprocessableEntity, field: "file", vi: "Chọn tệp .xlsx hoặc .csv để tải lên", en: "Choose an .xlsx or .csv file to upload")
        }
        let day = try form.date.flatMap { $0.isEmpty ? nil : $0 }.map { try Day.parse($0, field: "date") } ?? .today
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        try await req.authorize(.editAssessment, on: unit)
        let data = Data(buffer: form.file.data)
        do {
            let plan = try await plan(data, unit: unit, day: day, req: req)
            let upload = try UploadStore.keep(data, dataDirectory: req.application.config.dataDirectory)
            return try await render(req, unit: unit, day: day, stage: .preview(plan, upload: upload, filename: form.file.filename)).encodeResponse(for: req)
        } catch let error as AppError where !error.problems.isEmpty || error.status == .unprocessableEntity {
            let response = try await render(req, unit: unit, day: day, stage: .problems(error, filename: form.file.filename)).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
    }

    /// Step 2: the kept file is checked again (the records may have changed since) and written whole.
    @Sendable func confirm(req: Request) async throws -> Response {
        let form = try req.content.decode(ConfirmForm.self)
        let day = try Day.parse(form.date, field: "date")
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        try await req.authorize(.editAssessment, on: unit)
        let data = try UploadStore.read(form.upload, dataDirectory: req.application.config.dataDirectory)
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let before = try await DistrictRollup.load(unit, on: day, catalog: catalog, db: req.db).totalMet
        let plan = try await plan(data, unit: unit, day: day, req: req)
        try await AssessmentImport.apply(plan, actor: req.actor, db: req.db)
        UploadStore.remove(form.upload, dataDirectory: req.application.config.dataDirectory)
        let after = try await DistrictRollup.load(unit, on: day, catalog: catalog, db: req.db).totalMet
        let vi = req.language == .vi
        req.session.data[Flash.key] = vi
            ? "Đã ghi \(plan.changes.count) đánh giá ngày \(DateFormat.format(day)) (\(plan.unchanged) dòng không đổi). Tổng tiêu chí đạt: \(before) → \(after)."
            : "Recorded \(plan.changes.count) assessments of \(day.iso) (\(plan.unchanged) rows unchanged). Criteria met: \(before) → \(after)."
        return req.redirect(to: SiteURL.unit(unit.code, on: day))
    }

    private func render(_ req: Request, unit: AdminUnit, day: Day, stage: ImportPageModel.Stage) async throws -> View {
        let ancestors = try await UnitQueries.ancestors(of: unit, db: req.db)
        let model = ImportPageModel(request: req, unit: unit, ancestors: ancestors, day: day, stage: stage,
                                    canUpload: try await req.may(.editAssessment, on: unit))
        return try await req.view.render("import", model)
    }
}

/// Uploaded sheets kept between the preview and the confirmation, under `NTM_DATA_DIR/imports`.
/// The name is a random UUID, so one user cannot guess another's file; it is removed once written.
enum UploadStore {
    static func keep(_ data: Data, dataDirectory: String) throws -> String {
        let folder = (dataDirectory as NSString).appendingPathComponent("imports")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = UUID().uuidString
        try data.write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
        return name
    }

    static func read(_ name: String, dataDirectory: String) throws -> Data {
        guard UUID(uuidString: name) != nil,
              let data = FileManager.default.contents(atPath: ((dataDirectory as NSString).appendingPathComponent("imports") as NSString).appendingPathComponent(name)) else {
            throw AppError(.unprocessableEntity, field: "upload", vi: "Không còn tệp đã tải lên: hãy tải lên lại", en: "The uploaded file is gone: upload it again")
        }
        return data
    }

    static func remove(_ name: String, dataDirectory: String) {
        guard UUID(uuidString: name) != nil else { return }
        try? FileManager.default.removeItem(atPath: ((dataDirectory as NSString).appendingPathComponent("imports") as NSString).appendingPathComponent(name))
    }
}
