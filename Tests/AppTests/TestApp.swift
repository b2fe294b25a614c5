@testable import App
import Fluent
import Foundation
import NTMDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Runs `body` against a freshly configured app with an empty database: in-memory SQLite by
/// default, PostgreSQL when DATABASE_URL is set (then tests take turns on the one database).
/// `databaseFile`: a SQLite file instead of the in-memory database (what a server uses; SQLite only).
/// `dataDirectory`: uploaded files of its own, for a test that counts or restores them (tests run side by side).
func withNTMApp(demo: Bool = false, databaseFile: String? = nil, dataDirectory: String? = nil,
                _ body: (Application) async throws -> Void) async throws {
    let usesPostgres = !(ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty
    if usesPostgres { await PostgresTurn.shared.acquire() }
    let app = try await Application.make(.testing)
    // Quiet logs: warnings and failures, not every migration line.
    app.logger.logLevel = .warning
    do {
        var config = try AppConfig.fromEnvironment(testing: true)
        if let databaseFile, !usesPostgres { config.database = .sqliteFile(path: databaseFile) }
        if let dataDirectory { config.dataDirectory = dataDirectory }
        try await configure(app, config: config)
        if usesPostgres { try await resetPostgres(app) }
        if demo { _ = try await DemoData.load(resourcesDirectory: app.config.resourcesDirectory, hasher: app.password.sync, db: app.db) }
        try await body(app)
    } catch {
        try await app.asyncShutdown()
        if usesPostgres { await PostgresTurn.shared.release() }
        throw error
    }
    try await app.asyncShutdown()
    if usesPostgres { await PostgresTurn.shared.release() }
}

/// Drops every table so each test starts from nothing, then migrates and loads the shipped sets again.
private func resetPostgres(_ app: Application) async throws {
    let sql = app.db as! any SQLDatabase
    try await sql.raw("DROP SCHEMA public CASCADE").run()
    try await sql.raw("CREATE SCHEMA public").run()
    try await app.autoMigrate()
    try await ShippedCriteriaSets.loadIfEmpty(resourcesDirectory: app.config.resourcesDirectory, db: app.db)
}

/// One test at a time on the shared PostgreSQL database; SQLite tests each have their own.
actor PostgresTurn {
    static let shared = PostgresTurn()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

/// Imports Hà Tĩnh's units from the shipped 2024 and 2025 lists.
func importHaTinh(_ app: Application) async throws {
    try await DemoData.importUnitLists(resourcesDirectory: app.config.resourcesDirectory, actor: .cli, db: app.db)
}

/// An account with `role` over the unit `scope`, and bearer headers for its personal token.
@discardableResult
/// The scope code is looked up on `scopeDate`: the demo's reports are of 2020–2022.
func makeUser(_ app: Application, _ username: String, role: Role, scope: String?, scopeDate: String? = "2022-04-26",
              organisation: String? = nil) async throws -> (User, HTTPHeaders) {
    let user = try await UserWriter.create(NewUserDTO(username: username, displayName: username, role: role, scope: scope, scopeDate: scopeDate,
                                                      organisation: organisation ?? (role == .sponsor ? "Org" : nil), password: "correct horse battery"),
                                           hasher: app.password.sync, actor: .cli, db: app.db)
    let token = try await UserWriter.issueToken(for: user, name: "test", actor: .cli, db: app.db)
    var headers = HTTPHeaders()
    headers.bearerAuthorization = BearerAuthorization(token: token)
    return (user, headers)
}

/// Bearer headers of an administrator, for tests about something other than permissions.
func makeToken(_ app: Application) async throws -> HTTPHeaders {
    try await makeUser(app, "admin-\(UUID().uuidString.prefix(6).lowercased())", role: .admin, scope: nil).1
}

struct ErrorBody: Decodable {
    var error: Bool
    var reason: String
    var field: String?
    var problems: [Problem]?
    var successors: [LineageLinkDTO]?
    var predecessors: [LineageLinkDTO]?

    struct Problem: Decodable {
        var field: String
        var reason: String
    }
}

/// The repository's shared folder (../shared), where the full national unit list lives.
var sharedDataDirectory: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data").path
}

/// Sends a JSON body and returns the status and the body text.
func sendJSON(_ app: Application, _ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders = [:], _ body: String) async throws -> (HTTPResponseStatus, String) {
    var h = headers
    h.contentType = .json
    var result: (HTTPResponseStatus, String) = (.imATeapot, "")
    try await app.testing().test(method, path, headers: h, body: ByteBuffer(string: body)) { res async throws in result = (res.status, res.body.string) }
    return result
}
