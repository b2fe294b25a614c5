@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

@Suite("Criteria sets as data")
struct CriteriaSetTests {
    @Test("The set in force follows the date and the province", arguments: [
        ("18850", "2020-09-08", "ha-tinh-xa-ntm-1980", 20),
        ("18502", "2022-04-26", "ha-tinh-xa-ntm-318", 20),
        ("18838", "2026-03-01", "xa-ntm-51-2025", 10),
    ])
    func inForce(unit: String, date: String, code: String, count: Int) async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            try await app.testing().test(.GET, "/api/v1/criteria-sets/in-force?unit=\(unit)&date=\(date)") { res async throws in
                #expect(res.status == .ok)
                let set = try res.content.decode(CriteriaSetDefinition.self)
                #expect(set.code == code)
                #expect(set.criteria.count == count)
            }
        }
    }

    @Test("Another province gets the national 19 without Hà Tĩnh's criterion 20")
    func otherProvince() async throws {
        try await withNTMApp { app async throws in
            let catalog = try await CriteriaQueries.catalog(db: app.db)
            let set = catalog.inForce(level: .commune, provinceCode: "40", on: Day("2022-04-26")!)
            #expect(set?.code == "xa-ntm-318")
            #expect(set?.criteria.count == 19)
            #expect(set?.indicator(code: "17.11") != nil)
        }
    }

    @Test("Shipped thresholds are flagged unverified except the checked 2020 income levels")
    func verificationFlags() async throws {
        try await withNTMApp { app async throws in
            let catalog = try await CriteriaQueries.catalog(db: app.db)
            let set318 = try catalog.resolve(code: "xa-ntm-318")
            let set1980 = try catalog.resolve(code: "xa-ntm-1980")
            #expect(set318.hasUnverifiedParts)
            #expect(set318.criteria.flatMap(\.indicators).allSatisfy { !$0.verified })
            let income = try #require(set1980.indicator(code: "10.1")?.1)
            #expect(income.verified)
            #expect(Evaluator.applicableThreshold(income.thresholds, region: Region.northCentral, year: 2020)?.value == 36)
            #expect(Evaluator.applicableThreshold(income.thresholds, region: Region.southeast, year: 2020)?.value == 59)
        }
    }

    @Test("A province loads its own set through the API; a new revision replaces the old")
    func loadAndEdit() async throws {
        try await withNTMApp { app async throws in
            let auth = try await makeToken(app)
            var definition = CriteriaSetDefinition(
                code: "ha-tinh-khu-dan-cu", name: .init(vi: "Khu dân cư NTM kiểu mẫu (Hà Tĩnh)"), level: .village,
                effective: DateWindow(from: Day("2021-01-01")), province: "42",
                criteria: [Criterion(number: 1, name: .init(vi: "Quy hoạch"), indicators: [
                    Indicator(code: "1.1", name: .init(vi: "Tỷ lệ vườn đạt chuẩn"), unit: "%", kind: .percentAtLeast, thresholds: [Threshold(value: 50)]),
                ])])
            try await app.testing().test(.PUT, "/api/v1/criteria-sets/ha-tinh-khu-dan-cu", headers: auth, beforeRequest: { req in
                try req.content.encode(definition)
            }) { res async throws in
                #expect(res.status == .created)
            }
            definition.criteria[0].indicators[0].thresholds = [Threshold(value: 60)]
            try await app.testing().test(.PUT, "/api/v1/criteria-sets/ha-tinh-khu-dan-cu", headers: auth, beforeRequest: { req in
                try req.content.encode(definition)
            }) { res async throws in
                #expect(res.status == .ok)
            }
            let record = try #require(try await CriteriaSetRecord.query(on: app.db).filter(\.$code == "ha-tinh-khu-dan-cu").first())
            #expect(record.revision == 2)
            #expect(try record.definition().criteria[0].indicators[0].thresholds[0].value == 60)
        }
    }

    @Test("A broken set is refused whole: duplicate numbers, percentages over 100, unknown parent, no token")
    func refused() async throws {
        try await withNTMApp { app async throws in
            let auth = try await makeToken(app)
            let before = try await CriteriaSetRecord.query(on: app.db).count()
            var definition = CriteriaSetDefinition(code: "bad", name: .init(vi: "Sai"), level: .commune, effective: DateWindow(), extends: "nope",
                                                   criteria: [Criterion(number: 1, name: .init(vi: "A"), indicators: [
                                                       Indicator(code: "1.1", name: .init(vi: "x"), kind: .percentAtLeast, thresholds: [Threshold(value: 150)]),
                                                   ]), Criterion(number: 1, name: .init(vi: "B"))])
            try await app.testing().test(.PUT, "/api/v1/criteria-sets/bad", headers: auth, beforeRequest: { req in
                try req.content.encode(definition)
            }) { res async throws in
                #expect(res.status == .unprocessableEntity)
                let fields = try res.content.decode(ErrorBody.self).problems?.map(\.field) ?? []
                #expect(Set(fields) == ["extends", "criteria[1].number", "criteria[0].indicators[0].thresholds[0].value"])
            }
            definition.extends = nil
            try await app.testing().test(.PUT, "/api/v1/criteria-sets/bad", beforeRequest: { req in
                try req.content.encode(definition)
            }) { res async throws in
                #expect(res.status == .unauthorized)
            }
            try await app.testing().test(.PUT, "/api/v1/criteria-sets/other-code", headers: auth, beforeRequest: { req in
                try req.content.encode(definition)
            }) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(try res.content.decode(ErrorBody.self).field == "code")
            }
            #expect(try await CriteriaSetRecord.query(on: app.db).count() == before)
        }
    }

    @Test("Every shipped data file decodes and passes the definition checks")
    func shippedFilesAreValid() async throws {
        try await withNTMApp { app async throws in
            let files = try ShippedCriteriaSets.files(resourcesDirectory: app.config.resourcesDirectory)
            let definitions = try files.map(ShippedCriteriaSets.decode(file:))
            let codes = Set(definitions.map(\.code))
            #expect(files.count == 10)
            for definition in definitions {
                #expect(definition.problems(knownCodes: codes).isEmpty, "\(definition.code)")
            }
            #expect(definitions.first { $0.code == "xa-ntm-318" }?.criteria.count == 19)
            #expect(definitions.first { $0.code == "xa-ntm-1980" }?.criteria.count == 19)
            #expect(definitions.first { $0.code == "xa-ntm-51-2025" }?.criteria.count == 10)
        }
    }
}
