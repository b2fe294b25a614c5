import FluentPostgresDriver
import Foundation
import Vapor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Start-up work two instances must not do at the same time (migrations, loading the shipped
/// sets): on PostgreSQL a session advisory lock held on a connection of its own for the whole
/// work; on a SQLite file an exclusive lock on a file beside it. The second instance waits, then
/// finds the work done.
enum StartupLock {
    /// The advisory lock's key: "NTM" in ASCII, the same for every instance of this application.
    static let advisoryKey: Int64 = 0x4E_54_4D

    static func run(_ app: Application, config: AppConfig, _ work: () async throws -> Void) async throws {
        switch config.database {
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            if !url.contains("sslmode=require") { configuration.coreConfiguration.tls = .disable }
            let connection = try await PostgresConnection.connect(on: app.eventLoopGroup.any(), configuration: configuration.coreConfiguration,
                                                                  id: 0, logger: app.logger).get()
            do {
                try await connection.query("SELECT pg_advisory_lock(\(advisoryKey))", logger: app.logger)
                try await work()
                try await connection.query("SELECT pg_advisory_unlock(\(advisoryKey))", logger: app.logger)
            } catch {
                try? await connection.close().get()
                throw error
            }
            try await connection.close().get()
        case .sqliteFile(let path):
            let descriptor = open(path + ".startup-lock", O_CREAT | O_RDWR, 0o644)
            guard descriptor >= 0 else {
                throw AppError(.internalServerError, vi: "Không mở được tệp khóa \(path).startup-lock", en: "Cannot open the lock file \(path).startup-lock")
            }
            defer { close(descriptor) }
            // flock blocks this thread while another instance migrates: start-up only, before serving.
            guard flock(descriptor, LOCK_EX) == 0 else {
                throw AppError(.internalServerError, vi: "Không khóa được \(path).startup-lock", en: "Cannot lock \(path).startup-lock")
            }
            defer { flock(descriptor, LOCK_UN) }
            try await work()
        case .sqliteMemory:
            try await work()
        }
    }
}
