@testable import App
import Fluent
import Foundation
import NTMDomain
import Testing
import Vapor
import VaporTesting

@Suite("Critical-path plans")
struct PlanTests {
    static let tasks = """
    [{"code": "A", "name": "Khảo sát", "criterion": 2, "duration": 3},
     {"code": "B", "name": "Thi công đường", "criterion": 2, "duration": 4, "predecessors": "A", "responsibleUnit": "Ban QLDA huyện"},
     {"code": "C", "name": "Nhà văn hóa", "criterion": 6, "duration": 2, "predecessors": "A"},
     {"code": "D", "name": "Nghiệm thu", "duration": 5, "predecessors": "B"},
     {"code": "E", "name": "Cây xanh", "criterion": 17, "duration": 1, "predecessors": "C"},
     {"code": "F", "name": "Tự đánh giá", "duration": 2, "predecessors": "D, E"}]
    """

    func json(_ app: Application, _ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders = [:], _ body: String) async throws -> (HTTPResponseStatus, String) {
        try await sendJSON(app, method, path, headers, body)
    }

    func createPlan(_ app: Application, _ headers: HTTPHeaders, tasks: String = PlanTests.tasks) async throws -> (HTTPResponseStatus, String) {
        try await json(app, .POST, "/api/v1/units/18502/plans?date=2022-05-01", headers,
                       #"{"name": "Đường găng Hà Linh", "start": "2022-05-01", "target": "2022-05-20", "tasks": \#(tasks)}"#)
    }

    @Test("POST /api/v1/schedule computes the contract's fields and stores nothing")
    func scheduleEndpoint() async throws {
        try await withNTMApp { app async throws in
            let body = """
            {"start": "2022-05-01", "tasks": [{"code": "A", "duration": 3}, {"code": "B", "duration": 4, "predecessors": [{"code": "A"}]},
             {"code": "C", "duration": 2, "predecessors": [{"code": "A", "type": "SS", "lag": 1}]},
             {"code": "D", "duration": 1, "predecessors": [{"code": "B", "type": "FS", "lag": 0}, {"code": "C", "type": "FF"}]}]}
            """
            let (status, text) = try await json(app, .POST, "/api/v1/schedule", [:], body)
            #expect(status == .ok)
            let result = try JSONDecoder().decode(ScheduleResponseDTO.self, from: Data(text.utf8))
            #expect(result.duration == 8)
            #expect(result.criticalPath == ["A", "B", "D"])
            #expect(result.tasks.map(\.earlyStart) == [0, 3, 1, 7])
            #expect(result.tasks.first { $0.code == "C" }?.totalSlack == 5) // LF 8 via the FF link, EF 3
            #expect(result.tasks.filter(\.critical).map(\.code) == ["A", "B", "D"])
            #expect(result.finishDate == "2022-05-08")
            #expect(try await Plan.query(on: app.db).count() == 0)
        }
    }

    @Test("A cycle is a 422 naming its tasks; an unknown predecessor names both")
    func scheduleErrors() async throws {
        try await withNTMApp { app async throws in
            let cycle = #"{"tasks": [{"code": "A", "duration": 1, "predecessors": [{"code": "B"}]}, {"code": "B", "duration": 1, "predecessors": [{"code": "A"}]}]}"#
            let (status, text) = try await json(app, .POST, "/api/v1/schedule", [:], cycle)
            #expect(status == .unprocessableEntity)
            let error = try JSONDecoder().decode(ErrorBody.self, from: Data(text.utf8))
            #expect(error.reason.contains("A → B → A") || error.reason.contains("B → A → B"))
            let unknown = #"{"tasks": [{"code": "A", "duration": 1, "predecessors": [{"code": "Z"}]}]}"#
            let (status2, text2) = try await json(app, .POST, "/api/v1/schedule", [:], unknown)
            #expect(status2 == .unprocessableEntity)
            #expect(text2.contains("Z"))
        }
    }

    @Test("A plan is saved with its schedule; a cycle or a bad row saves nothing and names the row")
    func createAndValidate() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let (_, officer) = try await makeUser(app, "xa.halinh", role: .communeOfficer, scope: "18502")
            let (status, text) = try await createPlan(app, officer)
            #expect(status == .created)
            let detail = try JSONDecoder().decode(PlanDetailDTO.self, from: Data(text.utf8))
            #expect(detail.plan.plannedFinish == "2022-05-14") // 3 + 4 + 5 + 2 days from 01/05
            #expect(detail.criticalPath == ["A", "B", "D", "F"])
            #expect(detail.plan.marginDays == 6)

            let cyclic = #"[{"code": "A", "name": "a", "duration": 1, "predecessors": "B"}, {"code": "B", "name": "b", "duration": 1, "predecessors": "A"}]"#
            let (s2, t2) = try await createPlan(app, officer, tasks: cyclic)
            #expect(s2 == .unprocessableEntity)
            #expect(t2.contains("→"))
            let badRow = #"[{"code": "A", "name": "a", "duration": -2, "percentDone": 120, "criterion": 42}]"#
            let (s3, t3) = try await createPlan(app, officer, tasks: badRow)
            #expect(s3 == .unprocessableEntity)
            let fields = try JSONDecoder().decode(ErrorBody.self, from: Data(t3.utf8)).problems?.map(\.field) ?? []
            #expect(fields == ["tasks[0].duration", "tasks[0].percentDone", "tasks[0].criterion"])
            #expect(try await Plan.query(on: app.db).count() == 1)
        }
    }

    @Test("A code of invisible characters is refused as missing, not stored (the contract test found it stored, then every read failed)")
    func invisibleCode() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let (_, officer) = try await makeUser(app, "xa.halinh", role: .communeOfficer, scope: "18502")
            let detail = try JSONDecoder().decode(PlanDetailDTO.self, from: Data(try await createPlan(app, officer).1.utf8))
            let path = "/api/v1/plans/\(detail.plan.id)/tasks"
            let (status, text) = try await json(app, .PUT, path, officer, #"{"version": 1, "tasks": [{"code": "A", "name": "a", "duration": 1}, {"code": "\u001a", "name": "b", "duration": 2}]}"#)
            #expect(status == .unprocessableEntity && text.contains("tasks[1].code"), "\(text)")
            // A link to a code written with an invisible character is the same code once stored.
            let linked = #"{"version": 1, "tasks": [{"code": "A\u200b", "name": "a", "duration": 1}, {"code": "B", "name": "b", "duration": 2, "predecessors": "A\u200b"}]}"#
            #expect(try await json(app, .PUT, path, officer, linked).0 == .ok)
            try await app.testing().test(.GET, path + ".csv") { res async throws in #expect(res.status == .ok) }
        }
    }

    @Test("Replacing tasks needs the version the editor loaded")
    func staleVersion() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let (_, officer) = try await makeUser(app, "xa.halinh", role: .communeOfficer, scope: "18502")
            let detail = try JSONDecoder().decode(PlanDetailDTO.self, from: Data(try await createPlan(app, officer).1.utf8))
            let path = "/api/v1/plans/\(detail.plan.id)/tasks"
            let one = #"[{"code": "A", "name": "a", "duration": 1}]"#
            #expect(try await json(app, .PUT, path, officer, #"{"version": 1, "tasks": \#(one)}"#).0 == .ok)
            let (status, text) = try await json(app, .PUT, path, officer, #"{"version": 1, "tasks": \#(one)}"#)
            #expect(status == .conflict)
            #expect(text.contains("xa.halinh"))
        }
    }

    @Test("CSV and .xlsx exports import back to the same tasks; a bad row names its row and changes nothing")
    func spreadsheets() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let (_, officer) = try await makeUser(app, "xa.halinh", role: .communeOfficer, scope: "18502")
            let detail = try JSONDecoder().decode(PlanDetailDTO.self, from: Data(try await createPlan(app, officer).1.utf8))
            let id = detail.plan.id
            var csv = Data(), xlsx = Data()
            try await app.testing().test(.GET, "/api/v1/plans/\(id)/tasks.csv") { res async throws in
                csv = Data(buffer: res.body)
                #expect(res.headers.contentType?.description.contains("text/csv") == true)
            }
            try await app.testing().test(.GET, "/api/v1/plans/\(id)/tasks.xlsx") { res async throws in xlsx = Data(buffer: res.body) }
            #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(String(decoding: csv, as: UTF8.self).contains("Thi công đường"))
            let original = detail.tasks.map(\.task)
            #expect(try TaskSheet.read(csv) == original)
            #expect(try TaskSheet.read(xlsx) == original)

            var h = officer
            h.contentType = .plainText
            let bad = "Mã,Công việc,Số ngày,Công việc trước\nA,Khảo sát,3,\nB,Thi công,ba,A\n"
            try await app.testing().test(.POST, "/api/v1/plans/\(id)/tasks/import", headers: h, body: ByteBuffer(string: bad)) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(try res.content.decode(ErrorBody.self).field == "row 3, duration")
            }
            h.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let smaller = try Spreadsheet(sheetName: "x", rows: [[.text("code"), .text("name"), .text("duration"), .text("predecessors")],
                                                                 [.text("X"), .text("Việc một"), .number(4), .empty],
                                                                 [.text("Y"), .text("Việc hai"), .number(2), .text("X")]]).xlsx()
            try await app.testing().test(.POST, "/api/v1/plans/\(id)/tasks/import", headers: h, body: ByteBuffer(data: smaller)) { res async throws in
                #expect(res.status == .ok)
                let after = try res.content.decode(PlanDetailDTO.self)
                #expect(after.tasks.map(\.task.code) == ["X", "Y"])
                #expect(after.plan.plannedFinish == "2022-05-06")
            }
        }
    }

    @Test("The .xlsx export opens in a real reader (openpyxl) with numbers as numbers")
    func xlsxInOpenpyxl() async throws {
        guard Python.hasOpenpyxl else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs openpyxl; it must be there")
            return
        }
        try await withNTMApp(demo: true) { app async throws in
            let plan = try #require(try await Plan.query(on: app.db).sort(\.$name).first())
            var xlsx = Data()
            try await app.testing().test(.GET, "/api/v1/plans/\(plan.id!)/tasks.xlsx?date=2022-09-30") { res async throws in xlsx = Data(buffer: res.body) }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-\(UUID().uuidString).xlsx")
            try xlsx.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let output = try Python.run("""
            import openpyxl, sys
            ws = openpyxl.load_workbook(sys.argv[1]).active
            rows = list(ws.iter_rows(values_only=True))
            print(rows[0][0], rows[0][6], type(rows[1][6]).__name__, len(rows) - 1)
            """, argument: file.path)
            let count = try await PlanTaskRecord.query(on: app.db).filter(\.$plan.$id == plan.requireID()).count()
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "Mã Số ngày int \(count)")
        }
    }

    @Test("Pages: the plan shows its Gantt chart and late tasks; the district lists who misses the target")
    func pages() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/units/444/plans?date=2022-09-30") { res async throws in
                let html = res.body.string
                #expect(html.contains("3/4"))
                #expect(html.contains("Xã Hà Linh") && html.contains("-14"))
            }
            let haLinh = try await UnitQueries.require(code: "18502", on: Day("2022-09-30"), db: app.db)
            let plan = try #require(try await Plan.query(on: app.db).filter(\.$unit.$id == haLinh.requireID()).first())
            try await app.testing().test(.GET, "/plans/\(plan.id!)?date=2022-09-30") { res async throws in
                let html = res.body.string
                #expect(html.contains("<svg") && html.contains("gantt-bar critical") && html.contains("gantt-target"))
                #expect(html.contains("Trễ 14 ngày so với mục tiêu"))
                #expect(html.contains("id=\"late-tasks\""))
                #expect(html.contains("Củng cố hợp tác xã nông nghiệp"))
            }
            try await app.testing().test(.GET, "/units/18502?date=2022-12-01") { res async throws in
                #expect(res.body.string.contains("đã xong công việc, chờ đánh giá lại"))
            }
        }
    }
}

extension PlanTests {
    @Test("Deleting a task asks first, says what follows, is refused while other tasks depend on it, then deletes with a message")
    func deleteAsksFirst() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await makeUser(app, "ke-hoach", role: .districtOfficer, scope: "444")
            var browser = Browser(app: app)
            #expect(try await browser.signIn("ke-hoach") == .seeOther)
            let haLinh = try await UnitQueries.require(code: "18502", on: Day("2022-09-30"), db: app.db)
            let plan = try #require(try await Plan.query(on: app.db).filter(\.$unit.$id == haLinh.requireID()).with(\.$tasks).first())
            let tasks = plan.tasks.sorted { $0.position < $1.position }
            let predecessorCodes = Set(tasks.flatMap { ((try? DependencyList.parse($0.predecessors)) ?? []).map(\.code) })
            let leaf = try #require(tasks.last { !predecessorCodes.contains($0.code) })
            let needed = try #require(tasks.first { predecessorCodes.contains($0.code) })

            let (_, page) = try await browser.get("/plans/\(plan.id!)?date=2022-09-30")
            #expect(page.contains("/plans/\(plan.id!)/tasks/\(leaf.code)/delete?date=2022-09-30"))
            let (_, blocked) = try await browser.get("/plans/\(plan.id!)/tasks/\(needed.code)/delete?date=2022-09-30")
            #expect(blocked.contains("id=\"blocked\"") && !blocked.contains("id=\"confirm-form\""))
            let (status, ask) = try await browser.get("/plans/\(plan.id!)/tasks/\(leaf.code)/delete?date=2022-09-30")
            #expect(status == .ok && ask.contains(leaf.name) && ask.contains("id=\"confirm-form\"") && ask.contains("id=\"confirm-cancel\""))
            #expect(try await PlanTaskRecord.query(on: app.db).filter(\.$plan.$id == plan.requireID()).count() == tasks.count)
            let token = try #require(Browser.csrf(in: ask))
            let (deleted, _, location) = try await browser.post("/plans/\(plan.id!)/tasks/\(leaf.code)/delete",
                                                                form: ["_csrf": token, "version": String(plan.version), "date": "2022-09-30"])
            #expect(deleted == .seeOther)
            #expect(try await PlanTaskRecord.query(on: app.db).filter(\.$plan.$id == plan.requireID()).count() == tasks.count - 1)
            let (_, after) = try await browser.get(location ?? "/plans/\(plan.id!)?date=2022-09-30")
            #expect(after.contains("Đã xóa việc \(leaf.code)"))
        }
    }
}

/// The system's python3, for checking files with real third-party readers.
enum Python {
    static var hasOpenpyxl: Bool { (try? run("import openpyxl", argument: "")) != nil }

    static func run(_ script: String, argument: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, argument]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
