@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

@Suite("Administrative units")
struct UnitTests {
    @Test("Hà Tĩnh from three lists: 216 units in 13 districts, 209 in 12, then 69 on two tiers; a reused code is a different unit")
    func importThreeLists() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)

            let before = try await UnitQueries.find(code: "18838", on: Day("2020-09-08"), db: app.db)
            let after = try await UnitQueries.find(code: "18838", on: Day("2025-07-01"), db: app.db)
            let province = try await AdminUnit.query(on: app.db).filter(\.$level == .province).all()
            #expect(before?.name == "Xã Lâm Hợp")
            #expect(after?.name == "Xã Kỳ Lạc")
            #expect(before?.id != after?.id)
            #expect(province.count == 1)
            #expect(province.first?.validFrom == nil && province.first?.validTo == nil)
            #expect(before?.region == Region.northCentral)
            for (date, districts, units) in [("2020-01-01", 13, 216), ("2024-12-31", 13, 216), ("2025-01-01", 12, 209), ("2025-06-30", 12, 209),
                                             ("2025-07-01", 0, 69), ("2026-11-25", 0, 69)] {
                let day = Day(date)!
                let below = try await UnitQueries.subtree(province[0], on: day, db: app.db).dropFirst()
                #expect(below.filter { $0.level == .district }.count == districts, "\(date)")
                #expect(below.filter { [.commune, .town, .ward].contains($0.level) }.count == units, "\(date)")
            }
            let children2026 = try await UnitQueries.children(of: province[0], on: Day("2026-01-01")!, db: app.db)
            #expect(!children2026.contains { $0.level == .district })
        }
    }

    @Test("Importing the same list again adds nothing")
    func idempotent() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let count = try await AdminUnit.query(on: app.db).count()
            let links = try await UnitLineage.query(on: app.db).count()
            let again = try await DemoData.importUnitLists(resourcesDirectory: app.config.resourcesDirectory, actor: .cli, db: app.db)
            #expect(again.count == 3)
            for (index, summary) in again.enumerated() {
                #expect(summary.created == 0 && summary.ended == 0 && summary.lineage == 0, "list \(index + 1)")
            }
            #expect(try await AdminUnit.query(on: app.db).count() == count)
            #expect(try await UnitLineage.query(on: app.db).count() == links)
        }
    }

    @Test("A bad row names its row and column, and nothing at all is written")
    func badRows() async throws {
        try await withNTMApp { app async throws in
            let csv = """
            province_code,province,district_code,district,district_type,ward_code,ward,ward_type,lat,lon
            42,Tỉnh Hà Tĩnh,444,Huyện Hương Khê,Huyện,18499,Xã Điền Mỹ,Xã,18.35,105.65
            42,Tỉnh Hà Tĩnh,444,Huyện Hương Khê,Huyện,18502,Xã Hà Linh,Làng,18.32,105.67
            42,Tỉnh Hà Tĩnh,444,Huyện Hương Khê,Huyện,1850,Xã Hương Thủy,Xã,north,105.6
            """
            do {
                _ = try await AdminUnitImporter(regions: [:]).importCSV(csv, province: nil, actor: .cli, db: app.db)
                Issue.record("the import should have failed")
            } catch let error as AppError {
                #expect(error.problems.map(\.field) == ["row 3, ward_type", "row 4, ward_code"])
                #expect(error.problems[0].reason.vi.contains("Dòng 3"))
            }
            #expect(try await AdminUnit.query(on: app.db).filter(\.$level != .country).count() == 0)
        }
    }

    @Test("A row with too few fields, or a file without the expected columns, is refused")
    func malformedFiles() async throws {
        try await withNTMApp { app async throws in
            let short = "province_code,province,ward_code,ward,ward_type,lat,lon\n42,Tỉnh Hà Tĩnh,18496,Xã Hương Khê\n"
            let unknown = "name,code\nA,1\n"
            let importer = AdminUnitImporter(regions: [:])

            await #expect(throws: AppError.self) { try await importer.importCSV(short, province: nil, actor: .cli, db: app.db) }
            await #expect(throws: AppError.self) { try await importer.importCSV(unknown, province: nil, actor: .cli, db: app.db) }
            #expect(try await AdminUnit.query(on: app.db).filter(\.$level != .country).count() == 0)
        }
    }

    @Test("The whole national 2024 list (10,040 rows) imports, island districts without communes included")
    func nationalList() async throws {
        let path = sharedDataDirectory + "/admin-units-2024.csv"
        guard FileManager.default.fileExists(atPath: path) else { return }
        try await withNTMApp { app async throws in
            let importer = AdminUnitImporter(regions: try AdminUnitImporter.loadRegions(resourcesDirectory: app.config.resourcesDirectory))

            let summary = try await importer.importCSV(try String(contentsOfFile: path, encoding: .utf8), province: nil, actor: .cli, db: app.db)

            #expect(summary.created == 63 + 696 + 10_035)
            #expect(try await AdminUnit.query(on: app.db).filter(\.$code == "318").first()?.name == "Huyện Bạch Long Vĩ")
        }
    }

    @Test("Search ignores diacritics and case; đ matches d", arguments: [
        ("dien my", "Xã Điền Mỹ"), ("huong khe", "Huyện Hương Khê"), ("HƯƠNG KHÊ", "Huyện Hương Khê"), ("ky lac", "Xã Kỳ Lạc"),
    ])
    func search(query: String, expected: String) async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let q = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            try await app.testing().test(.GET, "/api/v1/units?q=\(q)") { res async throws in
                #expect(res.status == .ok)
                let list = try res.content.decode(UnitListDTO.self)
                #expect(list.items.first?.name == expected)
            }
        }
    }

    @Test("Unit lookups: by code, as of a date, children, unknown codes")
    func lookups() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            try await app.testing().test(.GET, "/api/v1/units/18850?date=2022-04-26") { res async throws in
                let unit = try res.content.decode(UnitDTO.self)
                #expect(unit.name == "Xã Kỳ Lạc")
                #expect(unit.level == .commune)
                #expect(unit.parentCode == "447")
            }
            try await app.testing().test(.GET, "/api/v1/units/444/children?date=2022-04-26") { res async throws in
                let list = try res.content.decode(UnitListDTO.self)
                #expect(list.items.count == 21)
                #expect(list.items.first?.name == "Thị trấn Hương Khê")
            }
            try await app.testing().test(.GET, "/api/v1/units/444?date=2026-01-01") { res async throws in
                #expect(res.status == .notFound)
                #expect(try res.content.decode(ErrorBody.self).field == "date")
            }
            try await app.testing().test(.GET, "/api/v1/units/99999") { res async throws in
                #expect(res.status == .notFound)
                #expect(try res.content.decode(ErrorBody.self).error)
            }
            try await app.testing().test(.GET, "/api/v1/units/444?date=2022-13-01") { res async throws in
                #expect(res.status == .badRequest)
                #expect(try res.content.decode(ErrorBody.self).field == "date")
            }
        }
    }
}
