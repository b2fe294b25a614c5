import Fluent
import NTMDomain
import Vapor

/// Residents' reports: sent by anyone (API; the public page posts through `PublicPortalController`),
/// followed by tracking code, handled by officers in scope on their pages or through the API.
struct ResidentReportController {
    /// Three photos of 5 MB and the form around them.
    static let maxBody: ByteCount = "20mb"

    func register(api: any RoutesBuilder, writes: any RoutesBuilder, pages: any RoutesBuilder) {
        api.on(.POST, "units", ":code", "reports", body: .collect(maxSize: Self.maxBody), use: submitFromAPI)
        api.get("reports", ":tracking", use: statusFromAPI)
        writes.get("units", ":code", "reports", use: listFromAPI)
        writes.on(.PATCH, "reports", ":tracking", use: handleFromAPI)
        pages.get(SiteURL.unitPage(":code", "reports").pathComponents, use: listPage)
        pages.get(SiteURL.unitPage(":code", "reports/:tracking").pathComponents, use: reportPage)
        pages.post(SiteURL.unitPage(":code", "reports/:tracking").pathComponents, use: handleFromPage)
        pages.get(SiteURL.reportPhoto(":tracking", ":position").pathComponents, use: photo)
    }

    /// Receives a report from anyone: checked, limited, stored; 201 `{trackingCode}`.
    static func submit(_ req: Request, unitCode: String) async throws -> ResidentReport {
        guard let type = req.headers.contentType, type.type == "multipart" else {
            throw AppError(.unprocessableEntity, field: "description", vi: "Gửi phản ánh dạng multipart/form-data (các trường criterion, description, photos…)",
                           en: "Send the report as multipart/form-data (fields criterion, description, photos…)")
        }
        let body = try await req.body.collect(max: Int(Self.maxBody.value)).get() ?? ByteBuffer()
        let form = try ReportSubmission(multipart: body, contentType: type)
        let now = Date()
        let unit = try await UnitQueries.require(code: unitCode, on: Day(now), db: req.db)
        return try await ResidentReportWriter.submit(form, to: unit, from: req.clientAddress, now: now, limits: req.application.config.reportLimits,
                                                     dataDirectory: req.application.config.dataDirectory,
                                                     catalog: try await CriteriaQueries.catalog(db: req.db), actor: req.actor, db: req.db)
    }

    @Sendable func submitFromAPI(req: Request) async throws -> Response {
        let report = try await Self.submit(req, unitCode: req.parameters.get("code")!)
        struct Created: Content { var trackingCode: String; var status: String; var url: String }
        return try await Created(trackingCode: report.trackingCode, status: report.status.rawValue,
                                 url: SiteURL.publicReport(report.trackingCode).path).encodeResponse(status: .created, for: req)
    }

    static func require(_ req: Request) async throws -> ResidentReport {
        let text = req.parameters.get("tracking") ?? ""
        guard let report = try await ResidentReportQueries.find(trackingCode: text, db: req.db) else {
            throw AppError.notFound("phản ánh", text, en: "report")
        }
        return report
    }

    /// What anyone holding the code may read: never the phone number, the photos or who handles it.
    @Sendable func statusFromAPI(req: Request) async throws -> PublicReportDTO {
        PublicReportDTO(try await Self.require(req))
    }

    @Sendable func listFromAPI(req: Request) async throws -> [ReportDTO] {
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: try req.asOfDate(), db: req.db)
        try await req.authorize(.handleReports, on: unit)
        let status = try (req.query[String.self, at: "status"]).map { text -> ReportStatus in
            guard let status = ReportStatus(rawValue: text) else {
                throw AppError(.unprocessableEntity, field: "status", vi: "Trạng thái \(text) không có", en: "No status \(text)")
            }
            return status
        }
        let now = Date()
        return try await ResidentReportQueries.reports(under: unit, status: status, db: req.db).map { ReportDTO($0, now: now) }
    }

    @Sendable func handleFromAPI(req: Request) async throws -> ReportDTO {
        let report = try await Self.require(req)
        try await req.authorize(.handleReports, on: report.unit)
        try await ResidentReportWriter.handle(try req.content.decode(ReportHandlingDTO.self), report: report, unit: report.unit, now: Date(),
                                              actor: req.actor, db: req.db)
        return ReportDTO(try await Self.require(req), now: Date())
    }

    @Sendable func listPage(req: Request) async throws -> View {
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: try req.asOfDate(), db: req.db)
        try await req.authorize(.handleReports, on: unit)
        let filter = req.query[String.self, at: "status"].flatMap(ReportStatus.init(rawValue:))
        let now = Date()
        let reports = try await ResidentReportQueries.reports(under: unit, status: filter, db: req.db)
        let counts = try await ResidentReportQueries.counts(under: unit, now: now, db: req.db)
        return try await req.view.render("resident-reports", ResidentReportListPageModel(request: req, unit: unit, ancestors: try await UnitQueries.ancestors(of: unit, db: req.db),
                                                                                 reports: reports, counts: counts, filter: filter, now: now))
    }

    @Sendable func reportPage(req: Request) async throws -> View {
        let report = try await Self.require(req)
        try await req.authorize(.handleReports, on: report.unit)
        return try await renderReport(req, report, problems: [])
    }

    private func renderReport(_ req: Request, _ report: ResidentReport, problems: [InputProblem]) async throws -> View {
        let unit = report.unit
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let set = catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: Day(report.createdAt ?? Date()))
        let officers = try await ReportHandlers.officers(for: unit, db: req.db)
        let audit = try await AuditEvent.query(on: req.db).filter(\.$entity == "resident-report").filter(\.$entityID == report.trackingCode)
            .sort(\.$at, .ascending).all()
        return try await req.view.render("resident-report", ResidentReportPageModel(request: req, report: report, set: set, ancestors: try await UnitQueries.ancestors(of: unit, db: req.db),
                                                                           officers: officers, history: audit, problems: problems, now: Date()))
    }

    @Sendable func handleFromPage(req: Request) async throws -> Response {
        let report = try await Self.require(req)
        try await req.authorize(.handleReports, on: report.unit)
        let input = try req.content.decode(ReportHandlingDTO.self)
        do {
            try await ResidentReportWriter.handle(input, report: report, unit: report.unit, now: Date(), actor: req.actor, db: req.db)
        } catch let error as AppError where error.status == .unprocessableEntity {
            // Show the page again with what was typed and what to fix.
            if let answer = input.answer { report.answer = answer }
            let view = try await renderReport(req, report, problems: error.problems)
            let response = try await view.encodeResponse(status: .unprocessableEntity, for: req)
            return response
        }
        let vi = req.language == .vi
        req.session.data[Flash.key] = vi ? "Đã lưu phản ánh \(report.trackingCode): \(ReportWords.status(report.status, .vi))."
                                         : "Saved report \(report.trackingCode): \(ReportWords.status(report.status, .en))."
        return req.redirect(to: SiteURL.unitPage(report.unit.code, "reports/\(report.trackingCode)").path)
    }

    /// A report's photo, for officers who may handle it.
    @Sendable func photo(req: Request) async throws -> Response {
        let report = try await Self.require(req)
        try await req.authorize(.handleReports, on: report.unit)
        guard let position = req.parameters.get("position").flatMap(Int.init), let photo = report.photos.first(where: { $0.position == position }),
              let id = photo.id else {
            throw AppError.notFound("ảnh", req.parameters.get("position") ?? "", en: "photo")
        }
        let path = (ResidentReportWriter.folder(dataDirectory: req.application.config.dataDirectory) as NSString).appendingPathComponent(id.uuidString)
        let response = try await req.streamUploaded(at: path, contentType: photo.contentType, name: "\(report.trackingCode) #\(position)")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}

/// Officers who may be given a commune's reports: active, allowed to handle them, scope covering it.
enum ReportHandlers {
    /// Two statements whatever the number of accounts (a third per account whose scope extends to predecessors).
    static func officers(for unit: AdminUnit, db: any Database) async throws -> [User] {
        let chain = try await AccessScope.chain(of: unit, db: db)
        var found: [User] = []
        for user in try await User.query(on: db).filter(\.$role ~~ [.communeOfficer, .districtOfficer, .provincialOffice]).filter(\.$isActive == true)
            .sort(\.$username).all()
            where AccessPolicy.allows(user.role, .handleReports, inScope: try await AccessScope.contains(user: user, chain: chain, db: db)) {
            found.append(user)
        }
        return found
    }
}

/// `GET /api/v1/reports/{trackingCode}`: the status a resident may see.
struct PublicReportDTO: Content {
    var trackingCode: String
    var unit: String
    var criterion: Int?
    var status: String
    var answer: String?
    var receivedAt: Date?
    var answeredAt: Date?
    var closedAt: Date?

    init(_ report: ResidentReport) {
        trackingCode = report.trackingCode
        unit = report.unit.code
        criterion = report.criterionNumber
        status = report.status.rawValue
        // A reply is shown once the report is closed; before that the resident sees its status.
        answer = report.status.isClosed ? report.answer : nil
        receivedAt = report.createdAt
        answeredAt = report.answeredAt
        closedAt = report.closedAt
    }
}

/// A report as its officers see it.
struct ReportDTO: Content {
    var trackingCode: String
    var unit: String
    var village: String?
    var criterion: Int?
    var place: String?
    var latitude: Double?
    var longitude: Double?
    var description: String
    var phone: String?
    var photos: Int
    var status: String
    var assignee: String?
    var answer: String?
    var receivedAt: Date?
    var answeredAt: Date?
    var closedAt: Date?
    var overdue: Bool
    var version: Int

    init(_ report: ResidentReport, now: Date) {
        trackingCode = report.trackingCode
        unit = report.unit.code
        village = report.village?.code
        criterion = report.criterionNumber
        place = report.place
        latitude = report.latitude
        longitude = report.longitude
        description = report.description
        phone = report.phone
        photos = report.$photos.value?.count ?? 0
        status = report.status.rawValue
        assignee = report.assignee?.username
        answer = report.answer
        receivedAt = report.createdAt
        answeredAt = report.answeredAt
        closedAt = report.closedAt
        overdue = report.isOverdue(now: now)
        version = report.version
    }
}
