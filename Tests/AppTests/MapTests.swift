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
}
