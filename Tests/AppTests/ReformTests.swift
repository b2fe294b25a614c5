@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

/// Issue 12: the 2020–2024 units, the 2025 mergers with their lineage, and today's two tiers.
@Suite("Units through the reforms")
struct ReformTests {
    @Test("Hương Khê: the town and 20 communes until 2024 (Phú Phong among them), 19 in 2025, gone from 1 July 2025; 381 criteria on 31/12/2021, up 19")
    func huongKheThroughTheReforms() async throws {
        try await withNTMApp(demo: true) { app async throws in
            for (date, communes) in [("2021-12-31", 20), ("2024-12-31", 20), ("2025-01-01", 19), ("2025-06-30", 19)] {
                try await app.testing().test(.GET, "/api/v1/units/444/children?date=\(date)") { res async throws in
                    let items = try res.content.decode(UnitListDTO.self).items
                    #expect(items.filter { $0.level == .commune }.count == communes, "\(date)")
                    #expect(items.filter { $0.level == .town }.map(\.code) == ["18496"], "\(date)")
                    #expect(items.contains { $0.code == "18535" } == (communes == 20), "\(date)")
                }
            }
            try await app.testing().test(.GET, "/api/v1/units/444/children?date=2025-07-01") { res async throws in
                #expect(res.status == .notFound)
                let body = try res.content.decode(ErrorBody.self)
                #expect(body.field == "date")
                #expect(body.reason.contains("30/06/2025"))
            }
            try await app.testing().test(.GET, "/api/v1/units/444/scorecard?date=2021-12-31") { res async throws in
                let card = try res.content.decode(ScorecardDTO.self)
                let communes = (card.children ?? []).filter { $0.level == .commune }
                #expect(communes.count == 20)
                #expect(card.totalMet == 381)
                #expect(card.totalMet == communes.reduce(0) { $0 + $1.met })
                #expect(card.previous?.date == "2020-12-31")
                #expect(card.previous?.totalMet == 362)
                #expect(card.previous?.change == 19)
            }
        }
    }

    @Test("Kỳ Lạc since 01/07/2025 is Lâm Hợp and Kỳ Lạc: lineage both ways, the history of both, the page links to them")
    func kyLacLineage() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/api/v1/units/18838?date=2025-07-01") { res async throws in
                let unit = try res.content.decode(UnitDTO.self)
                #expect(unit.name == "Xã Kỳ Lạc")
                #expect(unit.predecessors?.map(\.code).sorted() == ["18838", "18850"])
                #expect(unit.predecessors?.allSatisfy { $0.relation == .whole && $0.effective == "2025-07-01" } == true)
                #expect(Set(unit.predecessors?.map(\.name) ?? []) == ["Xã Lâm Hợp", "Xã Kỳ Lạc"])
            }
            try await app.testing().test(.GET, "/api/v1/units/18850?date=2020-09-08") { res async throws in
                let unit = try res.content.decode(UnitDTO.self)
                #expect(unit.successors?.map(\.code) == ["18838"])
                #expect(unit.successors?.first?.name == "Xã Kỳ Lạc")
            }
            try await app.testing().test(.GET, "/api/v1/units/18838/assessments?date=2026-01-01") { res async throws in
                let history = try res.content.decode([UnitAPIController.HistoryEntry].self)
                let lamHop = history.filter { $0.unit == "18838" && $0.date < "2025-07-01" }
                #expect(Set(lamHop.map(\.unitName)) == [TextFolding.normalized("Xã Lâm Hợp")])
                let kyLac = history.filter { $0.unit == "18850" }
                #expect(lamHop.contains { $0.date == "2020-09-08" && $0.met == 16 && $0.total == 20 })
                #expect(kyLac.contains { $0.date == "2020-09-08" && $0.met == 10 && $0.total == 20 })
            }
            try await app.testing().test(.GET, "/units/18838?date=2026-01-01") { res async throws in
                let html = res.body.string
                #expect(html.contains("class=\"lineage\""))
                #expect(html.contains("href=\"/units/18850?date=2025-06-30\""))
                #expect(html.contains("href=\"/units/18838?date=2025-06-30\""))
            }
            try await app.testing().test(.GET, "/units/18850?date=2022-04-26") { res async throws in
                #expect(res.body.string.contains("href=\"/units/18838?date=2025-07-01\""))
            }
            // Lâm Hợp's recognition keeps its decision date and its result year.
            try await app.testing().test(.GET, "/api/v1/units/18838/recognitions?date=2021-06-30") { res async throws in
                let recognitions = try res.content.decode([RecognitionDTO].self)
                #expect(recognitions.contains { $0.decisionNumber == "218/QĐ-UBND" && $0.date == "2021-01-15" && $0.resultYear == 2020 })
            }
        }
    }

    @Test("A code asked for on a day it did not exist answers 404 naming what it became or came from, never an empty list")
    func vanishedCodes() async throws {
        try await withNTMApp(demo: true) { app async throws in
            // Phú Phong merged into the town of Hương Khê on 01/01/2025; no date means today.
            for path in ["/api/v1/units/18535", "/api/v1/units/18535/assessments", "/api/v1/units/18535/scorecard?date=2025-02-01"] {
                try await app.testing().test(.GET, path) { res async throws in
                    #expect(res.status == .notFound, "\(path)")
                    let body = try res.content.decode(ErrorBody.self)
                    #expect(body.successors?.map(\.code) == ["18496"], "\(path)")
                    #expect(body.reason.contains("Thị trấn Hương Khê"), "\(path)")
                }
            }
            try await app.testing().test(.GET, "/api/v1/units/18496?date=2025-03-01") { res async throws in
                #expect(try res.content.decode(UnitDTO.self).predecessors?.map(\.code) == ["18535"])
            }
            // The new Kỳ Lạc (18838) did not exist in 2020 under that name, but the code did: Lâm Hợp answers.
            try await app.testing().test(.GET, "/api/v1/units/18838?date=2020-09-08") { res async throws in
                #expect(try res.content.decode(UnitDTO.self).name == "Xã Lâm Hợp")
            }
            // A page says the same and links on.
            try await app.testing().test(.GET, "/units/18535?date=2026-01-01") { res async throws in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("href=\"/units/18496?date=2025-01-01\""))
                #expect(res.body.string.contains("href=\"/units/18535?date=2024-12-31\""))
            }
        }
    }

    @Test("A scope binds to a unit, not a code: today's Kỳ Lạc officer may not write for the old Lâm Hợp (18838)")
    func scopeBindsToUnit() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let (user, headers) = try await makeUser(app, "kylac", role: .communeOfficer, scope: "18838", scopeDate: nil)
            let old = AssessmentInputDTO(set: "ha-tinh-xa-ntm-1980", date: "2021-06-30", declarations: [.init(criterion: 1, met: true)])
            try await app.testing().test(.POST, "/api/v1/units/18838/assessments", headers: headers, beforeRequest: { try $0.content.encode(old) }) { res async throws in
                #expect(res.status == .forbidden)
            }
            let now = AssessmentInputDTO(set: "xa-ntm-51-2025", date: "2026-03-01", declarations: [.init(criterion: 1, met: true)])
            try await app.testing().test(.POST, "/api/v1/units/18838/assessments", headers: headers, beforeRequest: { try $0.content.encode(now) }) { res async throws in
                #expect(res.status == .created)
            }
            // Extended through the lineage by an administrator, the scope covers Lâm Hợp and the old Kỳ Lạc too.
            let (_, admin) = try await makeUser(app, "root", role: .admin, scope: nil)
            try await app.testing().test(.PUT, "/api/v1/users/kylac/scope", headers: admin,
                                         beforeRequest: { try $0.content.encode(ScopeChangeDTO(scope: "18838", scopeDate: nil, includePredecessors: true)) }) { res async throws in
                #expect(res.status == .ok)
            }
            try await app.testing().test(.POST, "/api/v1/units/18838/assessments", headers: headers, beforeRequest: { try $0.content.encode(old) }) { res async throws in
                #expect(res.status == .created)
            }
            _ = user
        }
    }

    @Test("Accounts whose scope unit has ended are listed with the units to move them to")
    func endedScopes() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let (_, admin) = try await makeUser(app, "root", role: .admin, scope: nil)
            try await app.testing().test(.GET, "/api/v1/users/ended-scopes", headers: admin) { res async throws in
                let items = try res.content.decode(EndedScopesDTO.self).items
                // The demo's commune officer is scoped to the old Hương Bình, merged on 01/07/2025.
                let huongBinh = try #require(items.first { $0.username == "huongbinh" })
                #expect(huongBinh.scope.code == "18523" && huongBinh.scope.validTo == "2025-06-30")
                #expect(huongBinh.successors.map(\.code) == ["18523"])
                #expect(!items.contains { $0.username == "vpdp.hatinh" })
            }
            try await app.testing().test(.GET, "/accounts/scopes") { res async throws in
                #expect(res.status == .unauthorized || res.status == .forbidden || res.status == .seeOther)
            }
        }
    }

    @Test("On two tiers the province appraises: no district step after 1 July 2025, the province recognises a submitted dossier")
    func twoTierAppraisal() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let (_, commune) = try await makeUser(app, "kylac", role: .communeOfficer, scope: "18838", scopeDate: "2026-03-01")
            let (_, district) = try await makeUser(app, "khdistrict", role: .districtOfficer, scope: "42", scopeDate: "2026-03-01")
            let (_, province) = try await makeUser(app, "tinh", role: .provincialOffice, scope: "42", scopeDate: "2026-03-01")
            let all = AssessmentInputDTO(set: "xa-ntm-51-2025", date: "2026-03-01", declarations: (1...10).map { .init(criterion: $0, met: true) })
            try await app.testing().test(.POST, "/api/v1/units/18838/assessments", headers: commune, beforeRequest: { try $0.content.encode(all) }) { res async throws in
                #expect(res.status == .created)
            }
            try await app.testing().test(.POST, "/api/v1/units/18838/dossier", headers: commune,
                                         beforeRequest: { try $0.content.encode(DossierStepDTO(step: .submit, date: "2026-03-02")) }) { res async throws in
                #expect(res.status == .ok)
            }
            for headers in [district, province] {
                try await app.testing().test(.POST, "/api/v1/units/18838/dossier", headers: headers,
                                             beforeRequest: { try $0.content.encode(DossierStepDTO(step: .pass, date: "2026-03-03")) }) { res async throws in
                    #expect(res.status.code >= 400 && res.status.code < 500)
                }
            }
            try await app.testing().test(.POST, "/api/v1/units/18838/dossier", headers: province, beforeRequest: {
                try $0.content.encode(DossierStepDTO(step: .recognise, date: "2026-03-10", decisionNumber: "99/QĐ-UBND (test)", decisionDate: "2026-03-10"))
            }) { res async throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(DossierDTO.self).state == .recognised)
            }
        }
    }
}
