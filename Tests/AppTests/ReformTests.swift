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
                // Their critical-path plans, one link each (both had one in 2022).
                #expect(html.contains("href=\"/units/18850/plans?date=2025-06-30\""))
                #expect(html.contains("href=\"/units/18838/plans?date=2025-06-30\""))
                #expect(html.contains("1 kế hoạch đường găng"))
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

    @Test("The recognition rule across a merger: all predecessors recognised → kept; some → chờ thừa nhận until the province re-acknowledges; the rule is the province's data")
    func recognitionAcrossMergers() async throws {
        try await withNTMApp(demo: true) { app async throws in
            func card(_ code: String, _ date: String = "2026-10-01") async throws -> ScorecardDTO {
                var result: ScorecardDTO?
                try await app.testing().test(.GET, "/api/v1/units/\(code)/scorecard?date=\(date)") { res async throws in
                    #expect(res.status == .ok)
                    result = try res.content.decode(ScorecardDTO.self)
                }
                return try #require(result)
            }
            // Kỳ Xuân = Kỳ Xuân + Kỳ Bắc + Kỳ Phong, all recognised before 01/07/2025 (demo rule: every-predecessor).
            let kyXuan = try await card("18766")
            #expect(kyXuan.mergerStanding?.standing == .inherited)
            #expect(kyXuan.mergerStanding?.mergedOn == "2025-07-01")
            #expect(kyXuan.mergerStanding?.predecessors.count == 3)
            #expect(kyXuan.mergerStanding?.predecessors.allSatisfy(\.recognised) == true)
            #expect(kyXuan.level == .recognised)
            #expect(kyXuan.recognition == nil)
            // Kỳ Lạc = Lâm Hợp (recognised 2021) + the old Kỳ Lạc (never): waits for the province.
            let kyLac = try await card("18838")
            #expect(kyLac.mergerStanding?.standing == .awaitingAcknowledgement)
            #expect(Dictionary(uniqueKeysWithValues: (kyLac.mergerStanding?.predecessors ?? []).map { ($0.name, $0.recognised) })
                    == ["Xã Lâm Hợp": true, "Xã Kỳ Lạc": false])
            #expect(kyLac.level == .building)
            // Hương Phố waited too, and was re-acknowledged by a decision that records its date and basis.
            let huongPho = try await card("18532")
            #expect(huongPho.mergerStanding?.standing == .awaitingAcknowledgement)
            #expect(huongPho.recognition?.basis == .acknowledgement)
            #expect(huongPho.recognition?.date == "2025-10-15")
            #expect(huongPho.level == .recognised)
            // The province's list reads the same standings: Kỳ Xuân counts as recognised, Kỳ Lạc does not.
            try await app.testing().test(.GET, "/api/v1/units/42/scorecard?date=2026-10-01") { res async throws in
                let children = try res.content.decode(ScorecardDTO.self).children ?? []
                #expect(children.first { $0.code == "18766" }?.status == .recognised)
                #expect(children.first { $0.code == "18838" }?.status == .building)
            }
            try await app.testing().test(.GET, "/units/18838?date=2026-10-01") { res async throws in
                #expect(res.body.string.contains("Chờ tỉnh thừa nhận"))
                #expect(res.body.string.contains("chưa đạt chuẩn: Xã Kỳ Lạc"))
            }

            // The provincial office re-acknowledges Kỳ Lạc; a unit not formed by a merger has nothing to acknowledge.
            let (_, office) = try await makeUser(app, "tinh", role: .provincialOffice, scope: "42", scopeDate: "2026-10-01")
            let (_, viewer) = try await makeUser(app, "xem", role: .viewer, scope: "42", scopeDate: "2026-10-01")
            let acknowledge = #"{"grade":"standard","decisionNumber":"3001/QĐ-UBND (test)","date":"2026-10-15","resultYear":2026,"basis":"acknowledgement"}"#
            #expect(try await sendJSON(app, .POST, "/api/v1/units/18838/recognitions", viewer, acknowledge).0 == .forbidden)
            let (status, body) = try await sendJSON(app, .POST, "/api/v1/units/18838/recognitions", office, acknowledge)
            #expect(status == .created, "\(body)")
            let acknowledged = try await card("18838", "2026-10-20")
            #expect(acknowledged.level == .recognised)
            #expect(acknowledged.recognition?.basis == .acknowledgement)
            #expect(acknowledged.recognition?.resultYear == 2026)
            let (notMerged, reason) = try await sendJSON(app, .POST, "/api/v1/units/18523/recognitions", office,
                                                        #"{"grade":"standard","decisionNumber":"1/QĐ","date":"2022-05-01","basis":"acknowledgement"}"#)
            #expect(notMerged == .unprocessableEntity)
            #expect(reason.contains("basis"))

            // The province changes its rule: from now on every merger needs a decision, so Kỳ Xuân waits too.
            let rule = #"{"rule":"decision-required","from":"2025-07-01","source":"Công văn (test)"}"#
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/42/merger-rules", viewer, rule).0 == .forbidden)
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/42/merger-rules", office, rule).0 == .ok)
            #expect(try await card("18766").mergerStanding?.standing == .awaitingAcknowledgement)
            #expect(try await card("18766").level != .recognised)
            try await app.testing().test(.GET, "/api/v1/units/42/merger-rules") { res async throws in
                let rules = try res.content.decode([MergerRuleDTO].self)
                #expect(rules.map(\.rule) == [.decisionRequired])
                #expect(rules.first?.source == "Công văn (test)")
            }
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/18766/merger-rules", office, rule).0 == .unprocessableEntity)
        }
    }

    @Test("2026–2030: a commune's dated group selects its thresholds; regrouping closes the old group; bad groups are refused whole")
    func communeGroupsSelectThresholds() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let admin = try await makeToken(app)
            try await app.testing().test(.GET, "/api/v1/units/18838/commune-groups") { res async throws in
                let groups = try res.content.decode([CommuneGroupDTO].self)
                #expect(groups.map(\.group) == ["3"])
                #expect(groups.first?.from == "2026-02-15")
            }
            // The province enters an indicator whose threshold differs by group (values for the test only).
            var definition = try ShippedCriteriaSets.decode(file: app.config.resourcesDirectory + "/CriteriaSets/xa-ntm-51-2025.json")
            let index = try #require(definition.criteria.firstIndex { $0.number == 6 })
            definition.criteria[index].indicators = [Indicator(code: "6.1", name: .init(vi: "Tỷ lệ hộ nghèo đa chiều"), unit: "%", kind: .percentAtMost,
                                                               thresholds: [Threshold(group: "1", value: 1), Threshold(group: "2", value: 2), Threshold(group: "3", value: 5)])]
            try await app.testing().test(.PUT, "/api/v1/criteria-sets/xa-ntm-51-2025", headers: admin, beforeRequest: { try $0.content.encode(definition) }) { res async throws in
                #expect(res.status == .ok)
            }
            for code in ["18838", "18766"] {
                let input = AssessmentInputDTO(set: "xa-ntm-51-2025", date: "2026-10-01", values: [.init(indicator: "6.1", value: IndicatorValueDTO(.number(4)))])
                try await app.testing().test(.POST, "/api/v1/units/\(code)/assessments", headers: admin, beforeRequest: { try $0.content.encode(input) }) { res async throws in
                    #expect(res.status == .created)
                }
            }
            func poverty(_ code: String, _ date: String) async throws -> (Status?, Double?) {
                var result: (Status?, Double?) = (nil, nil)
                try await app.testing().test(.GET, "/api/v1/units/\(code)/scorecard?date=\(date)") { res async throws in
                    let indicator = try res.content.decode(ScorecardDTO.self).criteria?.first { $0.number == 6 }?.indicators.first
                    result = (indicator?.status, indicator?.threshold)
                }
                return result
            }
            #expect(try await poverty("18838", "2026-10-01") == (.met, 5))      // group 3: 4 % ≤ 5 %
            #expect(try await poverty("18766", "2026-10-01") == (.notMet, 2))   // group 2: 4 % > 2 %

            // Kỳ Xuân is regrouped from 01/10/2026: its assessment of that day is judged as group 3.
            let (status, body) = try await sendJSON(app, .POST, "/api/v1/units/18766/commune-groups", admin,
                                                    #"{"group":"3","from":"2026-10-01","decision":"77/QĐ-UBND (test)","source":"test"}"#)
            #expect(status == .created, "\(body)")
            #expect(try await poverty("18766", "2026-10-02") == (.met, 5))
            try await app.testing().test(.GET, "/api/v1/units/18766/commune-groups") { res async throws in
                let groups = try res.content.decode([CommuneGroupDTO].self)
                #expect(groups.map(\.group) == ["2", "3"])
                #expect(groups.first?.to == "2026-09-30")
            }
            // The read model agrees with the page: the province's list shows Kỳ Xuân's stored verdict.
            let kyXuan = try #require(try await UnitQueries.find(code: "18766", on: Day("2026-10-02"), db: app.db))
            let stored = try await ScorecardQueries.stored([kyXuan], scope: .units([try kyXuan.requireID()]), on: Day("2026-10-02")!,
                                                           catalog: try await CriteriaQueries.catalog(db: app.db), db: app.db)
            #expect(stored.first?.summary?.assessedOn == Day("2026-10-01"))
            #expect(stored.first?.summary?.unmet.contains(6) == false)

            // Bad input: an unknown group, a day whose set has no groups, a vanished code — one list, nothing written.
            #expect(try await sendJSON(app, .POST, "/api/v1/units/18838/commune-groups", admin, #"{"group":"4","from":"2026-10-01","source":"test"}"#).0
                    == .unprocessableEntity)
            let (early, earlyBody) = try await sendJSON(app, .POST, "/api/v1/units/18523/commune-groups", admin, #"{"group":"2","from":"2022-01-01","source":"test"}"#)
            #expect(early == .unprocessableEntity)
            #expect(earlyBody.contains("không chia nhóm xã"))
            let before = try await CommuneGroupAssignment.query(on: app.db).count()
            let csv = "code,group,effective\n18838,2,2026-11-01\n18838,9,2026-11-01\n99999,1,2026-11-01\n"
            await #expect(throws: AppError.self) {
                try await CommuneGroupWriter.importCSV(csv, catalog: try await CriteriaQueries.catalog(db: app.db), actor: .cli, db: app.db)
            }
            do {
                _ = try await CommuneGroupWriter.importCSV(csv, catalog: try await CriteriaQueries.catalog(db: app.db), actor: .cli, db: app.db)
            } catch let error as AppError {
                #expect(error.problems.map(\.field) == ["row 3, group", "row 4, code"])
            }
            #expect(try await CommuneGroupAssignment.query(on: app.db).count() == before)
        }
    }
}
