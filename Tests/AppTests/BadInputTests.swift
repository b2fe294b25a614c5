@testable import App
import Fluent
import Foundation
import NTMDomain
import Testing
import Vapor
import VaporTesting

/// Every write route of the OpenAPI document, fed what a careless client or a fuzzer sends:
/// malformed JSON, wrong types, missing fields, huge numbers and strings, impossible dates,
/// unknown codes, hostile text. Each must answer a 4xx JSON error with a reason — never a 5xx.
@Suite("Bad input on every write route")
struct BadInputTests {
    static let bodies: [(String, String)] = [
        ("empty body", ""),
        ("malformed JSON", #"{"date": "2022-04-26", "#),
        ("a JSON array", "[1, 2, 3]"),
        ("a JSON string", #""hello""#),
        ("null", "null"),
        ("empty object", "{}"),
        ("wrong types", #"{"date": 20220426, "name": 12, "criterion": "two", "need": "much", "amount": true, "changes": "all", "tasks": 7, "values": {"a": 1}}"#),
        ("huge numbers", #"{"date": "2022-04-26", "criterion": 99999999999999999999, "need": 1e308, "amount": -9223372036854775808, "duration": 2147483648000}"#),
        ("impossible dates", #"{"date": "2022-02-30", "start": "0022-04-26", "target": "31/13/2022", "decisionDate": "yesterday", "from": "3158-01-01"}"#),
        ("unknown codes", #"{"date": "2022-04-26", "unit": "00000", "organisation": "Không có", "set": "no-such-set", "source": "nowhere", "criterion": 77, "changes": [{"unit": "00000", "criterion": 77, "met": true}]}"#),
        ("hostile strings", #"{"date": "2022-04-26", "name": "\u0000\u001b[31m<script>alert(1)</script>' OR 1=1 --", "note": "=HYPERLINK(\"http://x\")", "username": "../../etc/passwd", "code": "ma; DROP TABLE admin_units"}"#),
        ("a long string", "{\"date\": \"2022-04-26\", \"name\": \"" + String(repeating: "Đ", count: 100_000) + "\"}"),
        ("deep nesting", String(repeating: "[", count: 500) + String(repeating: "]", count: 500)),
    ]

    @Test("No write route answers a 5xx to bad input, and every refusal is JSON with a reason")
    func everyWriteRoute() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let headers = try await makeToken(app)
            let plan = try #require(try await Plan.query(on: app.db).first())
            let assignment = try #require(try await SponsorAssignment.query(on: app.db).first())
            let report = ResidentReport(unitID: try await UnitQueries.require(code: "18523", on: .today, db: app.db).requireID(), trackingCode: "PA-BAD2-NPUT",
                                        criterionNumber: nil, villageID: nil, place: nil, latitude: nil, longitude: nil, description: "Cống tắc", phone: nil, senderKey: "k")
            try await report.create(on: app.db)
            let document = try await openAPI(app)
            var failures: [String] = []
            var sent = 0
            for (path, operations) in document {
                for method in operations where ["post", "put", "patch"].contains(method) {
                    let concrete = path.replacingOccurrences(of: "{code}", with: "18523").replacingOccurrences(of: "{username}", with: "huongbinh")
                        .replacingOccurrences(of: "{tracking}", with: report.trackingCode)
                        .replacingOccurrences(of: "{id}", with: path.contains("/plans/") ? plan.id!.uuidString : assignment.id!.uuidString)
                    for (label, body) in Self.bodies {
                        for contentType in [HTTPMediaType.json, HTTPMediaType(type: "text", subType: "csv")] where contentType == .json || path.hasSuffix("import") {
                            var h = headers
                            h.contentType = contentType
                            sent += 1
                            try await app.testing().test(HTTPMethod(rawValue: method.uppercased()), concrete + "?date=2022-04-26", headers: h,
                                                         body: ByteBuffer(string: body)) { res async throws in
                                let code = Int(res.status.code)
                                if code >= 500 {
                                    failures.append("\(method.uppercased()) \(path) with \(label): \(res.status) \(res.body.string.prefix(200))")
                                } else if code >= 400 {
                                    let json = try? JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any]
                                    if (json?["reason"] as? String)?.isEmpty ?? true {
                                        failures.append("\(method.uppercased()) \(path) with \(label): \(res.status) without a JSON reason")
                                    }
                                }
                            }
                        }
                    }
                }
            }
            #expect(sent > 300)
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    private func openAPI(_ app: Application) async throws -> [(String, [String])] {
        var result: [(String, [String])] = []
        try await app.testing().test(.GET, "/api/v1/openapi.json") { res async throws in
            let document = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
            let paths = (document?["paths"] as? [String: [String: Any]]) ?? [:]
            result = paths.keys.sorted().map { ($0, Array(paths[$0]!.keys).sorted()) }
        }
        return result
    }
}
