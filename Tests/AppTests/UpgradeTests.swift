@testable import App
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NTMDomain
import SQLKit
import Testing
import Vapor

/// Upgrading a database made by an earlier release: its schema and rows are a checked-in fixture
/// (`Tests/Fixtures/release-003.sql`, written by the migrations of folders 001–003 as they landed, plus a
/// few rows), never regenerated from today's code — so an edited landed migration shows here.
@Suite("Upgrade from an earlier release")
struct UpgradeTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/release-003.sql")
    /// The migrations of that release: folders 001 to 003.
    static var releaseMigrations: [any Migration] {
        Array(Migrations.all.prefix { !($0 is CreateCommuneGroups) })
    }

    func app(file: String) async throws -> Application {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        app.databases.use(.sqlite(.file(file)), as: .sqlite)
        return app
    }

    /// Tables, their columns (name, type, not null, primary key) and indexes, in a comparable form.
    func schema(_ sql: any SQLDatabase) async throws -> [String] {
        var lines: [String] = []
        for table in try await Backup.tableNames(sql, schema: "main") {
            for row in try await sql.raw("SELECT name, type, \"notnull\" AS nn, pk FROM pragma_table_info(\(bind: table))").all() {
                lines.append("\(table).\(try row.decode(column: "name", as: String.self)) \(try row.decode(column: "type", as: String.self)) "
                             + "\(try row.decode(column: "nn", as: Int.self)) \(try row.decode(column: "pk", as: Int.self))")
            }
        }
        for row in try await sql.raw("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'").all() {
            lines.append("index \(try row.decode(column: "tbl_name", as: String.self)).\(try row.decode(column: "name", as: String.self))")
        }
        return lines.sorted()
    }

    @Test("The previous release's database upgrades: its rows intact and readable, its schema equal to a fresh one")
    func upgrade() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-upgrade-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let old = folder + "/old.sqlite", fresh = folder + "/fresh.sqlite"
        let dump = try String(contentsOf: Self.fixture, encoding: .utf8)

        let upgraded = try await app(file: old)
        let sql = try #require(upgraded.db as? any SQLDatabase)
        // The dump, statement by statement (sqlite3 .dump ends each with ";\n").
        for statement in dump.components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("BEGIN TRANSACTION") || trimmed.hasPrefix("COMMIT") || trimmed.hasPrefix("PRAGMA") { continue }
            try await sql.raw(SQLQueryString(trimmed)).run()
        }
        let appliedBefore = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()?.decode(column: "n", as: Int.self)
        #expect(appliedBefore == Self.releaseMigrations.count)
        upgraded.migrations.add(Migrations.all)
        try await upgraded.autoMigrate()
        // The rows of the old release, read through today's models.
        let unit = try #require(try await AdminUnit.query(on: upgraded.db).filter(\.$code == "18523").first())
        #expect(unit.name == "Xã Hương Bình")
        let assessment = try #require(try await Assessment.query(on: upgraded.db).filter(\.$unit.$id == unit.requireID())
            .with(\.$values).with(\.$declarations).first())
        #expect(assessment.asOf == "2022-04-26" && assessment.values.count == 2 && assessment.declarations.count == 20)
        #expect(assessment.declarations.allSatisfy { $0.declaration.applicable && $0.declaration.met })
        let recognition = try #require(try await Recognition.query(on: upgraded.db).first())
        #expect(recognition.decisionNumber == "1234/QĐ-UBND" && (recognition.basis ?? .appraisal) == .appraisal)
        let upgradedSchema = try await schema(sql)
        try await upgraded.asyncShutdown()

        let clean = try await app(file: fresh)
        clean.migrations.add(Migrations.all)
        try await clean.autoMigrate()
        let freshSchema = try await schema(try #require(clean.db as? any SQLDatabase))
        try await clean.asyncShutdown()
        #expect(upgradedSchema == freshSchema)
    }

    /// Writes the fixture with the release's migrations: `NTM_WRITE_UPGRADE_FIXTURE=1 swift test --filter writeFixture`,
    /// then `sqlite3 FILE .dump`. Kept for the next release's fixture; skipped otherwise.
    @Test("Fixture writer (run by hand)")
    func writeFixture() async throws {
        guard let target = ProcessInfo.processInfo.environment["NTM_WRITE_UPGRADE_FIXTURE"] else { return }
        let app = try await app(file: target)
        app.migrations.add(Self.releaseMigrations)
        try await app.autoMigrate()
        try await Self.insertFixtureRows(try #require(app.db as? any SQLDatabase))
        try await app.asyncShutdown()
    }


    /// The rows both fixtures hold: Hương Bình, its assessment of 26/04/2022 (two values, 20 criteria met), its recognition.
    static func insertFixtureRows(_ sql: any SQLDatabase) async throws {
        let unitID = UUID(), assessmentID = UUID()
        try await sql.raw("""
            INSERT INTO admin_units (id, code, province_code, valid_from, source, name, level, official_type, search_key, region)
            VALUES (\(bind: unitID), '18523', '42', NULL, 'fixture', 'Xã Hương Bình', 'commune', 'Xã', 'huong binh', 'mountain')
            """).run()
        try await sql.raw("""
            INSERT INTO assessments (id, unit_id, set_code, as_of, note, source, version, updated_by)
            VALUES (\(bind: assessmentID), \(bind: unitID), 'ha-tinh-xa-ntm-318', '2022-04-26', 'fixture', 'Báo cáo 26/4/2022', 1, 'cli')
            """).run()
        try await sql.raw("INSERT INTO assessment_values (id, assessment_id, indicator_code, number_value) VALUES (\(bind: UUID()), \(bind: assessmentID), '2.1', 100)").run()
        try await sql.raw("INSERT INTO assessment_values (id, assessment_id, indicator_code, flag_value) VALUES (\(bind: UUID()), \(bind: assessmentID), '1.1', \(bind: true))").run()
        for n in 1...20 {
            try await sql.raw("INSERT INTO assessment_declarations (id, assessment_id, criterion_number, met) VALUES (\(bind: UUID()), \(bind: assessmentID), \(bind: n), \(bind: true))").run()
        }
        try await sql.raw("""
            INSERT INTO recognitions (id, unit_id, grade, decision_number, decided_on, note, source, result_year)
            VALUES (\(bind: UUID()), \(bind: unitID), 'standard', '1234/QĐ-UBND', '2022-06-15', NULL, 'fixture', 2022)
            """).run()
    }

    // MARK: PostgreSQL

    static let postgresFixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/release-005-postgres.sql")
    /// The migrations of the release the PostgreSQL fixture was written by: folders 001 to 005.
    static var postgresReleaseMigrations: [any Migration] {
        Array(Migrations.all.prefix { !($0 is CreateResidentReports) })
    }

    /// Columns (type, nullability) and indexes of the public schema, in a comparable form.
    func postgresSchema(_ sql: any SQLDatabase) async throws -> [String] {
        var lines: [String] = []
        for row in try await sql.raw("""
            SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public'
            """).all() {
            lines.append(try ["table_name", "column_name", "data_type", "is_nullable"].map { try row.decode(column: $0, as: String.self) }.joined(separator: " "))
        }
        for row in try await sql.raw("SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public'").all() {
            lines.append("index " + (try ["tablename", "indexname"].map { try row.decode(column: $0, as: String.self) }.joined(separator: ".")))
        }
        return lines.sorted()
    }

    /// Runs a pg_dump file (`--inserts`) statement by statement, leaving out the session settings
    /// (an empty search_path would follow the pooled connection into later queries).
    func load(postgresDump dump: String, into sql: any SQLDatabase) async throws {
        let kept = dump.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("--") && !$0.hasPrefix("SET ") && !$0.hasPrefix("SELECT pg_catalog.set_config") && !$0.hasPrefix("\\") }
            .joined(separator: "\n")
        for statement in kept.components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("CREATE SCHEMA public") || trimmed.hasPrefix("ALTER SCHEMA public") { continue }  // made by the test
            do { try await sql.raw(SQLQueryString(trimmed)).run() } catch {
                Issue.record("\(trimmed.prefix(120)): \(String(reflecting: error).prefix(400))")
                throw error
            }
        }
    }

    @Test("On PostgreSQL too: the previous release's database upgrades, rows intact, schema equal to a fresh one")
    func upgradePostgres() async throws {
        guard !(ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty else { return }
        try await withNTMApp { app async throws in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
            try await load(postgresDump: try String(contentsOf: Self.postgresFixture, encoding: .utf8), into: sql)
            let appliedBefore = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()?.decode(column: "n", as: Int.self)
            #expect(appliedBefore == Self.postgresReleaseMigrations.count)
            try await app.autoMigrate()
            let unit = try #require(try await AdminUnit.query(on: app.db).filter(\.$code == "18523").first())
            #expect(unit.name == "Xã Hương Bình")
            let assessment = try #require(try await Assessment.query(on: app.db).filter(\.$unit.$id == unit.requireID())
                .with(\.$values).with(\.$declarations).first())
            #expect(assessment.asOf == "2022-04-26" && assessment.values.count == 2 && assessment.declarations.count == 20)
            let recognition = try #require(try await Recognition.query(on: app.db).first())
            #expect(recognition.decisionNumber == "1234/QĐ-UBND")
            let upgradedSchema = try await postgresSchema(sql)

            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
            try await app.autoMigrate()
            #expect(upgradedSchema == (try await postgresSchema(sql)))
        }
    }

    /// Writes the PostgreSQL fixture with that release's migrations on DATABASE_URL:
    /// `NTM_WRITE_PG_UPGRADE_FIXTURE=1 DATABASE_URL=… swift test --filter writePostgresFixture`, then
    /// `pg_dump --inserts --no-owner --no-privileges --schema=public URL`. Skipped otherwise.
    @Test("PostgreSQL fixture writer (run by hand)")
    func writePostgresFixture() async throws {
        guard ProcessInfo.processInfo.environment["NTM_WRITE_PG_UPGRADE_FIXTURE"] != nil,
              let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else { return }
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        app.databases.use(try .postgres(url: url), as: .psql)
        let sql = try #require(app.db as? any SQLDatabase)
        try await sql.raw("DROP SCHEMA public CASCADE").run()
        try await sql.raw("CREATE SCHEMA public").run()
        app.migrations.add(Self.postgresReleaseMigrations)
        try await app.autoMigrate()
        try await Self.insertFixtureRows(sql)
        try await app.asyncShutdown()
    }
}
