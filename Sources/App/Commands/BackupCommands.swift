import Fluent
import Foundation
import SQLKit
import SQLiteKit
import Vapor

/// Backups of everything NTM keeps: the database and the uploaded files (evidence, residents' report photos).
///
/// SQLite: `VACUUM INTO` writes a consistent copy of the database while the server keeps serving
/// and writing (it reads one snapshot); the evidence files go into the same file, in a table of
/// their own, so a backup is one file. Restoring copies every table's rows back in one
/// transaction on one connection, column by column (a backup of an earlier version restores into
/// today's schema; one from a newer version is refused).
/// PostgreSQL: the backup is `pg_dump --format=custom`, the restore `pg_restore --clean`; evidence
/// files are copied beside the dump (`FILE.evidence/`).
enum Backup {
    static let filesTable = "ntm_backup_files"

    struct Summary {
        var tables: Int
        var rows: Int
        var files: Int
    }

    // MARK: SQLite

    static func writeSQLite(_ app: Application, to path: String) async throws -> Summary {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw AppError(.conflict, field: "to", vi: "Tệp \(path) đã có: chọn tên khác", en: "\(path) exists already: choose another name")
        }
        let files = evidenceFiles(app)
        return try await withBackupConnection(app) { sql in
            try await sql.raw("VACUUM INTO \(bind: path)").run()
            try await sql.raw("ATTACH DATABASE \(bind: path) AS backup").run()
            do {
                try await sql.raw("CREATE TABLE backup.\(ident: filesTable) (path TEXT PRIMARY KEY, bytes BLOB NOT NULL)").run()
                for (name, data) in files {
                    try await sql.raw("INSERT INTO backup.\(ident: filesTable) (path, bytes) VALUES (\(bind: name), \(bind: data))").run()
                }
                let counts = try await tableCounts(sql, schema: "backup")
                try await sql.raw("DETACH DATABASE backup").run()
                return Summary(tables: counts.count, rows: counts.values.reduce(0, +), files: files.count)
            } catch {
                try? await sql.raw("DETACH DATABASE backup").run()
                throw error
            }
        }
    }

    /// A database file is copied on a connection of its own, not one of the pool: a long copy of a
    /// large file would otherwise hold the connection that one event loop's requests (and writes)
    /// wait for, and they would time out after 10 s. In WAL mode that connection reads one
    /// snapshot while the pool's connections keep writing. An in-memory database (tests) is only
    /// reachable through the pool.
    private static func withBackupConnection<T: Sendable>(_ app: Application, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard case .sqliteFile(let databasePath) = app.config.database else {
            return try await app.db.withConnection { db in
                guard let sql = db as? any SQLDatabase else { throw failure("not an SQL database") }
                return try await body(sql)
            }
        }
        let connection = try await SQLiteConnection.open(storage: .file(path: databasePath), threadPool: app.threadPool,
                                                         logger: app.logger, on: app.eventLoopGroup.any())
        do {
            let result = try await body(connection.sql())
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    static func restoreSQLite(_ app: Application, from path: String, replace: Bool) async throws -> Summary {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AppError(.notFound, field: "from", vi: "Không có tệp \(path)", en: "No file \(path)")
        }
        if !replace, try await holdsData(app.db) {
            throw AppError(.conflict, field: "replace", vi: "Cơ sở dữ liệu đang có dữ liệu: thêm --replace để thay toàn bộ bằng bản sao lưu",
                           en: "The database holds data: add --replace to replace all of it with the backup")
        }
        let folder = evidenceFolder(app)
        let summary = try await app.db.withConnection { db -> (Summary, [(String, Data)]) in
            guard let sql = db as? any SQLDatabase else { throw failure("not an SQL database") }
            try await sql.raw("ATTACH DATABASE \(bind: path) AS backup").run()
            do {
                let known = Set(try await sql.raw("SELECT name FROM main._fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) })
                let theirs = Set(try await sql.raw("SELECT name FROM backup._fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) })
                let newer = theirs.subtracting(known)
                guard newer.isEmpty else {
                    throw AppError(.unprocessableEntity, field: "from", vi: "Bản sao lưu của phiên bản mới hơn (\(newer.sorted().joined(separator: ", "))): hãy nâng cấp NTM trước",
                                   en: "The backup comes from a newer version (\(newer.sorted().joined(separator: ", "))): upgrade NTM first")
                }
                let tables = try await tableNames(sql, schema: "main").filter { $0 != "_fluent_migrations" }
                let backupTables = Set(try await tableNames(sql, schema: "backup"))
                var rows = 0
                try await sql.raw("PRAGMA foreign_keys = OFF").run()
                try await sql.raw("BEGIN IMMEDIATE").run()
                do {
                    for table in tables {
                        try await sql.raw("DELETE FROM main.\(ident: table)").run()
                        guard backupTables.contains(table) else { continue }
                        let mine = try await columns(sql, schema: "main", table: table)
                        let theirs = Set(try await columns(sql, schema: "backup", table: table))
                        let common = mine.filter(theirs.contains)
                        let list = SQLList(common.map { SQLIdentifier($0) })
                        try await sql.raw("INSERT INTO main.\(ident: table) (\(list)) SELECT \(list) FROM backup.\(ident: table)").run()
                        rows += try await sql.raw("SELECT COUNT(*) AS n FROM main.\(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
                    }
                    try await sql.raw("COMMIT").run()
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    try? await sql.raw("PRAGMA foreign_keys = ON").run()
                    throw error
                }
                try await sql.raw("PRAGMA foreign_keys = ON").run()
                var files: [(String, Data)] = []
                if backupTables.contains(filesTable) {
                    for row in try await sql.raw("SELECT path, bytes FROM backup.\(ident: filesTable)").all() {
                        files.append((try row.decode(column: "path", as: String.self), try row.decode(column: "bytes", as: Data.self)))
                    }
                }
                try await sql.raw("DETACH DATABASE backup").run()
                return (Summary(tables: tables.count, rows: rows, files: files.count), files)
            } catch {
                try? await sql.raw("DETACH DATABASE backup").run()
                throw error
            }
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (key, data) in summary.1 {
            guard let path = restorePath(app, key: key) else { continue }
            try data.write(to: URL(fileURLWithPath: path))
        }
        return summary.0
    }

    // MARK: PostgreSQL

    static func writePostgres(_ app: Application, url: String, to path: String) throws -> Summary {
        try run("pg_dump", ["--format=custom", "--no-owner", "--file=\(path)", url])
        let files = evidenceFiles(app)
        // Beside the dump: FILE.evidence/<name>, FILE.reports/<name>.
        for (key, data) in files {
            let parts = key.split(separator: "/").map(String.init)
            let (folderName, name) = parts.count == 1 ? ("evidence", parts[0]) : (parts[0], parts[1])
            let folder = path + "." + folderName
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
        }
        return Summary(tables: 0, rows: 0, files: files.count)
    }

    static func restorePostgres(_ app: Application, url: String, from path: String, replace: Bool) async throws -> Summary {
        if !replace, try await holdsData(app.db) {
            throw AppError(.conflict, field: "replace", vi: "Cơ sở dữ liệu đang có dữ liệu: thêm --replace để thay toàn bộ bằng bản sao lưu",
                           en: "The database holds data: add --replace to replace all of it with the backup")
        }
        try run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=\(url)", path])
        var restored = 0
        for folderName in fileFolders {
            let folder = path + "." + folderName
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                guard let destination = restorePath(app, key: folderName == "evidence" ? name : folderName + "/" + name) else { continue }
                try? FileManager.default.removeItem(atPath: destination)
                try FileManager.default.copyItem(atPath: (folder as NSString).appendingPathComponent(name), toPath: destination)
                restored += 1
            }
        }
        return Summary(tables: 0, rows: 0, files: restored)
    }

    // MARK: Shared

    /// Anything an office entered: units beyond the country root, users, assessments.
    static func holdsData(_ db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        for (table, condition) in [(AdminUnit.schema, "level <> 'country'"), (User.schema, "1 = 1"), (Assessment.schema, "1 = 1")] {
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(unsafeRaw: condition)").first()?.decode(column: "n", as: Int.self) ?? 0
            if count > 0 { return true }
        }
        return false
    }

    static func evidenceFolder(_ app: Application) -> String {
        (app.config.dataDirectory as NSString).appendingPathComponent("evidence")
    }

    /// The folders of uploaded files under the data folder: evidence, and residents' report photos.
    /// In a backup an evidence file is keyed by its bare name (as backups always were), any other by `folder/name`.
    static let fileFolders = ["evidence", "reports"]

    private static func evidenceFiles(_ app: Application) -> [(String, Data)] {
        fileFolders.flatMap { folderName -> [(String, Data)] in
            let folder = (app.config.dataDirectory as NSString).appendingPathComponent(folderName)
            return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().compactMap { name in
                FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name))
                    .map { (folderName == "evidence" ? name : folderName + "/" + name, $0) }
            }
        }
    }

    /// Where a backed-up file goes back to; nil for a key that names no known folder (never written).
    static func restorePath(_ app: Application, key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let (folder, name) = parts.count == 1 ? ("evidence", parts[0]) : (parts[0], parts.count == 2 ? parts[1] : "")
        guard fileFolders.contains(folder), !name.isEmpty, !name.hasPrefix("."), !name.contains("/") else { return nil }
        let directory = (app.config.dataDirectory as NSString).appendingPathComponent(folder)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return (directory as NSString).appendingPathComponent(name)
    }

    static func tableNames(_ sql: any SQLDatabase, schema: String) async throws -> [String] {
        try await sql.raw("SELECT name FROM \(ident: schema).sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
            .map { try $0.decode(column: "name", as: String.self) }
    }

    static func tableCounts(_ sql: any SQLDatabase, schema: String) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in try await tableNames(sql, schema: schema) {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: schema).\(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }

    private static func columns(_ sql: any SQLDatabase, schema: String, table: String) async throws -> [String] {
        try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table), \(bind: schema))").all().map { try $0.decode(column: "name", as: String.self) }
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch { throw failure("\(tool) is not installed (PostgreSQL client tools)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw failure("\(tool): " + String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
    }

    private static func failure(_ text: String) -> AppError {
        AppError(.internalServerError, vi: "Sao lưu/khôi phục không thành: \(text)", en: "Backup/restore failed: \(text)")
    }
}

/// `ntm backup --to FILE`: a consistent copy while the server runs.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "The backup file to write (must not exist)") var to: String?
    }

    var help: String { "Writes a consistent backup of the database and the evidence files while NTM keeps running." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await reportingErrors(context) {
            guard let path = signature.to, !path.isEmpty else { throw AppError(.badRequest, field: "to", vi: "Cần --to <tệp>", en: "--to <file> is required") }
            let absolute = URL(fileURLWithPath: path).path
            let summary: Backup.Summary
            switch app.config.database {
            case .postgres(let url): summary = try Backup.writePostgres(app, url: url, to: absolute)
            default: summary = try await Backup.writeSQLite(app, to: absolute)
            }
            context.console.success("Backup written to \(absolute): \(summary.tables) tables, \(summary.rows) rows, \(summary.files) evidence files.")
        }
    }
}

/// `ntm restore --from FILE [--replace]`: refuses a database that holds data unless told to replace it.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "A file written by ntm backup") var from: String?
        @Flag(name: "replace", help: "Replace the data this database holds") var replace: Bool
    }

    var help: String { "Restores a backup written by ntm backup (stop the server first)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await reportingErrors(context) {
            guard let path = signature.from, !path.isEmpty else { throw AppError(.badRequest, field: "from", vi: "Cần --from <tệp>", en: "--from <file> is required") }
            let summary: Backup.Summary
            switch app.config.database {
            case .postgres(let url): summary = try await Backup.restorePostgres(app, url: url, from: path, replace: signature.replace)
            default: summary = try await Backup.restoreSQLite(app, from: path, replace: signature.replace)
            }
            context.console.success("Restored from \(path): \(summary.tables) tables, \(summary.rows) rows, \(summary.files) evidence files.")
        }
    }
}
