import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import NIOSSL
import Vapor

/// The one place that wires the app: configuration, database, migrations, middleware, views, routes.
public func configure(_ app: Application) async throws {
    // Configuration: read once; a bad value stops the start with every problem named.
    try await configure(app, config: AppConfig.fromEnvironment(testing: app.environment == .testing))
}

/// With a configuration given instead of read from the environment (tests that need a database file of their own).
func configure(_ app: Application, config: AppConfig) async throws {
    app.config = config
    app.referenceData = try ReferenceData.load(resourcesDirectory: config.resourcesDirectory)
    // Views and static files are found relative to the checkout, wherever the binary runs from.
    app.directory = DirectoryConfiguration(workingDirectory: config.rootDirectory)
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    // Multipart bodies are checked before MultipartKit's parser, which crashes on some (see MultipartGuard).
    ContentConfiguration.global.use(decoder: GuardedFormDataDecoder(), for: .formData)

    // Database: PostgreSQL when DATABASE_URL is set, else a SQLite file (WAL) under NTM_DATA_DIR.
    switch config.database {
    case .postgres(let url):
        var postgres = try SQLPostgresConfiguration(url: url)
        if !url.contains("sslmode=require") { postgres.coreConfiguration.tls = .disable }
        app.databases.use(.postgres(configuration: postgres), as: .psql)
    case .sqliteFile(let path):
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    }

    // Migrations: the same list for both databases, applied on start so a fresh clone just runs.
    // Two instances starting together take turns (a database lock), so both come up.
    app.migrations.add(Migrations.all)
    try await StartupLock.run(app, config: config) {
        try await app.autoMigrate()
        try await enableSQLiteWriteAheadLog(app)
        try await ShippedCriteriaSets.loadIfEmpty(resourcesDirectory: config.resourcesDirectory, db: app.db)
    }

    // Passwords: bcrypt, cost 12 (4 in tests, where speed matters more than strength).
    app.passwords.use(.bcrypt(cost: config.bcryptCost))

    // Sessions live in the database so several app instances share them; the cookie is
    // HttpOnly, SameSite=Lax, and Secure when the public address is https.
    app.sessions.use(.fluent)
    app.sessions.configuration = SessionsConfiguration(cookieName: "ntm-session") { id in
        HTTPCookies.Value(string: id.string, expires: Date().addingTimeInterval(8 * 3600), path: "/",
                          isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    // Middleware: errors in the caller's language first, then security headers, static files,
    // sessions, the signed-in user, and the CSRF check on every unsafe browser request.
    app.middleware = .init()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(NTMErrorMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(User.sessionAuthenticator())
    app.middleware.use(CSRFMiddleware())

    // Views: Leaf templates from Resources/Views.
    app.views.use(.leaf)
    app.leaf.cache.isEnabled = app.environment.isRelease

    // Commands: `ntm demo`, imports, criteria sets, tokens (serve and migrate come with Vapor).
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(ImportUnitsCommand(), as: "import-units")
    app.asyncCommands.use(ImportVillagesCommand(), as: "import-villages")
    app.asyncCommands.use(ImportBoundaryCommand(), as: "import-boundary")
    app.asyncCommands.use(ImportAssessmentsCommand(), as: "import-assessments")
    app.asyncCommands.use(ImportCommuneGroupsCommand(), as: "import-commune-groups")
    app.asyncCommands.use(CriteriaCommand(), as: "criteria")
    app.asyncCommands.use(ScorecardsCommand(), as: "scorecards")
    app.asyncCommands.use(BenchmarkDataCommand(), as: "benchmark-data")
    app.asyncCommands.use(TokenCommand(), as: "token")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")

    _ = Observability.bootstrapped
    try routes(app)
}

/// SQLite in WAL mode lets pages read while an import writes.
private func enableSQLiteWriteAheadLog(_ app: Application) async throws {
    guard case .sqliteFile = app.config.database, let sql = app.db as? any SQLDatabase else { return }
    try await sql.raw("PRAGMA journal_mode=WAL").run()
}

/// Headers every response carries: no framing, no sniffing, scripts and styles only from us.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                      value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        // Vapor takes the caller's X-Request-Id or makes one, and puts it in every log line of the request.
        response.headers.replaceOrAdd(name: .xRequestId, value: request.id)
        return response
    }
}
