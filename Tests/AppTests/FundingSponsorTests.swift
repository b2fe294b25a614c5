@testable import App
import Fluent
import Foundation
import NTMDomain
import Testing
import Vapor
import VaporTesting

@Suite("Funding and sponsorship")
struct FundingSponsorTests {
    func post(_ app: Application, _ path: String, _ headers: HTTPHeaders, _ body: String) async throws -> (HTTPResponseStatus, String) {
        try await sendJSON(app, .POST, path, headers, body)
    }

    @Test("The demo reproduces the 26/04/2022 table for Hương Khê's 8 communes to the last đồng")
    func scenarioTable() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/api/v1/units/444/funding?date=2022-04-26") { res async throws in
                let d = try res.content.decode(FundingController.FundingDTO.self)
                #expect(d.need == 1_346_700_000_000)
                #expect(d.identified == 329_300_000_000)
                #expect(d.unidentified == 1_017_400_000_000)
                #expect(d.groups.map(\.group) == ["transport", "health-culture-education", "economy", "environment", "living-environment"])
                #expect(d.groups.map(\.need) == [1_142_100_000_000, 73_600_000_000, 101_000_000_000, 15_000_000_000, 15_000_000_000])
                #expect(d.groups.map(\.identified) == [328_100_000_000, 1_200_000_000, 0, 0, 0])
                #expect(d.groups.map(\.unidentified) == [814_000_000_000, 72_400_000_000, 101_000_000_000, 15_000_000_000, 15_000_000_000])
                #expect(d.children.count == 8)
                #expect(d.children.reduce(0) { $0 + $1.need } == d.need)
            }
            try await app.testing().test(.GET, "/units/444/funding?date=2022-04-26") { res async throws in
                let html = res.body.string
                for figure in ["1.346,7", "329,3", "1.017,4", "1.142,1", "328,1", "814,0", "73,6", "1,2", "72,4", "101,0", "15,0"] {
                    #expect(html.contains(figure), "missing \(figure)")
                }
                #expect(html.contains("<svg") && html.contains("bar-gap"))
            }
        }
    }

    @Test("Sponsors' money delivered after the conference counts as identified; the overdue list is right")
    func sponsorsAndOverdue() async throws {
        try await withNTMApp(demo: true) { app async throws in
            var before: Int64 = 0, after: Int64 = 0
            try await app.testing().test(.GET, "/api/v1/units/444/funding?date=2022-04-26") { res async throws in
                before = try res.content.decode(FundingController.FundingDTO.self).identified
            }
            try await app.testing().test(.GET, "/api/v1/units/444/funding?date=2022-12-31") { res async throws in
                let d = try res.content.decode(FundingController.FundingDTO.self)
                after = d.identified
                #expect(d.bySource["sponsors"] == after - before)
                #expect(d.need == 1_346_700_000_000)
            }
            let delivered = try await SponsorActivity.query(on: app.db).all().filter { $0.date <= "2022-12-31" && $0.criterionNumber != nil }.reduce(Int64(0)) { $0 + $1.amount }
            #expect(after > before)
            #expect(after - before <= delivered)

            try await app.testing().test(.GET, "/api/v1/units/444/sponsors?date=2022-05-11") { res async throws in
                let rows = try res.content.decode([SponsorController.AssignmentRow].self)
                #expect(Set(rows.map(\.organisation)).count >= 60)
                #expect(rows.filter { $0.unitLevel == .village }.count == 50)
                let overdue = rows.filter(\.overdue)
                // Unsigned on 11/05 (due 10/05), or already signed after the due date.
                let expected = rows.filter { $0.agreementSigned == nil || $0.agreementSigned! > $0.agreementDue }
                #expect(overdue.map(\.id) == expected.map(\.id))
                #expect(!overdue.isEmpty)
            }
            try await app.testing().test(.GET, "/api/v1/units/444/sponsors?date=2022-05-09") { res async throws in
                #expect(try res.content.decode([SponsorController.AssignmentRow].self).filter(\.overdue).isEmpty)
            }
            try await app.testing().test(.GET, "/units/444/sponsors?date=2022-05-11") { res async throws in
                let html = res.body.string
                #expect(html.contains("id=\"overdue\"") && html.contains("id=\"villages\"") && html.contains("id=\"pledged\""))
                #expect(html.contains("Agribank chi nhánh Hà Tĩnh (demo)"))
            }
        }
    }

    @Test("A recorded need answers with its totals and shows in the roll-up as of its date, not before")
    func recordNeed() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let admin = try await makeToken(app)
            let body = #"{"criterion": 2, "workItem": "Đường huyện 06, 4,2 km", "date": "2022-04-26", "need": 45000000001, "identified": [{"source": "provincial", "amount": 20000000000}, {"source": "people", "amount": 1}]}"#
            let (status, text) = try await post(app, "/api/v1/units/18502/funding-needs", admin, body)
            #expect(status == .created)
            let totals = try JSONDecoder().decode(FundingController.TotalsDTO.self, from: Data(text.utf8))
            #expect(totals.unidentified == 25_000_000_000)
            try await app.testing().test(.GET, "/api/v1/units/444/funding?date=2022-04-26") { res async throws in
                let d = try res.content.decode(FundingController.FundingDTO.self)
                #expect(d.need == 45_000_000_001)
                #expect(d.bySource == ["provincial": 20_000_000_000, "people": 1])
                #expect(d.groups.first?.name == "Giao thông")
            }
            try await app.testing().test(.GET, "/api/v1/units/444/funding?date=2022-04-25") { res async throws in
                #expect(try res.content.decode(FundingController.FundingDTO.self).need == 0)
            }
        }
    }

    @Test("Bad funding input names the field and writes nothing", arguments: [
        (#"{"criterion": 2, "date": "2022-04-26", "need": 100, "identified": [{"source": "central", "amount": 101}]}"#, "identified"),
        (#"{"criterion": 2, "date": "2022-04-26", "need": -5}"#, "need"),
        (#"{"criterion": 2, "date": "2022-04-26", "need": 100, "identified": [{"source": "central", "amount": -1}]}"#, "identified[0].amount"),
        (#"{"criterion": 2, "date": "2022-04-26", "need": 100, "identified": [{"source": "lottery", "amount": 1}]}"#, "identified[0].source"),
        (#"{"criterion": 42, "date": "2022-04-26", "need": 100}"#, "criterion"),
        (#"{"criterion": 2, "date": "2022-04-26", "need": "nhiều"}"#, "need"),
    ])
    func badFunding(body: String, field: String) async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let admin = try await makeToken(app)
            let (status, text) = try await post(app, "/api/v1/units/18502/funding-needs", admin, body)
            #expect(status == .unprocessableEntity || status == .badRequest)
            #expect(try JSONDecoder().decode(ErrorBody.self, from: Data(text.utf8)).field == field)
            #expect(try await FundingNeed.query(on: app.db).count() == 0)
        }
    }

    @Test("Bad assignments: unknown unit, criterion outside the set, signed before the decision")
    func badAssignments() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let admin = try await makeToken(app)
            #expect(try await post(app, "/api/v1/organisations", admin, #"{"name": "Sở Xây dựng", "kind": "department"}"#).0 == .created)
            let base = #""organisation": "Sở Xây dựng", "decisionNumber": "1/QĐ", "decisionDate": "2022-04-26", "agreementDue": "2022-05-10""#
            let cases = [(#"{\#(base), "unit": "99999"}"#, "unit"), (#"{\#(base), "unit": "18502", "criteria": [21]}"#, "criteria[0]"),
                         (#"{\#(base), "unit": "18502", "agreementSigned": "2022-04-01"}"#, "agreementSigned"),
                         (#"{\#(base), "unit": "18502", "pledgedMoney": -10}"#, "pledgedMoney")]
            for (body, field) in cases {
                let (status, text) = try await post(app, "/api/v1/sponsor-assignments", admin, body)
                #expect(status == .unprocessableEntity, "\(field)")
                #expect(try JSONDecoder().decode(ErrorBody.self, from: Data(text.utf8)).field == field)
            }
            #expect(try await SponsorAssignment.query(on: app.db).count() == 0)
        }
    }

    @Test("A sponsor reports only on its own assignments")
    func sponsorReports() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let admin = try await makeToken(app)
            for name in ["Ngân hàng A", "Ngân hàng B"] {
                _ = try await post(app, "/api/v1/organisations", admin, #"{"name": "\#(name)", "kind": "bank"}"#)
            }
            let (_, created) = try await post(app, "/api/v1/sponsor-assignments", admin,
                                              #"{"organisation": "Ngân hàng A", "unit": "18502", "criteria": [2], "decisionNumber": "1/QĐ", "decisionDate": "2022-04-26", "agreementDue": "2022-05-10"}"#)
            let id = try JSONDecoder().decode([String: UUID].self, from: Data(created.utf8))["id"]!
            let (_, own) = try await makeUser(app, "bank.a", role: .sponsor, scope: "444", organisation: "Ngân hàng A")
            let (_, other) = try await makeUser(app, "bank.b", role: .sponsor, scope: "444", organisation: "Ngân hàng B")
            let activity = #"{"date": "2022-06-01", "description": "Hỗ trợ xi măng", "criterion": 2, "amount": 500000000}"#
            #expect(try await post(app, "/api/v1/sponsor-assignments/\(id)/activities", other, activity).0 == .forbidden)
            #expect(try await post(app, "/api/v1/sponsor-assignments/\(id)/activities", own, activity).0 == .created)
            #expect(try await post(app, "/api/v1/sponsor-assignments/\(id)/activities", own, #"{"date": "2022-06-01", "description": "x", "criterion": 17}"#).0 == .unprocessableEntity)
        }
    }

    @Test("Funding and sponsor tables download as CSV with BOM and as .xlsx that openpyxl reads, numbers as numbers")
    func exports() async throws {
        try await withNTMApp(demo: true) { app async throws in
            var csv = Data(), xlsx = Data(), sponsors = Data()
            try await app.testing().test(.GET, "/api/v1/units/444/funding.csv?date=2022-04-26") { res async throws in csv = Data(buffer: res.body) }
            try await app.testing().test(.GET, "/api/v1/units/444/funding.xlsx?date=2022-04-26") { res async throws in xlsx = Data(buffer: res.body) }
            try await app.testing().test(.GET, "/api/v1/units/444/sponsors.xlsx?date=2022-05-11") { res async throws in sponsors = Data(buffer: res.body) }
            #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(String(decoding: csv, as: UTF8.self).contains("Giao thông,,1142100000000,328100000000,814000000000"))
            let read = try Spreadsheet.readXLSX(xlsx)
            #expect(read[6] == [.text("Tổng cộng"), .empty, .number(1_346_700_000_000), .number(329_300_000_000), .number(1_017_400_000_000)])
            guard Python.hasOpenpyxl else {
                #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs openpyxl; it must be there")
                return
            }
            for (data, script) in [(xlsx, "print(rows[6][0], rows[6][2], type(rows[6][2]).__name__)"), (sponsors, "print(len(rows) - 1, rows[0][0])")] {
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-\(UUID().uuidString).xlsx")
                try data.write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let output = try Python.run("import openpyxl, sys\nrows = list(openpyxl.load_workbook(sys.argv[1]).active.iter_rows(values_only=True))\n" + script, argument: file.path)
                let expected = script.contains("rows[6]") ? "Tổng cộng 1346700000000 int" : "62 Đơn vị đỡ đầu"
                #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
            }
        }
    }
}

@Suite("Steering committee report")
struct ReportTests {
    @Test("One page: standing, funding, sponsors, plans — all computed from the demo records")
    func report() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/units/444/report?date=2022-09-30") { res async throws in
                #expect(res.status == .ok)
                let html = res.body.string
                #expect(html.contains("Xã đạt chuẩn NTM (đã công nhận): <strong>12/20</strong>"))
                #expect(html.contains("Tổng số tiêu chí đạt: <strong>364 ("))
                #expect(html.contains("Xã đạt đủ tiêu chí, chờ thẩm định: <strong>4</strong>"))
                #expect(html.contains("Nhu cầu vốn: <strong>1.346,7 tỷ</strong>"))
                #expect(html.contains("Kế hoạch đường găng dự báo trễ mục tiêu: <strong>3/4</strong>"))
                #expect(html.contains("Xã Hà Linh: trễ 14 ngày"))
            }
        }
    }
}
