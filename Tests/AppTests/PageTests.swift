@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

@Suite("Pages, health and the API document")
struct PageTests {
    @Test("/health answers ok when the database does")
    func health() async throws {
        try await withNTMApp { app async throws in
            try await app.testing().test(.GET, "/health") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string == #"{"status":"ok"}"#)
            }
        }
    }

    @Test("The OpenAPI document lists every /api/v1 route the app serves, and the contract's")
    func openAPICoversRoutes() async throws {
        try await withNTMApp { app async throws in
            try await app.testing().test(.GET, "/api/v1/openapi.json") { res async throws in
                #expect(res.status == .ok)
                let document = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect(document?["openapi"] as? String == "3.0.3")
                let paths = Set(((document?["paths"] as? [String: Any]) ?? [:]).keys)
                for route in app.routes.all where route.path.first?.description == "api" {
                    let path = "/" + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                    #expect(paths.contains(path), "\(path) is served but not documented")
                }
                for contract in ["/health", "/api/v1/units", "/api/v1/units/{code}", "/api/v1/units/{code}/scorecard"] {
                    #expect(paths.contains(contract))
                }
            }
        }
    }

    @Test("Start page lists the provinces; search finds units without diacritics")
    func homeAndSearch() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            try await app.testing().test(.GET, "/") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Tỉnh Hà Tĩnh"))
                #expect(res.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            }
            try await app.testing().test(.GET, "/search?q=dien%20my") { res async throws in
                #expect(res.body.string.contains("Xã Điền Mỹ"))
            }
        }
    }

    @Test("English on request, Vietnamese formats in Vietnamese")
    func languages() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/units/18502?date=2022-04-26&lang=en") { res async throws in
                let html = res.body.string
                #expect(html.contains("Criteria not met"))
                #expect(html.contains("lang=\"en\""))
                #expect(html.contains("62.5%"))
                #expect(res.headers.setCookie?["lang"]?.string == "en")
            }
            try await app.testing().test(.GET, "/units/18502?date=2022-04-26") { res async throws in
                let html = res.body.string
                #expect(html.contains("Tiêu chí chưa đạt"))
                #expect(html.contains("62,5%"))
                #expect(html.contains("26/04/2022"))
                #expect(html.contains("chưa xác minh"))
            }
        }
    }

    @Test("The commune page shows its history; the province page its districts")
    func historyAndDrillDown() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/units/18502?date=2022-04-26") { res async throws in
                let html = res.body.string
                let history = try #require(html.range(of: "id=\"history\"")).upperBound
                let table = String(html[history...].prefix(3000))
                #expect(table.contains("26/04/2022") && table.contains("31/12/2021") && table.contains("31/12/2020"))
                #expect(table.contains("11/20") && table.contains("16/20") && table.contains("15/20"))
            }
            try await app.testing().test(.GET, "/units/42?date=2022-04-26") { res async throws in
                let html = res.body.string
                #expect(html.contains("Huyện Hương Khê"))
                #expect(html.contains("Huyện Kỳ Anh"))
            }
            var change = 0
            try await app.testing().test(.GET, "/api/v1/units/444/scorecard?date=2022-04-26") { res async throws in
                let card = try res.content.decode(ScorecardDTO.self)
                change = try #require(card.previous?.change)
                #expect(card.previous?.date == "2021-12-31")
            }
            try await app.testing().test(.GET, "/units/444?date=2022-04-26") { res async throws in
                #expect(res.body.string.contains("Tỉnh Hà Tĩnh"))   // breadcrumb
                // 381 on 31/12/2021 by the 2016–2020 set, 364 on 26/04/2022 by the stricter 2021–2025 set: a fall, written −17.
                #expect(change == -17)
                #expect(res.body.string.contains("<strong class=\"change\">−17</strong>"))
            }
        }
    }

    @Test("Unknown pages get an HTML error in Vietnamese, API errors JSON")
    func errors() async throws {
        try await withNTMApp { app async throws in
            try await app.testing().test(.GET, "/units/00000") { res async throws in
                #expect(res.status == .notFound)
                #expect(res.headers.contentType == .html)
                #expect(res.body.string.contains("Không tìm thấy đơn vị hành chính mã 00000"))
            }
            try await app.testing().test(.GET, "/api/v1/units/00000?lang=en") { res async throws in
                #expect(res.status == .notFound)
                #expect(try res.content.decode(ErrorBody.self).reason == "No administrative unit with code 00000")
            }
        }
    }

    @Test("Criteria set pages show indicators and the unverified flag")
    func criteriaSetPages() async throws {
        try await withNTMApp { app async throws in
            try await app.testing().test(.GET, "/criteria-sets/xa-ntm-318") { res async throws in
                let html = res.body.string
                #expect(html.contains("Giao thông"))
                #expect(html.contains("2.1"))
                #expect(html.contains("chưa xác minh"))
            }
            try await app.testing().test(.GET, "/criteria-sets") { res async throws in
                #expect(res.body.string.contains("xa-ntm-51-2025"))
            }
        }
    }
}
