import Fluent
import NTMDomain
import Vapor

/// Evidence files: the unit's evidence page (list and upload form), the API, and `/evidence/{id}`,
/// the only way a stored file is served (as the unit's data, readable like its scorecard).
struct EvidenceController {
    func register(api: any RoutesBuilder, writes: any RoutesBuilder, pages: any RoutesBuilder) {
        pages.get(SiteURL.unitPage(":code", "evidence").pathComponents, use: page)
        pages.on(.POST, SiteURL.unitPage(":code", "evidence").pathComponents, body: .collect(maxSize: "12mb"), use: uploadFromPage)
        pages.get(SiteURL.evidenceFile(":id").pathComponents, use: file)
        api.get("units", ":code", "evidence", use: list)
        writes.on(.POST, "units", ":code", "evidence", body: .collect(maxSize: "12mb"), use: uploadFromAPI)
    }

    /// The upload as a form sends it: the file, the indicator it proves, a note, the page's day.
    struct UploadForm: Content {
        var file: File
        var indicator: String?
        var note: String?
        var date: String?
    }

    @Sendable func page(req: Request) async throws -> View {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let files = try await EvidenceFile.query(on: req.db).filter(\.$unit.$id == unit.requireID()).sort(\.$createdAt, .descending).all()
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let set = catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day)
        let model = EvidencePageModel(request: req, unit: unit, ancestors: try await UnitQueries.ancestors(of: unit, db: req.db), day: day,
                                      set: set, files: files, canUpload: try await req.may(.editAssessment, on: unit))
        return try await req.view.render("evidence", model)
    }

    @Sendable func uploadFromPage(req: Request) async throws -> Response {
        let (unit, day, record) = try await upload(req)
        req.session.data[Flash.key] = (req.language == .vi ? "Đã tải lên \(record.originalName)" : "Uploaded \(record.originalName)")
            + (record.indicatorCode.map { req.language == .vi ? " cho chỉ tiêu \($0)." : " for indicator \($0)." } ?? ".")
        return req.redirect(to: SiteURL.unit(unit.code, "evidence", on: day))
    }

    @Sendable func uploadFromAPI(req: Request) async throws -> Response {
        let (_, _, record) = try await upload(req)
        return try await EvidenceDTO(record).encodeResponse(status: .created, for: req)
    }

    private func upload(_ req: Request) async throws -> (AdminUnit, Day, EvidenceFile) {
        let form = try MultipartParts.decode(UploadForm.self, from: req, fields: ["file", "indicator", "note", "date"],
                                             unreadable: AppError(.unprocessableEntity, field: "file", vi: "Gửi tệp dạng multipart/form-data, trường \"file\"",
                                                                  en: "Send the file as multipart/form-data in the field \"file\""))
        let day = try form.date.flatMap { $0.isEmpty ? nil : $0 }.map { try Day.parse($0, field: "date") } ?? .today
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        try await req.authorize(.editAssessment, on: unit)
        let record = try await EvidenceStore.save(form.file.data, filename: form.file.filename, unit: unit, indicator: form.indicator, note: form.note,
                                                  on: day, actor: req.actor, dataDirectory: req.application.config.dataDirectory,
                                                  catalog: try await CriteriaQueries.catalog(db: req.db), db: req.db)
        return (unit, day, record)
    }

    @Sendable func list(req: Request) async throws -> [EvidenceDTO] {
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: try req.asOfDate(), db: req.db)
        return try await EvidenceFile.query(on: req.db).filter(\.$unit.$id == unit.requireID()).sort(\.$createdAt, .descending).all()
            .map(EvidenceDTO.init)
    }

    @Sendable func file(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let record = try await EvidenceFile.find(id, on: req.db) else {
            throw AppError.notFound("tệp minh chứng", req.parameters.get("id") ?? "", en: "evidence file")
        }
        let path = (EvidenceStore.folder(dataDirectory: req.application.config.dataDirectory) as NSString).appendingPathComponent(id.uuidString)
        let response = try await req.streamUploaded(at: path, contentType: record.contentType, name: record.originalName)
        let encoded = record.originalName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "evidence"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename*=UTF-8''\(encoded)")
        return response
    }
}

/// `/units/{code}/evidence`: the unit's files by indicator, and the upload form for officers in scope.
struct EvidencePageModel: Encodable {
    struct Row: Encodable {
        var name: String
        var url: String
        var indicator: String
        var size: String
        var note: String
        var by: String
        var at: String
    }

    struct Option: Encodable {
        var value: String
        var label: String
    }

    var layout: LayoutModel
    var name: String
    var code: String
    var date: String
    var rows: [Row]
    var indicators: [Option]
    var canUpload: Bool
    var words: [String: String]

    init(request: Request, unit: AdminUnit, ancestors: [AdminUnit], day: Day, set: CriteriaSet?, files: [EvidenceFile], canUpload: Bool) {
        let vi = request.language == .vi
        layout = LayoutModel(request: request, title: (vi ? "Minh chứng — " : "Evidence — ") + unit.name,
                             crumbs: Crumbs.of(ancestors + [unit], day: day), withForms: canUpload)
        name = unit.name
        code = unit.code
        date = day.iso
        rows = files.map { f in
            Row(name: f.originalName, url: f.url, indicator: f.indicatorCode ?? "—",
                size: NumberFormat.format(Double(f.byteCount) / 1024, decimals: 0, language: request.language) + " KB",
                note: f.note ?? "", by: f.uploadedBy, at: f.createdAt.map(TimestampFormat.format) ?? "")
        }
        indicators = [Option(value: "", label: vi ? "(cả đơn vị)" : "(the whole unit)")]
            + (set?.criteria ?? []).flatMap { c in c.indicators.filter { $0.derived == nil }.map { Option(value: $0.code, label: "\($0.code) \($0.name.text(request.language))") } }
        self.canUpload = canUpload
        words = vi
            ? ["title": "Minh chứng", "file": "Tệp (PDF, JPEG, PNG; tối đa 10 MB)", "indicator": "Chỉ tiêu", "note": "Ghi chú", "upload": "Tải lên",
               "name": "Tệp", "size": "Dung lượng", "by": "Người tải", "at": "Lúc", "none": "Chưa có tệp minh chứng."]
            : ["title": "Evidence", "file": "File (PDF, JPEG, PNG; 10 MB at most)", "indicator": "Indicator", "note": "Note", "upload": "Upload",
               "name": "File", "size": "Size", "by": "By", "at": "At", "none": "No evidence files yet."]
    }
}
