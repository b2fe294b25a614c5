@testable import App
import Fluent
import Foundation
import NTMDomain
import Testing
import Vapor
import VaporTesting

@Suite("Levels, targets, OCOP and the district summary")
struct StatisticsTests {
    func post(_ app: Application, _ path: String, _ headers: HTTPHeaders, _ body: String) async throws -> (HTTPResponseStatus, String) {
        try await sendJSON(app, .POST, path, headers, body)
    }

    @Test("Hương Khê's 2021: 32/39 targets, district 4/9, town 8/18, 10 new 3-star OCOP products, 3.365 models — API and page")
    func summary2021() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/api/v1/units/444/summary?year=2021") { res async throws in
                let s = try res.content.decode(SummaryController.SummaryDTO.self)
                #expect(s.targets.met == 32 && s.targets.total == 39)
                #expect(s.districtCriteria.met == 4 && s.districtCriteria.total == 9)
                #expect(s.towns.map { "\($0.met)/\($0.total)" } == ["8/18"])
                #expect(s.ocop.new3Star == 10)
                #expect(s.householdModels.total == 3365 && s.householdModels.new == 97)
                #expect(s.communes.newlyRecognised == 4 && s.communes.newlyAdvanced == 3)
                #expect(s.communes.total == 20 && s.communes.recognised == 12 && s.communes.advanced == 3)
                // The conditions are computed from decisions in force on 31/12/2021: the 2021 results were decided in
                // January 2022 (advanced: 283/QĐ-UBND of 26/01/2022), so neither "100 %" nor "≥ 10 % advanced" holds yet.
                #expect(s.districtConditions["DK1"] == .notMet && s.districtConditions["DK2"] == .notMet && s.districtConditions["DK3"] == .notMet)
                #expect(s.nextYearTargets.first { $0.code == "KT02" }?.plan == 51.5)
            }
            try await app.testing().test(.GET, "/units/444/summary?year=2021") { res async throws in
                let html = res.body.string
                for (id, value) in [("targets", "32/39"), ("district-criteria", "4/9"), ("town-18496", "8/18"), ("ocop", "10"), ("models", "3.365 (+97)")] {
                    #expect(html.contains("id=\"\(id)\">\(value)</strong>"), "\(id)")
                }
                #expect(html.contains("<svg"))
                #expect(html.contains("<li>2021: 3★ 10 · 4★ 1</li>"))
                #expect(html.contains(">32/39</text>") && !html.contains(">0/7</text>"))   // the trend counts years with actuals
            }
        }
    }

    @Test("The district condition follows the communes below: recognising all of them meets it")
    func derivedCondition() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let district = try await UnitQueries.require(code: "447", on: Day("2021-12-31"), db: app.db)
            let communes = try await UnitQueries.children(of: district, on: Day("2021-12-31")!, db: app.db).filter { $0.level == .commune }
            let catalog = try await CriteriaQueries.catalog(db: app.db)
            let set = try #require(catalog.inForce(level: .district, provinceCode: "42", on: Day("2021-12-31")!))
            let none = try await DerivedValues.compute(for: district, set: set, on: Day("2021-12-31")!, db: app.db)
            for commune in communes {
                _ = try await RecognitionWriter.record(RecognitionDTO(grade: .standard, decisionNumber: "x", date: "2021-06-01"), unitCode: commune.code, actor: .cli, db: app.db)
            }
            let all = try await DerivedValues.compute(for: district, set: set, on: Day("2021-12-31")!, db: app.db)
            #expect(none["DK1"] == .number(0))
            #expect(all["DK1"] == .number(100))
            let typed = AssessmentInputDTO(set: "huyen-ntm-320", date: "2021-12-31", note: nil, source: nil,
                                           values: [.init(indicator: "DK1", value: IndicatorValueDTO(.number(100)), note: nil, evidence: nil)], declarations: nil)
            await #expect(throws: AppError.self) { _ = try await AssessmentWriter.record(typed, unitCode: "447", actor: .cli, db: app.db) }
        }
    }

    @Test("Bad statistics are refused with the field named", arguments: [
        ("/api/v1/units/444/targets", #"{"year": 2023, "code": "X", "name": "x", "plan": 5}"#, "direction"),
        ("/api/v1/units/444/targets", #"{"year": 2023, "code": "X", "name": "x", "direction": "higher", "actual": 5}"#, "actual"),
        ("/api/v1/ocop-products", #"{"unit": "18502", "name": "Cam", "group": "Thực phẩm", "producer": "HTX", "producerKind": "cooperative", "stars": 6, "ratingLevel": "province", "certificate": "1", "certifiedOn": "2021-05-01", "expiresOn": "2024-05-01"}"#, "stars"),
        ("/api/v1/ocop-products", #"{"unit": "18502", "name": "Cam", "group": "Thực phẩm", "producer": "HTX", "producerKind": "cooperative", "stars": 3, "ratingLevel": "province", "certificate": "1", "certifiedOn": "2021-05-01", "expiresOn": "2020-05-01"}"#, "expiresOn"),
        ("/api/v1/household-models", #"{"unit": "18502", "year": 2021, "band": ">=100tr", "count": 10, "newCount": 11}"#, "newCount"),
    ])
    func badInput(path: String, body: String, field: String) async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let admin = try await makeToken(app)
            let (status, text) = try await post(app, path, admin, body)
            #expect(status == .unprocessableEntity)
            #expect(try JSONDecoder().decode(ErrorBody.self, from: Data(text.utf8)).field == field)
            #expect(try await SocioTargetRecord.query(on: app.db).count() == 0)
            #expect(try await OcopProduct.query(on: app.db).count() == 0)
        }
    }

    @Test("A target gets its actual after its plan; OCOP certificates expiring within six months are listed")
    func targetsAndExpiry() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let admin = try await makeToken(app)
            #expect(try await post(app, "/api/v1/units/444/targets", admin, #"{"year": 2023, "code": "XH01", "name": "Tỷ lệ hộ nghèo", "direction": "lower", "plan": 3.0}"#).0 == .created)
            #expect(try await post(app, "/api/v1/units/444/targets", admin, #"{"year": 2023, "code": "XH01", "name": "Tỷ lệ hộ nghèo", "actual": 2.4}"#).0 == .created)
            let product = #"{"unit": "18502", "name": "Cam", "group": "Thực phẩm", "producer": "HTX", "producerKind": "cooperative", "stars": 3, "ratingLevel": "province", "certificate": "1", "certifiedOn": "2020-03-01", "expiresOn": "2024-02-28"}"#
            #expect(try await post(app, "/api/v1/ocop-products", admin, product).0 == .created)
            try await app.testing().test(.GET, "/api/v1/units/444/summary?year=2023") { res async throws in
                let s = try res.content.decode(SummaryController.SummaryDTO.self)
                #expect(s.targets.met == 1 && s.targets.total == 1)
                #expect(s.ocop.expiringSoon == 1)
                #expect(s.ocop.currentByStars == ["3": 1])
            }
        }
    }

    @Test("A commune's income target linked to indicator 10.1 decides criterion 10 when the assessment has no value")
    func linkedIndicator() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let admin = try await makeToken(app)
            #expect(try await post(app, "/api/v1/units/18502/assessments", admin, #"{"date": "2022-12-31", "declarations": [{"criterion": 1, "met": true}]}"#).0 == .created)
            let target = #"{"year": 2022, "code": "KT02", "name": "Thu nhập bình quân", "direction": "higher", "plan": 45, "actual": 44.1, "linkedIndicator": "10.1"}"#
            #expect(try await post(app, "/api/v1/units/18502/targets", admin, target).0 == .created)
            try await app.testing().test(.GET, "/api/v1/units/18502/scorecard?date=2022-12-31") { res async throws in
                let card = try res.content.decode(ScorecardDTO.self)
                let income = try #require(card.criteria?.first { $0.number == 10 })
                #expect(income.status == .met)                     // 44,1 ≥ 43 (north-central, 2022)
                #expect(income.indicators.first?.value?.value == .number(44.1))
            }
        }
    }

    @Test("A village is assessed against Hà Tĩnh's model residential area set; its ladder shows the grade")
    func villageModelArea() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let admin = try await makeToken(app)
            #expect(try await post(app, "/api/v1/units/18502/villages?date=2022-04-26", admin, #"{"name": "Thôn Trung Lưu"}"#).0 == .created)
            let all = (1...9).map { #"{"criterion": \#($0), "met": \#($0 != 6)}"# }.joined(separator: ",")
            let (status, text) = try await post(app, "/api/v1/units/18502-01/assessments", admin,
                                                #"{"date": "2022-04-26", "set": "ha-tinh-khu-dan-cu-kieu-mau", "declarations": [\#(all)]}"#)
            #expect(status == .created)
            let card = try JSONDecoder().decode(ScorecardDTO.self, from: Data(text.utf8))
            #expect(card.met == 8 && card.total == 9)
            #expect(card.unmet.map(\.name) == ["Sản xuất và giảm nghèo"])
            try await app.testing().test(.GET, "/api/v1/units/18502-01/scorecard?date=2022-04-26") { res async throws in
                let ladder = try res.content.decode(ScorecardDTO.self).ladder ?? []
                #expect(ladder.map(\.grade) == [.model])
                #expect(ladder.first?.met == 8)
            }
        }
    }

    @Test("The commune page shows the ladder: advanced counts only on a recognised standard")
    func ladderPage() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/api/v1/units/18520/scorecard?date=2022-06-01") { res async throws in
                let ladder = try res.content.decode(ScorecardDTO.self).ladder ?? []
                #expect(ladder.map(\.grade) == [.standard, .advanced, .model])
                #expect(ladder.map(\.level) == [.recognised, .recognised, .notAssessed])
                #expect(ladder.allSatisfy { $0.blockedBy == nil })
            }
            try await app.testing().test(.GET, "/api/v1/units/18556/scorecard?date=2022-06-01") { res async throws in
                let ladder = try res.content.decode(ScorecardDTO.self).ladder ?? []
                #expect(ladder.first { $0.grade == .advanced }?.blockedBy == .standard)
            }
            try await app.testing().test(.GET, "/units/18556?date=2022-06-01") { res async throws in
                #expect(res.body.string.contains("cần đạt NTM trước"))
            }
        }
    }

    @Test("Targets and OCOP tables download as .xlsx with numbers as numbers")
    func exports() async throws {
        try await withNTMApp(demo: true) { app async throws in
            var targets = Data(), ocop = Data()
            try await app.testing().test(.GET, "/api/v1/units/444/targets.xlsx?year=2021") { res async throws in targets = Data(buffer: res.body) }
            try await app.testing().test(.GET, "/api/v1/units/444/ocop.csv?year=2021") { res async throws in ocop = Data(buffer: res.body) }
            let rows = try Spreadsheet.readXLSX(targets)
            #expect(rows.count == 40)
            let income = try #require(rows.first { $0.first == .text("KT02") })
            #expect(income[4] == .number(48) && income[5] == .number(49.22))
            #expect(ocop.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(String(decoding: ocop, as: UTF8.self).split(separator: "\r\n").count == 15)
        }
    }
}
