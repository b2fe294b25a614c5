@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

/// Issue 13, point 3: two identical requests at the same moment — exactly one succeeds, the other
/// gets a clear 409, never a 500 and never two records.
@Suite("Writes that cannot race")
struct ConcurrencyTests {
    /// Sends the same request twice at once and returns both statuses.
    static func pair(_ app: Application, _ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders, _ body: String) async throws -> [HTTPResponseStatus] {
        async let first = sendJSON(app, method, path, headers, body)
        async let second = sendJSON(app, method, path, headers, body)
        return try await [first.0, second.0]
    }

    static func oneWins(_ statuses: [HTTPResponseStatus], success: HTTPResponseStatus, _ what: String) {
        #expect(statuses.filter { $0 == success }.count == 1, "\(what): \(statuses)")
        #expect(statuses.filter { $0 == .conflict }.count == 1, "\(what): \(statuses)")
    }

    @Test("20 pairs: record the same unit/set/day, correct the same assessment version, recognise the same dossier version")
    func identicalPairs() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let admin = try await makeToken(app)
            let communes = ["18499", "18502", "18505", "18508", "18559", "18514", "18517", "18520", "18523", "18526",
                            "18529", "18532", "18535", "18538", "18541", "18544", "18547", "18550", "18553", "18556"]
            for code in communes {
                let record = #"{"set":"ha-tinh-xa-ntm-318","date":"2022-08-01","declarations":[{"criterion":1,"met":true}]}"#
                Self.oneWins(try await Self.pair(app, .POST, "/api/v1/units/\(code)/assessments", admin, record), success: .created, "record \(code)")
                let correction = #"{"version":1,"assessment":{"set":"ha-tinh-xa-ntm-318","date":"2022-08-01","declarations":[{"criterion":1,"met":false}]}}"#
                Self.oneWins(try await Self.pair(app, .PUT, "/api/v1/units/\(code)/assessments", admin, correction), success: .ok, "correct \(code)")
            }
            #expect(try await Assessment.query(on: app.db).filter(\.$asOf == "2022-08-01").count() == communes.count)
            #expect(try await Assessment.query(on: app.db).filter(\.$asOf == "2022-08-01").filter(\.$version == 2).count() == communes.count)

            // Hương Bình's and Hòa Hải's dossiers were appraised in the demo: two "recognise" clicks on one version.
            for code in ["18523", "18508"] {
                var version = 0
                try await app.testing().test(.GET, "/api/v1/units/\(code)/dossier?date=2022-04-26") { res async throws in
                    version = try res.content.decode(DossierDTO.self).version
                }
                let recognise = #"{"step":"recognise","date":"2022-05-02","decisionNumber":"77/QĐ-UBND (test)","decisionDate":"2022-05-02","version":\#(version)}"#
                Self.oneWins(try await Self.pair(app, .POST, "/api/v1/units/\(code)/dossier", admin, recognise), success: .ok, "recognise \(code)")
                let unit = try #require(try await UnitQueries.find(code: code, on: Day("2022-05-02"), db: app.db))
                #expect(try await Recognition.query(on: app.db).filter(\.$unit.$id == unit.requireID()).filter(\.$decisionNumber == "77/QĐ-UBND (test)").count() == 1)
            }
        }
    }
}
