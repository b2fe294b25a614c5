@testable import App
import Foundation
import NTMDomain
import Testing
import Vapor
import VaporTesting

@Suite("The NTM map")
struct MapTests {
    @Test("Hương Khê on 26/04/2022: each commune's colour class follows its scorecard; the SVG links every cell with a title")
    func classesFollowScorecards() async throws {
        try await withNTMApp(demo: true) { app async throws in
            var children: [ScorecardDTO.ChildDTO] = []
            try await app.testing().test(.GET, "/api/v1/units/444/scorecard?date=2022-04-26") { res async throws in
                children = try res.content.decode(ScorecardDTO.self).children ?? []
            }
            var features: [[String: Any]] = []
            try await app.testing().test(.GET, "/api/v1/units/444/map.geojson?date=2022-04-26") { res async throws in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.contains("geo+json") == true)
                let document = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect(document?["type"] as? String == "FeatureCollection")
                features = (document?["features"] as? [[String: Any]]) ?? []
            }
            #expect(features.count >= 19)
            for feature in features {
                let properties = try #require(feature["properties"] as? [String: Any])
                let code = try #require(properties["code"] as? String)
                let child = try #require(children.first { $0.code == code }, "\(code) in the scorecard")
                let expected = switch child.status {
                case .recognised, .reachedStandard: "standard"
                case .notAssessed: "not-assessed"
                case .building: child.met >= 16 ? "16-19" : (child.met >= 12 ? "12-15" : "under-12")
                }
                #expect(properties["class"] as? String == expected, "\(code)")
                #expect(properties["met"] as? Int == child.met)
                let ring = try #require(((feature["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])?.first)
                #expect(ring.count >= 4 && ring.first == ring.last)
            }
            try await app.testing().test(.GET, "/api/v1/units/444/map.svg?date=2022-04-26") { res async throws in
                let svg = res.body.string
                #expect(svg.hasPrefix("<svg") && svg.components(separatedBy: "<path").count - 1 == features.count)
                #expect(svg.contains("Xã Hà Linh — 11/20"))
            }
            try await app.testing().test(.GET, "/units/444/map?date=2022-04-26") { res async throws in
                let html = res.body.string
                #expect(res.status == .ok && html.contains("id=\"map-legend\"") && html.contains("id=\"map-table\""))
                #expect(html.contains("/units/444/map?date=2021-12-31"))
            }
        }
    }

    @Test("A loaded outline replaces the hull: the province's cells fill a rectangle traced inside its seats, no more and no less; bad files are refused")
    func realOutline() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let (_, office) = try await makeUser(app, "tinh-bando", role: .provincialOffice, scope: "42", scopeDate: nil)
            let (_, commune) = try await makeUser(app, "xa-bando", role: .communeOfficer, scope: "18523", scopeDate: nil)
            let (w, e, s, n) = (105.55, 105.75, 18.15, 18.30)
            let rectangle = #"{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[\#(w), \#(s)], [\#(e), \#(s)], [\#(e), \#(n)], [\#(w), \#(n)], [\#(w), \#(s)]]]}}"#
            func put(_ body: String, _ headers: HTTPHeaders, unit: String = "42", check: (TestingHTTPResponse) throws -> Void) async throws {
                var headers = headers
                headers.contentType = HTTPMediaType(type: "application", subType: "geo+json")
                try await app.testing().test(.PUT, "/api/v1/units/\(unit)/boundary?date=2022-04-26&source=test", headers: headers, body: ByteBuffer(string: body)) { res async throws in try check(res) }
            }
            try await put(rectangle, commune) { #expect($0.status == .forbidden) }
            try await put("{\"type\": \"Polygon\", \"coordinates\": [[[105, 18], [105.1, 95], [105.2, 18]]]}", office) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("coordinates[0][1]"))
            }
            #expect(try await UnitBoundary.query(on: app.db).count() == 0)
            try await put(rectangle, office, unit: "42") { res in #expect(res.status == .ok, "\(res.body.string)") }
            var features: [[String: Any]] = []
            try await app.testing().test(.GET, "/api/v1/units/42/map.geojson?date=2022-04-26") { res async throws in
                let document = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                features = (document?["features"] as? [[String: Any]]) ?? []
            }
            var area = 0.0
            for feature in features {
                let geometry = try #require(feature["geometry"] as? [String: Any])
                let polygons: [[[[Double]]]] = geometry["type"] as? String == "Polygon"
                    ? [try #require(geometry["coordinates"] as? [[[Double]]])] : try #require(geometry["coordinates"] as? [[[[Double]]]])
                for ring in polygons.map({ $0[0] }) {
                    #expect(ring.allSatisfy { w - 1e-6 <= $0[0] && $0[0] <= e + 1e-6 && s - 1e-6 <= $0[1] && $0[1] <= n + 1e-6 })
                    area += abs(zip(ring, ring.dropFirst()).map { $0[0] * $1[1] - $1[0] * $0[1] }.reduce(0, +)) / 2
                }
            }
            #expect(!features.isEmpty)
            #expect(abs(area - (e - w) * (n - s)) <= 0.001 * (e - w) * (n - s), "cells cover \(area), the outline \((e - w) * (n - s))")
        }
    }
}
