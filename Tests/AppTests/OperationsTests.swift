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
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.delete(from: "_fluent_migrations").where("name", .equal, SQLBind(AddDeclarationApplicable().name)).run()
            try await app.testing().test(.GET, "/ready") { res async throws in
                #expect(res.status == .serviceUnavailable)
                #expect(res.body.string.contains("AddDeclarationApplicable"))
            }
            try await app.testing().test(.GET, "/health") { res async throws in
                #expect(res.status == .ok)   // alive, just not ready
            }
        }
    }
}
