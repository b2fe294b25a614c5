import Foundation
import NTMDomain
import Vapor

/// Every setting the app reads from the environment, read once at start.
struct AppConfig: Sendable {
    enum Database: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        case postgres(url: String)
    }

    var host: String
    var port: Int
    var database: Database
    var dataDirectory: String
    /// Folder holding the shipped data files (criteria sets, province regions).
    var resourcesDirectory: String
    var bcryptCost: Int
    /// Session cookies carry `Secure` when the public address (`NTM_PUBLIC_URL`) is https.
    var secureCookies: Bool
    /// Residents' reports accepted per network address and per commune in an hour.
    var reportLimits = ResidentReportRules.Limits.standard
    /// Behind a reverse proxy every request comes from the proxy: read the sender's address from
    /// `Forwarded` / `X-Forwarded-For` instead (`NTM_TRUST_PROXY=1`; never without a proxy, as anyone can send those headers).
    var trustProxy = false

    struct Invalid: Error, CustomStringConvertible {
        var problems: [String]
        var description: String {
            "Invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Reads `PORT`, `HOST`, `DATABASE_URL`, `NTM_DATA_DIR` (see api-contract.md) and
    /// `NTM_RESOURCES_DIR`; a bad value stops the start with every problem named.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                testing: Bool = false) throws -> AppConfig {
        var problems: [String] = []
        let portText = environment["PORT"] ?? "8080"
        let port = Int(portText) ?? 0
        if !(1...65535).contains(port) {
            problems.append("PORT=\(portText): must be a number between 1 and 65535")
        }
        let host = environment["HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        // Tests keep their files (evidence uploads) out of the checkout.
        let dataDirectory = environment["NTM_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (testing ? (NSTemporaryDirectory() as NSString).appendingPathComponent("ntm-test-data") : "./data")
        let database: Database
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                database = .postgres(url: url)
            } else {
                problems.append("DATABASE_URL=\(url): must start with postgres:// (leave it unset for SQLite)")
                database = .sqliteMemory
            }
        } else if testing {
            database = .sqliteMemory
        } else {
            database = .sqliteFile(path: (dataDirectory as NSString).appendingPathComponent("ntm.sqlite"))
        }
        let resources = environment["NTM_RESOURCES_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? AppConfig.defaultResourcesDirectory()
        if !FileManager.default.fileExists(atPath: (resources as NSString).appendingPathComponent("CriteriaSets")) {
            problems.append("NTM_RESOURCES_DIR=\(resources): no CriteriaSets folder there (run from the repository root or set it)")
        }
        let publicURL = environment["NTM_PUBLIC_URL"] ?? ""
        if !publicURL.isEmpty && !publicURL.hasPrefix("http://") && !publicURL.hasPrefix("https://") {
            problems.append("NTM_PUBLIC_URL=\(publicURL): must start with http:// or https://")
        }
        var limits = ResidentReportRules.Limits.standard
        for (name, keyPath) in [("NTM_REPORTS_PER_ADDRESS_HOUR", \ResidentReportRules.Limits.perAddressPerHour),
                                ("NTM_REPORTS_PER_UNIT_HOUR", \ResidentReportRules.Limits.perUnitPerHour)] {
            guard let text = environment[name], !text.isEmpty else { continue }
            if let value = Int(text), value > 0 { limits[keyPath: keyPath] = value } else {
                problems.append("\(name)=\(text): must be a whole number above 0")
            }
        }
        let trustProxyText = environment["NTM_TRUST_PROXY"] ?? ""
        if !["", "0", "1"].contains(trustProxyText) { problems.append("NTM_TRUST_PROXY=\(trustProxyText): must be 1 (behind a reverse proxy) or 0") }
        if !problems.isEmpty { throw Invalid(problems: problems) }
        return AppConfig(host: host, port: port, database: database, dataDirectory: dataDirectory,
                         resourcesDirectory: resources, bcryptCost: testing ? 4 : 12, secureCookies: publicURL.hasPrefix("https://"),
                         reportLimits: limits, trustProxy: trustProxyText == "1")
    }

    /// `Resources/` of the working directory, or of the source checkout when run from elsewhere (tests).
    static func defaultResourcesDirectory() -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/Resources"
        if FileManager.default.fileExists(atPath: cwd + "/CriteriaSets") { return cwd }
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return sourceRoot.appendingPathComponent("Resources").path
    }

    /// The folder that holds `Resources/` and `Public/`, with a trailing slash.
    var rootDirectory: String {
        (resourcesDirectory as NSString).deletingLastPathComponent + "/"
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    var config: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("configure(app) sets the config first") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }
}
