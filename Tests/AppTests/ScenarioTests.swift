@testable import App
import NTMDomain
import Testing
import Vapor
import VaporTesting

/// The facts marked [must] in shared/domain/scenario.md, computed by the engine from the demo data.
@Suite("Scenario: Hà Tĩnh reports 2020–2022")
struct ScenarioTests {
    @Test("08/09/2020: Kỳ Lạc 10/20 with exactly the ten unmet criteria of the report")
    func kyLac() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/api/v1/units/18850/scorecard?date=2020-09-08") { res async throws in
                #expect(res.status == .ok)
                let card = try res.content.decode(ScorecardDTO.self)
                #expect(card.unit.name == "Xã Kỳ Lạc")
                #expect(card.met == 10)
                #expect(card.total == 20)
                #expect(card.unmet.map(\.number) == [1, 2, 6, 8, 10, 13, 15, 17, 18, 20])
                #expect(card.notAssessed.isEmpty)
                #expect(card.set?.code == "ha-tinh-xa-ntm-1980")
            }
        }
    }

    @Test("08/09/2020: Lâm Hợp 16/20, unmet Quy hoạch, Giao thông, Môi trường, Khu dân cư kiểu mẫu")
    func lamHop() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/api/v1/units/18838/scorecard?date=2020-09-08") { res async throws in
                let card = try res.content.decode(ScorecardDTO.self)
                #expect(card.unit.name == "Xã Lâm Hợp")
                #expect(card.met == 16)
                #expect(card.unmet.map(\.number) == [1, 2, 17, 20])
                #expect(card.unmet.map(\.name) == ["Quy hoạch", "Giao thông", "Môi trường và an toàn thực phẩm", "Khu dân cư NTM kiểu mẫu, vườn mẫu"])
            }
        }
    }

    @Test("26/04/2022: Hương Khê has 8 communes not at standard — 4 at 20/20 awaiting appraisal, 4 at 10–12")
    func huongKhe() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/api/v1/units/444/scorecard?date=2022-04-26") { res async throws in
                let card = try res.content.decode(ScorecardDTO.self)
                let children = card.children ?? []
                let communes = children.filter { $0.level == .commune }
                let awaiting = communes.filter { $0.status == .reachedStandard }.map(\.name)
                let lagging = communes.filter { $0.status == .building }
                #expect(communes.count == 20)
                #expect(Set(awaiting) == ["Xã Hòa Hải", "Xã Hương Bình", "Xã Hương Thủy", "Xã Phúc Đồng"])
                #expect(Set(lagging.map(\.name)) == ["Xã Hà Linh", "Xã Hương Lâm", "Xã Hương Liên", "Xã Điền Mỹ"])
                #expect(lagging.allSatisfy { (10...12).contains($0.met) && $0.total == 20 })
                #expect(communes.filter { $0.status == .recognised }.count == 12)
                #expect(communes.filter { $0.status == .recognised }.allSatisfy { $0.met == 20 })
                // Criteria are summed over the communes; the town is scored against the civilised-town set.
                #expect(card.totalMet == communes.reduce(0) { $0 + $1.met })
                #expect(card.previous?.date == "2021-12-31")
                #expect(card.previous.map { $0.totalMet + $0.change } == card.totalMet)
            }
        }
    }

    @Test("The Kỳ Lạc page for 08/09/2020 shows 10/20 and lists the ten unmet criteria")
    func kyLacPage() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/units/18850?date=2020-09-08") { res async throws in
                #expect(res.status == .ok)
                let html = res.body.string
                #expect(html.contains("10/20"))
                let unmetList = try #require(html.range(of: "id=\"unmet\"")).upperBound
                let list = String(html[unmetList...].prefix(1500))
                for name in ["Quy hoạch (1)", "Giao thông (2)", "Cơ sở vật chất văn hóa (6)", "Thông tin và Truyền thông (8)", "Thu nhập (10)",
                             "Tổ chức sản xuất (13)", "Y tế (15)", "Môi trường và an toàn thực phẩm (17)",
                             "Hệ thống chính trị và tiếp cận pháp luật (18)", "Khu dân cư NTM kiểu mẫu, vườn mẫu (20)"] {
                    #expect(list.contains(name), "missing \(name)")
                }
                #expect(html.contains("Tiêu chí chưa đạt (10)"))
                #expect(html.contains("31,6"))
            }
        }
    }

    @Test("The Hương Khê dashboard for 26/04/2022 lists the 8 communes not yet at standard")
    func huongKheDashboard() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/units/444?date=2022-04-26") { res async throws in
                #expect(res.status == .ok)
                let html = res.body.string
                #expect(html.contains("Chưa đạt chuẩn NTM (8)"))
                let table = try #require(html.range(of: "id=\"not-at-standard\"")).upperBound
                let section = String(html[table...].prefix(6000))
                for name in ["Hương Bình", "Hương Thủy", "Phúc Đồng", "Hòa Hải", "Hương Lâm", "Hương Liên", "Điền Mỹ", "Hà Linh"] {
                    #expect(section.contains("Xã \(name)"), "missing \(name)")
                }
                #expect(!section.contains("Xã Lộc Yên"))
                #expect(html.contains("<svg"))
                #expect(html.contains("class=\"cell unmet\""))
            }
        }
    }

    @Test("Demo data is not loaded into a database that holds other data; loading twice is harmless")
    func demoRefusesForeignData() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            await #expect(throws: AppError.self) {
                try await DemoData.load(resourcesDirectory: app.config.resourcesDirectory, hasher: app.password.sync, db: app.db)
            }
        }
        try await withNTMApp(demo: true) { app async throws in
            let again = try await DemoData.load(resourcesDirectory: app.config.resourcesDirectory, hasher: app.password.sync, db: app.db)
            #expect(again == .alreadyLoaded)
        }
    }
}
