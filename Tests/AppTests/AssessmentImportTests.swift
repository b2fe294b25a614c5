@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

/// The office's sheet to NTM and back: template → openpyxl edits → upload → preview → write.
@Suite("Assessment import from Excel and CSV")
struct AssessmentImportTests {
    typealias Result = AssessmentImportController.ResultDTO

    func upload(_ app: Application, _ data: Data, unit: String = "444", dryRun: Bool, headers: HTTPHeaders) async throws -> (HTTPResponseStatus, String) {
        var status = HTTPResponseStatus.imATeapot, body = ""
        try await app.testing().test(.POST, "/api/v1/units/\(unit)/assessments/import?date=2022-05-10&dryRun=\(dryRun)", headers: headers,
                                     body: ByteBuffer(data: data)) { res async throws in
            status = res.status
            body = res.body.string
        }
        return (status, body)
    }

    func totalMet(_ app: Application) async throws -> Int {
        var total = 0
        try await app.testing().test(.GET, "/api/v1/units/444/scorecard?date=2022-05-10") { res async throws in
            total = try res.content.decode(ScorecardDTO.self).totalMet ?? -1
        }
        return total
    }

    @Test("openpyxl edits two cells and breaks a third: the row error comes back, nothing is saved; fixed, the preview and the district total move by two")
    func roundTrip() async throws {
        guard Python.hasOpenpyxl else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs openpyxl; it must be there")
            return
        }
        try await withNTMApp(demo: true) { app async throws in
            let headers = try await makeToken(app)
            var template = Data()
            try await app.testing().test(.GET, "/api/v1/units/444/assessments-template.xlsx?date=2022-05-10") { res async throws in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.contains("spreadsheetml") == true)
                template = Data(buffer: res.body)
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-import-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try template.write(to: folder.appendingPathComponent("template.xlsx"))
            // Two verdicts a declaration decides (no indicator measured) turned to "đạt"; a percentage
            // of a third commune made "abc". Written: broken.xlsx, fixed.xlsx, fixed.csv (';', BOM).
            // The office's edits, shared with the browser test (Tests/Browser/sheet_edits.py).
            let browserTests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Browser").path
            let output = try Python.run("""
            import os, sys
            sys.path.insert(0, \(String(reflecting: browserTests)))
            import openpyxl
            from sheet_edits import edit_template
            folder = sys.argv[1]
            ws = openpyxl.load_workbook(os.path.join(folder, "template.xlsx")).worksheets[0]
            assert ws.freeze_panes == "C5", ws.freeze_panes
            assert any("không áp dụng" in (v.formula1 or "") for v in ws.data_validations.dataValidation if v.type == "list")
            assert any(v.type == "decimal" for v in ws.data_validations.dataValidation)
            changed, _, _, row, column = edit_template(os.path.join(folder, "template.xlsx"), folder)
            print(changed, row, column)
            """, argument: folder.path).split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(output.first == "2")
            let before = try await totalMet(app)
            let assessments = try await Assessment.query(on: app.db).count()

            let (refused, problems) = try await upload(app, try Data(contentsOf: folder.appendingPathComponent("broken.xlsx")), dryRun: false, headers: headers)
            #expect(refused == .unprocessableEntity)
            #expect(problems.contains("\"row\":\(output[1])") && problems.contains("\"column\":\"\(output[2])\"") && problems.contains("abc"), "\(problems)")
            #expect(try await Assessment.query(on: app.db).count() == assessments)

            let fixed = try Data(contentsOf: folder.appendingPathComponent("fixed.xlsx"))
            let (previewed, previewBody) = try await upload(app, fixed, dryRun: true, headers: headers)
            #expect(previewed == .ok)
            let preview = try JSONDecoder().decode(Result.self, from: Data(previewBody.utf8))
            #expect(preview.changes.count == 2 && preview.changes.allSatisfy { $0.metAfter == $0.metBefore + 1 && $0.nowMet.count == 1 })
            #expect(preview.unchanged == preview.rows - 2 && !preview.written)
            let countAfterPreview = try await Assessment.query(on: app.db).count()
            let totalAfterPreview = try await totalMet(app)
            #expect(countAfterPreview == assessments && totalAfterPreview == before)

            let (written, _) = try await upload(app, fixed, dryRun: false, headers: headers)
            #expect(written == .created)
            #expect(try await totalMet(app) == before + 2)
            #expect(try await Assessment.query(on: app.db).count() == assessments + 2)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$entity == "assessment")
                .filter(\.$entityID ~~ preview.changes.map { "\($0.code)/ha-tinh-xa-ntm-318/2022-05-10" }).count()
            #expect(audited == 2)

            // The same figures as CSV (';', BOM, decimal commas): nothing left to change.
            let (again, againBody) = try await upload(app, try Data(contentsOf: folder.appendingPathComponent("fixed.csv")), dryRun: true, headers: headers)
            #expect(again == .ok)
            let unchanged = try JSONDecoder().decode(Result.self, from: Data(againBody.utf8))
            #expect(unchanged.changes.isEmpty && unchanged.unchanged == preview.rows, "\(againBody)")
        }
    }

    @Test("Bad files are refused whole, naming each place: unknown unit, a row twice, words that are no verdict, not a spreadsheet")
    func refusals() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let headers = try await makeToken(app)
            let csv = """
            ma_don_vi;ten_don_vi;TC7;TC2;2.1
            18502;Xã Hà Linh;không áp dụng;;
            18502;Xã Hà Linh;;;
            99999;Không có;;;
            18499;Xã Điền Mỹ;có lẽ;;101
            """
            let (status, body) = try await upload(app, Data(csv.utf8), dryRun: true, headers: headers)
            #expect(status == .unprocessableEntity)
            struct Refusal: Decodable { struct Problem: Decodable { var row: Int?; var column: String?; var reason: String }; var problems: [Problem] }
            let places = try JSONDecoder().decode(Refusal.self, from: Data(body.utf8)).problems
            #expect(Set(places.map { "\($0.row ?? 0) \($0.column ?? "")" }) == ["3 ma_don_vi", "4 ma_don_vi", "5 TC7", "5 2.1"])
            for expected in ["đã có ở dòng 2", "99999", "có lẽ", "101"] {
                #expect(body.contains(expected), "\(expected) in \(body)")
            }
            let (garbage, garbageBody) = try await upload(app, Data([0x00, 0xFF, 0xFE, 0x01]), dryRun: true, headers: headers)
            #expect(garbage == .unprocessableEntity && garbageBody.contains("file"))
            let (noKeys, noKeysBody) = try await upload(app, Data("a,b\n1,2\n".utf8), dryRun: true, headers: headers)
            #expect(noKeys == .unprocessableEntity && noKeysBody.contains("ma_don_vi"))

            // Not applicable is a verdict like the others: Hà Linh's market (7) leaves the count. The
            // columns the file lacks keep their latest values.
            let (ok, okBody) = try await upload(app, Data("ma_don_vi,TC7\n18502,không áp dụng\n".utf8), dryRun: false, headers: headers)
            #expect(ok == .created, "\(okBody)")
            try await app.testing().test(.GET, "/api/v1/units/18502/scorecard?date=2022-05-10") { res async throws in
                let card = try res.content.decode(ScorecardDTO.self)
                #expect(card.total == 19 && card.notApplicable.map(\.number) == [7], "\(card.total) \(card.notApplicable.map(\.number)) \(card.assessedOn ?? "")")
            }

            // The sheet has no room for notes and evidence links: they carry over to the imported values.
            let (noted, _) = try await sendJSON(app, .POST, "/api/v1/units/18499/assessments", headers,
                                                #"{"date": "2022-05-10", "values": [{"indicator": "2.1", "value": 80, "note": "đo tháng 5", "evidence": "https://example.org/bb.pdf"}]}"#)
            #expect(noted == .created)
            let (reimported, _) = try await upload(app, Data("ma_don_vi,2.1\n18499,95\n".utf8), dryRun: false, headers: headers)
            #expect(reimported == .created)
            let dienMy = try await UnitQueries.require(code: "18499", on: Day("2022-05-10"), db: app.db)
            let stored = try #require(try await Assessment.query(on: app.db).filter(\.$unit.$id == dienMy.requireID()).filter(\.$asOf == "2022-05-10")
                .with(\.$values).first())
            let value = try #require(stored.values.first { $0.indicatorCode == "2.1" })
            #expect(value.numberValue == 95 && value.note == "đo tháng 5" && value.evidence == "https://example.org/bb.pdf" && stored.version == 2)

            let (_, communeHeaders) = try await makeUser(app, "xa-officer", role: .communeOfficer, scope: "18523")
            let (forbidden, _) = try await upload(app, Data(csv.utf8), dryRun: true, headers: communeHeaders)
            #expect(forbidden == .forbidden)
            let (anonymous, _) = try await upload(app, Data(csv.utf8), dryRun: true, headers: [:])
            #expect(anonymous == .unauthorized)
        }
    }

    @Test("Where communes and towns have different sets the template has a sheet per set; read back unchanged it changes nothing")
    func sheetPerSet() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let headers = try await makeToken(app)
            var template = Data()
            try await app.testing().test(.GET, "/api/v1/units/444/assessments-template.xlsx?date=2021-12-31") { res async throws in
                template = Data(buffer: res.body)
            }
            let sheets = try Spreadsheet.readXLSXSheets(template)
            #expect(Set(sheets.map(\.name)) == ["ha-tinh-xa-ntm-1980", "ha-tinh-do-thi-van-minh-18"])
            #expect(sheets.allSatisfy { $0.rows.first?.first == .text("ma_don_vi") && $0.rows.count > 4 })
            #expect(sheets.first { $0.name == "ha-tinh-do-thi-van-minh-18" }?.rows[4][1] == .text("Thị trấn Hương Khê"))
            var status = HTTPResponseStatus.imATeapot, body = ""
            try await app.testing().test(.POST, "/api/v1/units/444/assessments/import?date=2021-12-31", headers: headers,
                                         body: ByteBuffer(data: template)) { res async throws in
                status = res.status
                body = res.body.string
            }
            #expect(status == .ok)
            let result = try JSONDecoder().decode(Result.self, from: Data(body.utf8))
            #expect(result.changes.isEmpty && result.rows == sheets.reduce(0) { $0 + $1.rows.count - 4 } && !result.written)
        }
    }
}
