@testable import App
import Fluent
import NTMDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Forecast, back-test, allocation and what-if on the demo data, through the API and the page.
@Suite("Outlook: forecast, allocation, what-if")
struct OutlookAPITests {
    typealias ForecastDTO = OutlookController.ForecastDTO
    typealias AllocationDTO = OutlookController.AllocationDTO

    func get<T: Decodable>(_ app: Application, _ path: String, as type: T.Type) async throws -> T {
        var value: T?
        try await app.testing().test(.GET, path) { res async throws in
            #expect(res.status == .ok, "\(path): \(res.body.string)")
            value = try res.content.decode(T.self)
        }
        return try #require(value)
    }

    @Test("A lagging commune's criteria are forecast from its plan: the latest projected finish of the criterion's tasks")
    func forecastFromPlans() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let forecast = try await get(app, "/api/v1/units/444/forecast?date=2022-06-30", as: ForecastDTO.self)
            #expect(forecast.target == "2022-12-31")
            let open = forecast.items.filter { !$0.atStandard }
            #expect(Set(open.map(\.name)) == ["Xã Hà Linh", "Xã Hương Lâm", "Xã Hương Liên", "Xã Điền Mỹ"])
            #expect(forecast.open == open.count && forecast.onTime == open.filter(\.onTime).count)
            let haLinh = try #require(open.first { $0.code == "18502" })
            #expect(haLinh.expectedDate == haLinh.criteria.compactMap(\.expectedDate).max())
            #expect(haLinh.onTime == (haLinh.expectedDate.map { $0 <= "2022-12-31" } ?? false))
            #expect(haLinh.holdingCriteria == haLinh.criteria.filter { ($0.expectedDate ?? "9999") > "2022-12-31" }.map(\.number))

            // The same dates through the plan API: criterion 2's tasks, latest projected finish.
            let plans = try await get(app, "/api/v1/units/18502/plans?date=2022-06-30", as: [PlanSummaryDTO].self)
            var finishes: [Int: String] = [:]
            for plan in plans {
                let detail = try await get(app, "/api/v1/plans/\(plan.id)?date=2022-06-30", as: PlanDetailDTO.self)
                for row in detail.tasks { if let c = row.task.criterion { finishes[c] = max(finishes[c] ?? "", row.projectedFinish) } }
            }
            for criterion in haLinh.criteria where criterion.basis == .plan {
                #expect(criterion.expectedDate == max(finishes[criterion.number] ?? "", "2022-06-30"), "criterion \(criterion.number)")
            }
            #expect(haLinh.criteria.contains { $0.basis == .plan })

            // With an earlier target the page names what holds it: the criterion and its last task.
            var lastTask: (finish: String, name: String)?
            for plan in plans {
                let detail = try await get(app, "/api/v1/plans/\(plan.id)?date=2022-06-30", as: PlanDetailDTO.self)
                for row in detail.tasks where row.task.criterion == 2 && row.projectedFinish >= (lastTask?.finish ?? "") {
                    lastTask = (row.projectedFinish, row.task.name)
                }
            }
            let task = try #require(lastTask)
            let early = try await get(app, "/api/v1/units/444/forecast?date=2022-06-30&target=2022-09-30", as: ForecastDTO.self)
            #expect(early.items.first { $0.code == "18502" }?.holdingCriteria.contains(2) == true)
            try await app.testing().test(.GET, "/units/444/outlook?date=2022-06-30&target=2022-09-30") { res async throws in
                #expect(res.body.string.contains("2. Giao thông (\(task.name) — \(DateFormat.format(Day(task.finish)!)))"))
            }
        }
    }

    @Test("The back-test on the page is the forecast of 30/06 scored against the scorecards of 31/12, both read through the API")
    func backtest() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let forecast = try await get(app, "/api/v1/units/444/forecast?date=2021-06-30&target=2021-12-31", as: ForecastDTO.self)
            let end = try await get(app, "/api/v1/units/444/scorecard?date=2021-12-31", as: ScorecardDTO.self)
            let reached = Set((end.children ?? []).filter { [.reachedStandard, .recognised].contains($0.status) }.map(\.code))
            let open = forecast.items.filter { !$0.atStandard }
            let hits = open.filter { $0.onTime == reached.contains($0.code) }.count
            #expect(!open.isEmpty)
            try await app.testing().test(.GET, "/units/444/outlook?date=2022-06-30") { res async throws in
                #expect(res.status == .ok)
                let row = "<tr><td>2021</td><td class=\"num\">\(open.count)</td><td class=\"num\">\(hits)</td>"
                #expect(res.body.string.contains(row), "expected \(row)")
            }
        }
    }

    @Test("Allocation: within the amount, the chosen gaps add up to what is spent, never fewer communes than the usual way")
    func allocation() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let (status, body) = try await sendJSON(app, .POST, "/api/v1/units/444/allocation", [:], #"{"date":"2022-06-30","amount":1017400000000}"#)
            #expect(status == .ok)
            let all = try JSONDecoder().decode(AllocationDTO.self, from: Data(body.utf8))
            #expect(all.spent <= all.amount && all.communesAtStandard >= all.greedy.communesAtStandard)
            #expect(all.chosen.reduce(0) { $0 + $1.amount } == all.spent)
            #expect(all.curve.count == all.eligible + 1 && all.curve == all.curve.sorted())
            #expect(all.communesAtStandard == all.curve.filter { $0 <= all.amount }.count - 1)
            // Exactly the money for two communes buys two.
            guard all.curve.count > 2 else { Issue.record("demo needs at least two eligible communes"); return }
            let (_, twoBody) = try await sendJSON(app, .POST, "/api/v1/units/444/allocation", [:], #"{"date":"2022-06-30","amount":\#(all.curve[2])}"#)
            let two = try JSONDecoder().decode(AllocationDTO.self, from: Data(twoBody.utf8))
            #expect(two.communesAtStandard == 2 && two.spent == all.curve[2])

            let (bad, badBody) = try await sendJSON(app, .POST, "/api/v1/units/444/allocation", [:], #"{"date":"2022-06-30","amount":-5}"#)
            #expect(bad == .unprocessableEntity && badBody.contains("amount"))
            try await app.testing().test(.GET, "/units/444/outlook?date=2022-06-30&amount=abc") { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("không phải số tỷ đồng"))
            }
            try await app.testing().test(.GET, "/units/444/outlook?date=2022-06-30&amount=1.017,4") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("id=\"allocation-optimal\">\(all.communesAtStandard) đơn vị đạt chuẩn"))
            }
        }
    }

    /// Rows in every table: a what-if must leave them all as they were.
    func rowCounts(_ app: Application) async throws -> [String: Int] {
        let sql = try #require(app.db as? any SQLDatabase)
        let tables: [String]
        if app.db is any SQLDatabase, (try? await sql.raw("SELECT 1 FROM sqlite_master LIMIT 1").all()) != nil {
            tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map { try $0.decode(column: "name", as: String.self) }
        } else {
            tables = try await sql.raw("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").all().map { try $0.decode(column: "tablename", as: String.self) }
        }
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first().map { try $0.decode(column: "n", as: Int.self) }
        }
        return counts
    }

    @Test("What-if: Hà Linh's open criteria supposed met → 20/20, the district total rises by as many, and nothing is written")
    func whatIf() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let before = try await rowCounts(app)
            let card = try await get(app, "/api/v1/units/444/scorecard?date=2022-06-30", as: ScorecardDTO.self)
            let haLinh = try await get(app, "/api/v1/units/18502/scorecard?date=2022-06-30", as: ScorecardDTO.self)
            let open = haLinh.unmet.map(\.number) + haLinh.notAssessed.map(\.number)
            let changes = open.map { #"{"unit":"18502","criterion":\#($0),"met":true}"# }.joined(separator: ",")
            let (status, body) = try await sendJSON(app, .POST, "/api/v1/units/444/what-if", [:], #"{"date":"2022-06-30","changes":[\#(changes)]}"#)
            #expect(status == .ok)
            let after = try JSONDecoder().decode(ScorecardDTO.self, from: Data(body.utf8))
            #expect(after.totalMet == (card.totalMet ?? 0) + open.count)
            let child = try #require(after.children?.first { $0.code == "18502" })
            #expect(child.met == 20 && child.status == .reachedStandard)
            #expect(after.met >= card.met)

            try await app.testing().test(.GET, "/units/444/outlook?date=2022-06-30&met=18502:2") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("\(card.totalMet ?? 0) → \((card.totalMet ?? 0) + (haLinh.unmet.contains { $0.number == 2 } ? 1 : 0))"))
                #expect(res.body.string.contains("value=\"18502:2\" checked"))
            }
            // Supposed met on a later day: today's scorecards stay, the forecast takes that day.
            let (_, laterBody) = try await sendJSON(app, .POST, "/api/v1/units/444/what-if", [:],
                                                    #"{"date":"2022-06-30","changes":[{"unit":"18502","criterion":2,"met":true,"on":"2022-10-15"}]}"#)
            #expect(try JSONDecoder().decode(ScorecardDTO.self, from: Data(laterBody.utf8)).totalMet == card.totalMet)
            try await app.testing().test(.GET, "/units/444/outlook?date=2022-06-30&met=18502:2:2022-10-15") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("2: theo giả định 15/10/2022"))
                #expect(res.body.string.contains("value=\"18502:2\" checked"))
            }
            let (bad, badBody) = try await sendJSON(app, .POST, "/api/v1/units/444/what-if", [:],
                                                    #"{"date":"2022-06-30","changes":[{"unit":"18502","criterion":99,"met":true}]}"#)
            #expect(bad == .unprocessableEntity && badBody.contains("changes[0].criterion"))
            #expect(try await rowCounts(app) == before)
        }
    }

    @Test("A saved scenario keeps the question, not the answer: its link reopens the page with the ticks; bad ones are refused whole")
    func scenarios() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let (_, headers) = try await makeUser(app, "huyen", role: .districtOfficer, scope: "444")
            let body = #"{"name": "  Hà Linh xong giao thông ", "date": "2022-06-30", "changes": [{"unit": "18502", "criterion": 2, "met": true}], "amount": 100000000000}"#
            let (status, saved) = try await sendJSON(app, .POST, "/api/v1/units/444/what-if/scenarios", headers, body)
            #expect(status == .created)
            let scenario = try JSONDecoder().decode(OutlookController.ScenarioDTO.self, from: Data(saved.utf8))
            #expect(scenario.name == "Hà Linh xong giao thông" && scenario.createdBy == "huyen")
            #expect(scenario.link == "/units/444/outlook?date=2022-06-30&target=2022-12-31&amount=100,0&met=18502:2")
            try await app.testing().test(.GET, scenario.link) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("value=\"18502:2\" checked"))
                #expect(res.body.string.contains("id=\"allocation-optimal\""))
            }
            try await app.testing().test(.GET, "/api/v1/units/444/what-if/scenarios", headers: headers) { res async throws in
                #expect(try res.content.decode([OutlookController.ScenarioDTO].self).map(\.id) == [scenario.id])
            }
            let before = try await WhatIfScenario.query(on: app.db).count()
            for (bad, field) in [(#"{"name": " ", "date": "2022-06-30", "changes": []}"#, "name"),
                                 (#"{"name": "x", "date": "2022-06-30", "changes": [{"unit": "18850", "criterion": 2, "met": true}]}"#, "changes[0].unit"),
                                 (#"{"name": "x", "date": "2022-06-30", "target": "2022-01-01", "changes": []}"#, "target")] {
                let (status, text) = try await sendJSON(app, .POST, "/api/v1/units/444/what-if/scenarios", headers, bad)
                #expect(status == .unprocessableEntity && text.contains(field), "\(field): \(text)")
            }
            let (anonymous, _) = try await sendJSON(app, .POST, "/api/v1/units/444/what-if/scenarios", [:], body)
            #expect(anonymous == .unauthorized)
            #expect(try await WhatIfScenario.query(on: app.db).count() == before)
        }
    }
}
