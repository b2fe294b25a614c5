@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

@Suite("Assessments API")
struct AssessmentAPITests {
    static let path = "/api/v1/units/18502/assessments"

    func post(_ app: Application, _ body: String, headers: HTTPHeaders, path: String = AssessmentAPITests.path,
              check: @escaping (TestingHTTPResponse) async throws -> Void) async throws {
        var headers = headers
        headers.contentType = .json
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { res async throws in
            try await check(res)
        }
    }

    @Test("Indicator values and declarations are scored by the engine and returned")
    func recordAndScore() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let auth = try await makeToken(app)
            let body = """
            {"date": "2022-04-26", "values": [{"indicator": "2.1", "value": 100}, {"indicator": "2.2", "value": 62.5, "note": "còn 4,1 km"},
             {"indicator": "2.3", "value": 100}, {"indicator": "2.4", "value": 80}, {"indicator": "1.1", "value": true}, {"indicator": "1.2", "value": true}],
             "declarations": [{"criterion": 20, "met": false}, {"criterion": 19, "met": true}]}
            """
            try await post(app, body, headers: auth) { res async throws in
                #expect(res.status == .created)
                let card = try res.content.decode(ScorecardDTO.self)
                #expect(card.set?.code == "ha-tinh-xa-ntm-318")
                #expect(card.met == 2)
                #expect(card.unmet.map(\.number) == [2, 20])
                #expect(card.notAssessed.count == 16)
                #expect(card.criteria?.first { $0.number == 2 }?.indicators.map(\.status) == [.met, .notMet, .met, .met])
            }
        }
    }

    @Test("Writes without a valid token get 401 and write nothing")
    func unauthenticated() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            var wrong = HTTPHeaders()
            wrong.bearerAuthorization = BearerAuthorization(token: "not-a-token")
            for headers in [HTTPHeaders(), wrong] {
                try await post(app, #"{"date": "2022-04-26", "declarations": [{"criterion": 1, "met": true}]}"#, headers: headers) { res async throws in
                    #expect(res.status == .unauthorized)
                    #expect(try res.content.decode(ErrorBody.self).error)
                }
            }
            #expect(try await Assessment.query(on: app.db).count() == 0)
        }
    }

    @Test("Bad input names the field, is a 4xx, and writes nothing", arguments: [
        (#"{"date": "2022-04-26", "values": [{"indicator": "2.2", "value": 100.5}]}"#, 422, "values[0].value"),
        (#"{"date": "2022-04-26", "values": [{"indicator": "99.1", "value": 1}]}"#, 422, "values[0].indicator"),
        (#"{"date": "2022-04-26", "values": [{"indicator": "1.1", "value": 3}]}"#, 422, "values[0].value"),
        (#"{"date": "2022-04-26", "values": [{"indicator": "2.2", "value": "much"}]}"#, 400, "values[0].value"),
        (#"{"date": "2022-04-26", "declarations": [{"criterion": 21, "met": true}]}"#, 422, "declarations[0].criterion"),
        (#"{"date": "2021-06-01", "set": "xa-ntm-318", "declarations": [{"criterion": 1, "met": true}]}"#, 422, "date"),
        (#"{"date": "2022-04-26", "set": "no-such-set", "declarations": [{"criterion": 1, "met": true}]}"#, 404, "set"),
        (#"{"date": "26.04.2022", "declarations": [{"criterion": 1, "met": true}]}"#, 400, "date"),
        (#"{"date": "2022-04-26"}"#, 422, "values"),
        (#"{"values": []}"#, 400, "date"),
    ])
    func badInput(body: String, status: Int, field: String) async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let auth = try await makeToken(app)
            try await post(app, body, headers: auth) { res async throws in
                #expect(Int(res.status.code) == status)
                let error = try res.content.decode(ErrorBody.self)
                #expect(error.field == field)
                #expect(!error.reason.isEmpty)
            }
            #expect(try await Assessment.query(on: app.db).count() == 0)
            #expect(try await AssessmentValue.query(on: app.db).count() == 0)
        }
    }

    @Test("An unknown unit is 404; a set for another level is refused")
    func wrongUnit() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let auth = try await makeToken(app)
            try await post(app, #"{"date": "2022-04-26", "declarations": [{"criterion": 1, "met": true}]}"#, headers: auth,
                           path: "/api/v1/units/77777/assessments") { res async throws in
                #expect(res.status == .notFound)
            }
            try await post(app, #"{"date": "2022-04-26", "set": "xa-ntm-318", "declarations": [{"criterion": 1, "met": true}]}"#, headers: auth,
                           path: "/api/v1/units/444/assessments") { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(try res.content.decode(ErrorBody.self).field == "set")
            }
        }
    }

    @Test("History is kept: the same day again is refused, a later day adds a record, earlier dates read as before")
    func history() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let auth = try await makeToken(app)
            try await post(app, #"{"date": "2022-04-26", "declarations": [{"criterion": 1, "met": false}]}"#, headers: auth) { res async throws in
                #expect(res.status == .created)
            }
            try await post(app, #"{"date": "2022-04-26", "declarations": [{"criterion": 1, "met": true}]}"#, headers: auth) { res async throws in
                #expect(res.status == .conflict)
            }
            try await post(app, #"{"date": "2022-09-30", "declarations": [{"criterion": 1, "met": true}]}"#, headers: auth) { res async throws in
                #expect(res.status == .created)
            }
            try await app.testing().test(.GET, "/api/v1/units/18502/scorecard?date=2022-06-30") { res async throws in
                let card = try res.content.decode(ScorecardDTO.self)
                #expect(card.assessedOn == "2022-04-26")
                #expect(card.unmet.map(\.number) == [1])
            }
            try await app.testing().test(.GET, "/api/v1/units/18502/scorecard?date=2022-10-01") { res async throws in
                let card = try res.content.decode(ScorecardDTO.self)
                #expect(card.assessedOn == "2022-09-30")
                #expect(card.met == 1)
                #expect(card.notAssessed.count == 19)
            }
            try await app.testing().test(.GET, "/api/v1/units/18502/assessments?date=2022-10-01") { res async throws in
                let entries = try res.content.decode([UnitAPIController.HistoryEntry].self)
                #expect(entries.map(\.date) == ["2022-09-30", "2022-04-26"])
            }
        }
    }

    @Test("Before any assessment, every criterion is not assessed")
    func nothingAssessed() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            try await app.testing().test(.GET, "/api/v1/units/18502/scorecard?date=2022-04-26") { res async throws in
                let card = try res.content.decode(ScorecardDTO.self)
                #expect(card.met == 0)
                #expect(card.total == 20)
                #expect(card.notAssessed.count == 20)
                #expect(card.level == .notAssessed)
            }
        }
    }

    @Test("Kỳ Xuân without a planned market: criterion 7 not applicable, 19 of 19, at standard — in the API, the read model, the district list and the export")
    func notApplicableCriterion() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let admin = try await makeToken(app)
            var declarations = (1...20).filter { $0 != 7 }.map { AssessmentInputDTO.DeclarationDTO(criterion: $0, met: true) }
            declarations.append(.init(criterion: 7, met: nil, note: "Không quy hoạch chợ", applicable: false))
            let input = AssessmentInputDTO(set: "ha-tinh-xa-ntm-318", date: "2022-06-30", declarations: declarations)
            try await app.testing().test(.POST, "/api/v1/units/18757/assessments", headers: admin, beforeRequest: { try $0.content.encode(input) }) { res async throws in
                #expect(res.status == .created)
            }
            try await app.testing().test(.GET, "/api/v1/units/18757/scorecard?date=2022-06-30") { res async throws in
                let card = try res.content.decode(ScorecardDTO.self)
                #expect(card.met == 19)
                #expect(card.total == 19)
                #expect(card.notApplicable.map(\.number) == [7])
                #expect(card.unmet.isEmpty && card.notAssessed.isEmpty)
                #expect(card.criteria?.first { $0.number == 7 }?.status == .notApplicable)
                #expect([.reachedStandard, .recognised].contains(card.level))
            }
            let district = try #require(try await UnitQueries.find(code: "18757", on: Day("2022-06-30"), db: app.db)?.$parent.get(on: app.db))
            try await app.testing().test(.GET, "/api/v1/units/\(district.code)/scorecard?date=2022-06-30") { res async throws in
                let child = try res.content.decode(ScorecardDTO.self).children?.first { $0.code == "18757" }
                #expect(child?.met == 19)
                #expect(child?.total == 19)
            }
            try await app.testing().test(.GET, "/api/v1/units/18757/scorecards.csv?date=2022-06-30&detail=criteria") { res async throws in
                #expect(res.body.string.contains("Không áp dụng"))
            }
            try await app.testing().test(.GET, "/units/18757?date=2022-06-30") { res async throws in
                #expect(res.body.string.contains("19/19"))
                #expect(res.body.string.contains("id=\"not-applicable\""))
            }
            // Neither met nor not applicable: the officer is told what to give.
            let (status, body) = try await sendJSON(app, .POST, "/api/v1/units/18757/assessments", admin,
                                                    #"{"set":"ha-tinh-xa-ntm-318","date":"2022-07-01","declarations":[{"criterion":7}]}"#)
            #expect(status == .unprocessableEntity)
            #expect(body.contains("declarations[0].met"))
        }
    }
}
