@testable import App
import Testing

@Suite("Configuration")
struct ConfigTests {
    @Test("Defaults: 127.0.0.1:8080, SQLite under ./data")
    func defaults() throws {
        let config = try AppConfig.fromEnvironment([:])
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.database == .sqliteFile(path: "./data/ntm.sqlite"))
    }

    @Test("DATABASE_URL selects PostgreSQL; NTM_DATA_DIR moves the SQLite file")
    func selection() throws {
        #expect(try AppConfig.fromEnvironment(["DATABASE_URL": "postgres://u:p@localhost/ntm"]).database == .postgres(url: "postgres://u:p@localhost/ntm"))
        #expect(try AppConfig.fromEnvironment(["NTM_DATA_DIR": "/tmp/x"]).database == .sqliteFile(path: "/tmp/x/ntm.sqlite"))
    }

    @Test("A bad configuration names every variable and its value")
    func invalid() {
        do {
            _ = try AppConfig.fromEnvironment(["PORT": "eighty", "DATABASE_URL": "mysql://x"])
            Issue.record("should have failed")
        } catch let error as AppConfig.Invalid {
            #expect(error.problems.count == 2)
            #expect(error.description.contains("PORT=eighty"))
            #expect(error.description.contains("DATABASE_URL=mysql://x"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("Residents' report limits and the proxy switch are read, and bad values named")
    func reportSettings() throws {
        let config = try AppConfig.fromEnvironment(["NTM_REPORTS_PER_ADDRESS_HOUR": "3", "NTM_REPORTS_PER_UNIT_HOUR": "50", "NTM_TRUST_PROXY": "1"])
        #expect(config.reportLimits.perAddressPerHour == 3 && config.reportLimits.perUnitPerHour == 50 && config.trustProxy)
        #expect(try AppConfig.fromEnvironment([:]).trustProxy == false)
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["NTM_REPORTS_PER_ADDRESS_HOUR": "0"]) }
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["NTM_TRUST_PROXY": "yes"]) }
    }
}
