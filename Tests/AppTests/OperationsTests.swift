import Foundation
@testable import App
import Fluent
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Operations")
struct OperationsTests {
    @Test("/ready: 200 with every migration applied; 503 naming the migration an upgrade has not applied yet")
    func readiness() async throws {
        try await withNTMApp { app async throws in
            try await app.testing().test(.GET, "/ready") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("\"status\":\"ready\""))
            }
            // As if an upgrade had not applied its newest migration yet: rename its record for a moment
            // (the database is shared by the PostgreSQL run, so it is put back).
            let sql = try #require(app.db as? any SQLDatabase)
            let name = AddDeclarationApplicable().name
            try await sql.update("_fluent_migrations").set("name", to: SQLBind(name + "-pending")).where("name", .equal, SQLBind(name)).run()
            try await app.testing().test(.GET, "/ready") { res async throws in
                #expect(res.status == .serviceUnavailable)
                #expect(res.body.string.contains("AddDeclarationApplicable"))
            }
            try await sql.update("_fluent_migrations").set("name", to: SQLBind(name)).where("name", .equal, SQLBind(name + "-pending")).run()
            try await app.testing().test(.GET, "/health") { res async throws in
                #expect(res.status == .ok)   // alive, just not ready
            }
        }
    }

    @Test("A required data file that is missing or malformed stops the start with a message naming it")
    func missingReferenceFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-ref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: AppError.self) { try ReferenceData.load(resourcesDirectory: folder.path) }
        do { _ = try ReferenceData.load(resourcesDirectory: folder.path) } catch let error as AppError {
            #expect(error.message.vi.contains("holidays-vn.csv"))
        }
        try "date,name\n2022-13-45,Tết\n".write(to: folder.appendingPathComponent("Data/holidays-vn.csv"), atomically: true, encoding: .utf8)
        do { _ = try Holidays.load(resourcesDirectory: folder.path) } catch let error as AppError {
            #expect(error.message.vi.contains("dòng 2"))
        }
    }

    @Test("A malformed date stored by hand fails the request that meets it, clearly, and the server goes on")
    func malformedStoredDate() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let plan = try #require(try await Plan.query(on: app.db).first())
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.update(Plan.schema).set("target_date", to: SQLBind("not a date")).where("id", .equal, SQLBind(plan.requireID())).run()
            try await app.testing().test(.GET, "/plans/\(try plan.requireID())?date=2022-09-30") { res async throws in
                #expect(res.status == .internalServerError, "\(res.body.string.prefix(600))")
            }
            try await app.testing().test(.GET, "/health") { res async throws in
                #expect(res.status == .ok)
            }
        }
    }

    @Test("A typed date outside 1990–2100 is a typing mistake: 400 naming the field, in the API and the pages")
    func datesOutsideTheSensibleYears() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/api/v1/units/444/scorecard?date=0022-04-26") { res async throws in
                #expect(res.status == .badRequest)
                let body = try res.content.decode(ErrorBody.self)
                #expect(body.field == "date")
                #expect(body.reason.contains("1990"))
            }
            try await app.testing().test(.GET, "/units/444?date=0022-04-26") { res async throws in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("năm 22 nằm ngoài khoảng 1990–2100"))
            }
            let admin = try await makeToken(app)
            let (status, body) = try await sendJSON(app, .POST, "/api/v1/units/18523/assessments", admin,
                                                    #"{"date":"2222-01-01","declarations":[{"criterion":1,"met":true}]}"#)
            #expect(status == .badRequest)
            #expect(body.contains("2222"))
        }
    }

    @Test("What fuzzing left behind is refused: a plan named with control characters, a target in the year 3158")
    func fuzzedPlansAreRefused() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let admin = try await makeToken(app)
            let before = try await Plan.query(on: app.db).count()
            let (nameStatus, nameBody) = try await sendJSON(app, .POST, "/api/v1/units/18523/plans", admin,
                                                            #"{"name":"\u0001\u0007\u001b","start":"2022-05-01","target":"2022-12-31"}"#)
            #expect(nameStatus == .unprocessableEntity)
            #expect(nameBody.contains("\"field\":\"name\""))
            let (yearStatus, yearBody) = try await sendJSON(app, .POST, "/api/v1/units/18523/plans", admin,
                                                            #"{"name":"Kế hoạch","start":"2022-05-01","target":"3158-12-31"}"#)
            #expect(yearStatus == .badRequest)
            #expect(yearBody.contains("\"field\":\"target\""))
            #expect(try await Plan.query(on: app.db).count() == before)
        }
    }

    @Test("Every response names its request id (the caller's X-Request-Id if given); errors carry it in the body; /metrics counts requests by route")
    func requestIdsAndMetrics() async throws {
        try await withNTMApp { app async throws in
            try await app.testing().test(.GET, "/api/v1/units/99999", headers: ["X-Request-Id": "support-42"]) { res async throws in
                #expect(res.status == .notFound)
                #expect(res.headers.first(name: "X-Request-Id") == "support-42")
                #expect(res.body.string.contains(#""requestId":"support-42""#))
            }
            try await app.testing().test(.GET, "/units/99999") { res async throws in
                let id = try #require(res.headers.first(name: "X-Request-Id"))
                #expect(res.body.string.contains("id=\"request-id\">\(id)</code>"))
            }
            try await app.testing().test(.GET, "/health") { res async throws in
                #expect(res.headers.first(name: "X-Request-Id")?.isEmpty == false)
            }
            try await app.testing().test(.GET, "/metrics") { res async throws in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.hasPrefix("text/plain") == true)
                let text = res.body.string
                #expect(text.contains(#"http_requests_total{method="GET",path="/health",status="200"}"#))
                #expect(text.contains(#"http_request_duration_seconds_bucket{method="GET",path="/api/v1/units/:code",status="404""#))
                #expect(text.contains("ntm_database_ping_seconds"))
            }
        }
    }

    @Test("Backup while writes run, restore into a fresh database: every table's rows equal the backup's; a database holding data is refused without --replace")
    func backupAndRestore() async throws {
        guard (ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty else { return }  // the SQLite path; PostgreSQL uses pg_dump
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-backup-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        // The server's database is a file in WAL mode: the copy reads one snapshot on a connection of
        // its own while the writes below go on through the pool.
        let served = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-served-\(UUID().uuidString).sqlite").path
        // Files of its own: the photo below is restored and counted, while other tests upload theirs.
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-backup-files-\(UUID().uuidString)").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: served + suffix) }
            try? FileManager.default.removeItem(atPath: files)
        }
        var totalMet = 0
        // A resident's photo is kept with the backup, as evidence files are.
        let photoName = UUID().uuidString
        try await withNTMApp(demo: true, databaseFile: served, dataDirectory: files) { app async throws in
            let photos = ResidentReportWriter.folder(dataDirectory: app.config.dataDirectory)
            try FileManager.default.createDirectory(atPath: photos, withIntermediateDirectories: true)
            try Data("photo-bytes".utf8).write(to: URL(fileURLWithPath: photos + "/" + photoName))
            // Writes on other days keep going while the copy is taken.
            let writer = Task {
                for k in 1...15 {
                    let input = AssessmentInputDTO(set: nil, date: "2023-02-\(String(format: "%02d", k))", note: nil, source: nil, values: nil,
                                                   declarations: [.init(criterion: 1, met: k % 2 == 0, note: nil)])
                    _ = try await AssessmentWriter.record(input, unitCode: "18523", actor: .cli, db: app.db)
                }
            }
            let summary = try await Backup.writeSQLite(app, to: file)
            try await writer.value
            #expect(summary.rows > 1000 && summary.tables > 20)
            try await app.testing().test(.GET, "/api/v1/units/444/scorecard?date=2022-04-26") { res async throws in
                totalMet = try res.content.decode(ScorecardDTO.self).totalMet ?? -1
            }
            // Over data that is there already only with --replace.
            await #expect(throws: AppError.self) { try await Backup.restoreSQLite(app, from: file, replace: false) }
        }
        try await withNTMApp(dataDirectory: files) { app async throws in
            let photo = ResidentReportWriter.folder(dataDirectory: app.config.dataDirectory) + "/" + photoName
            try FileManager.default.removeItem(atPath: photo)
            let summary = try await Backup.restoreSQLite(app, from: file, replace: false)
            #expect(summary.rows > 1000)
            #expect(FileManager.default.contents(atPath: photo) == Data("photo-bytes".utf8))
            // One connection: an attached database belongs to the connection that attached it.
            let (restored, original) = try await app.db.withConnection { db in
                let sql = db as! any SQLDatabase
                let restored = try await Backup.tableCounts(sql, schema: "main")
                try await sql.raw("ATTACH DATABASE \(bind: file) AS copy").run()
                var original = try await Backup.tableCounts(sql, schema: "copy")
                try await sql.raw("DETACH DATABASE copy").run()
                original.removeValue(forKey: Backup.filesTable)
                return (restored, original)
            }
            #expect(restored == original)
            try await app.testing().test(.GET, "/api/v1/units/444/scorecard?date=2022-04-26") { res async throws in
                #expect(try res.content.decode(ScorecardDTO.self).totalMet == totalMet)
            }
            // The demo's accounts came back too: signing in works on the restored database.
            #expect(try await User.query(on: app.db).filter(\.$username == "huongkhe").count() == 1)
        }
    }

    @Test("PostgreSQL: pg_dump backup while serving, restore over later changes: the later rows are gone, every table's rows equal the backup's, photos put back")
    func backupAndRestorePostgres() async throws {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-backup-\(UUID().uuidString).dump").path
        defer {
            try? FileManager.default.removeItem(atPath: file)
            for folder in Backup.fileFolders { try? FileManager.default.removeItem(atPath: file + "." + folder) }
        }
        try await withNTMApp(demo: true) { app async throws in
            let sql = try #require(app.db as? any SQLDatabase)
            func counts() async throws -> [String: Int] {
                var counts: [String: Int] = [:]
                for row in try await sql.raw("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").all() {
                    let table = try row.decode(column: "tablename", as: String.self)
                    counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
                }
                return counts
            }
            let photos = ResidentReportWriter.folder(dataDirectory: app.config.dataDirectory)
            try FileManager.default.createDirectory(atPath: photos, withIntermediateDirectories: true)
            let photo = photos + "/" + UUID().uuidString
            try Data("photo-bytes".utf8).write(to: URL(fileURLWithPath: photo))
            let before = try await counts()
            _ = try Backup.writePostgres(app, url: url, to: file)

            // Later changes: a new assessment and a lost photo.
            let input = AssessmentInputDTO(set: nil, date: "2023-03-01", note: nil, source: nil, values: nil, declarations: [.init(criterion: 1, met: true, note: nil)])
            _ = try await AssessmentWriter.record(input, unitCode: "18523", actor: .cli, db: app.db)
            try FileManager.default.removeItem(atPath: photo)
            #expect(try await counts() != before)

            await #expect(throws: AppError.self) { try await Backup.restorePostgres(app, url: url, from: file, replace: false) }
            _ = try await Backup.restorePostgres(app, url: url, from: file, replace: true)
            #expect(try await counts() == before)
            #expect(FileManager.default.contents(atPath: photo) == Data("photo-bytes".utf8))
        }
    }
}
