import Fluent
import SQLKit
import Vapor

/// Every route. Reads of public data are open; every write needs a signed-in user or a token
/// (401 otherwise) and then passes `Request.authorize` for its action and unit (403 otherwise).
func routes(_ app: Application) throws {
    app.get("health", use: health)
    app.get("ready", use: ready)
    app.get("metrics", use: Observability.metrics)
    // Browsers and feed readers ask for /favicon.ico whatever the page says: point them to the SVG.
    app.get("favicon.ico") { req in req.redirect(to: "/favicon.svg", redirectType: .permanent) }

    let api = app.grouped("api", "v1").grouped(TokenAuthenticator())
    let writes = api.grouped(RequireUser())
    api.get("openapi.json", use: openAPIDocument)
    UnitAPIController().register(public: api, protected: writes)
    CriteriaSetAPIController().register(public: api, protected: writes)
    PlanAPIController().register(public: api, protected: writes)
    ReformController().register(api: api, writes: writes)

    let pages = app.grouped(LanguageCookieMiddleware())
    PageController().register(pages)
    PlanPageController().register(pages)
    AssessmentPageController().register(pages)
    EvidenceController().register(api: api, writes: writes, pages: pages)
    FundingController().register(api: api, writes: writes, pages: pages)
    SponsorController().register(api: api, writes: writes, pages: pages)
    ReportController().register(pages)
    OutlookController().register(api: api, writes: writes, pages: pages)
    AssessmentImportController().register(api: api, writes: writes, pages: pages)
    MapController().register(api: api, writes: writes, pages: pages)
    SummaryController().register(api: api, writes: writes, pages: pages)
    AccountController().register(pages: pages, api: api, writes: writes)
    ScopeController().register(pages: pages, writes: writes)
    ResidentReportController().register(api: api, writes: writes, pages: pages)
    PublicPortalController().register(pages)
    UpkeepController().register(api: api, pages: pages)
    DossierProcedureController().register(api: api, writes: writes, pages: pages)
    FormController(WriteForms.all).register(pages)
}

/// 200 `{"status":"ok"}` when the database answers a query; 503 otherwise.
@Sendable func health(req: Request) async throws -> Response {
    struct Health: Content { var status: String }
    do {
        guard let sql = req.db as? any SQLDatabase else { throw Abort(.serviceUnavailable) }
        try await sql.raw("SELECT 1").run()
        return try await Health(status: "ok").encodeResponse(for: req)
    } catch {
        req.logger.error("health check failed: \(error)")
        let response = try await Health(status: "database unavailable").encodeResponse(for: req)
        response.status = .serviceUnavailable
        return response
    }
}

/// 200 `{"status":"ready","migrations":N}` when the database answers and every migration this
/// build knows has been applied (an instance started before an upgrade finished is not ready); 503 otherwise.
@Sendable func ready(req: Request) async throws -> Response {
    struct Ready: Content { var status: String; var migrations: Int; var missing: [String]? }
    let expected = Set(Migrations.all.map(\.name))
    do {
        guard let sql = req.db as? any SQLDatabase else { throw Abort(.serviceUnavailable) }
        let applied = Set(try await sql.select().column("name").from("_fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) })
        let missing = expected.subtracting(applied).sorted()
        let response = try await Ready(status: missing.isEmpty ? "ready" : "migrations pending", migrations: applied.count,
                                       missing: missing.isEmpty ? nil : missing).encodeResponse(for: req)
        if !missing.isEmpty { response.status = .serviceUnavailable }
        return response
    } catch {
        req.logger.error("readiness check failed: \(error)")
        let response = try await Ready(status: "database unavailable", migrations: 0, missing: nil).encodeResponse(for: req)
        response.status = .serviceUnavailable
        return response
    }
}

/// The OpenAPI 3 document, kept as a file beside the data so it is reviewed like code.
@Sendable func openAPIDocument(req: Request) async throws -> Response {
    let path = (req.application.config.resourcesDirectory as NSString).appendingPathComponent("openapi.json")
    let response = try await req.fileio.asyncStreamFile(at: path)
    response.headers.contentType = .json
    return response
}
