@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

@Suite("Villages and recognitions")
struct VillageTests {
    @Test("A village added by hand gets a code below its commune")
    func addByHand() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let auth = try await makeToken(app)
            try await app.testing().test(.POST, "/api/v1/units/18499/villages?date=2022-04-26", headers: auth, beforeRequest: { req in
                try req.content.encode(NewVillageDTO(name: "Thôn  Đông Tiến", code: nil))
            }) { res async throws in
                #expect(res.status == .created)
                let unit = try res.content.decode(UnitDTO.self)
                #expect(unit.code == "18499-01")
                #expect(unit.name == "Thôn Đông Tiến")
                #expect(unit.level == .village)
                #expect(unit.parentCode == "18499")
            }
            try await app.testing().test(.POST, "/api/v1/units/18499/villages?date=2022-04-26", headers: auth, beforeRequest: { req in
                try req.content.encode(NewVillageDTO(name: "Thôn Đông Tiến", code: nil))
            }) { res async throws in
                #expect(res.status == .conflict)
            }
        }
    }

    @Test("A CSV of villages with one bad row writes nothing and names the row")
    func csvImport() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let auth = try await makeToken(app)
            let bad = "commune_code,name\n18499,Thôn 1\n99999,Thôn 2\n18502,\n"
            try await app.testing().test(.POST, "/api/v1/villages/import?date=2022-04-26", headers: auth, body: ByteBuffer(string: bad)) { res async throws in
                #expect(res.status == .unprocessableEntity)
                let fields = try res.content.decode(ErrorBody.self).problems?.map(\.field)
                #expect(fields == ["row 3, commune_code", "row 4, name"])
            }
            #expect(try await AdminUnit.query(on: app.db).filter(\.$level == .village).count() == 0)
            let good = "commune_code,name\n18499,Thôn 1\n18499,Thôn 2\n18502,Thôn Trung\n"
            try await app.testing().test(.POST, "/api/v1/villages/import?date=2022-04-26", headers: auth, body: ByteBuffer(string: good)) { res async throws in
                #expect(res.status == .created)
                #expect(try res.content.decode(UnitListDTO.self).items.map(\.code) == ["18499-01", "18499-02", "18502-01"])
            }
        }
    }

    @Test("20/20 is 'reached'; only a recognition decision makes 'recognised'; a second one is refused")
    func recognition() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let auth = try await makeToken(app)
            let all = (1...20).map { #"{"criterion": \#($0), "met": true}"# }.joined(separator: ",")
            var headers = auth
            headers.contentType = .json
            try await app.testing().test(.POST, "/api/v1/units/18523/assessments", headers: headers,
                                         body: ByteBuffer(string: #"{"date": "2022-04-26", "declarations": [\#(all)]}"#)) { res async throws in
                #expect(try res.content.decode(ScorecardDTO.self).level == .reachedStandard)
            }
            let decision = RecognitionDTO(grade: .standard, decisionNumber: "1234/QĐ-UBND", date: "2022-06-01")
            try await app.testing().test(.POST, "/api/v1/units/18523/recognitions", headers: auth, beforeRequest: { req in
                try req.content.encode(decision)
            }) { res async throws in
                #expect(res.status == .created)
            }
            try await app.testing().test(.POST, "/api/v1/units/18523/recognitions", headers: auth, beforeRequest: { req in
                try req.content.encode(decision)
            }) { res async throws in
                #expect(res.status == .conflict)
            }
            try await app.testing().test(.GET, "/api/v1/units/18523/scorecard?date=2022-05-01") { res async throws in
                #expect(try res.content.decode(ScorecardDTO.self).level == .reachedStandard)
            }
            try await app.testing().test(.GET, "/api/v1/units/18523/scorecard?date=2022-06-01") { res async throws in
                let card = try res.content.decode(ScorecardDTO.self)
                #expect(card.level == .recognised)
                #expect(card.recognition?.decisionNumber == "1234/QĐ-UBND")
                #expect(card.recognitionAtRisk == false)
            }
        }
    }
}
