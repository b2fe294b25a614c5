@testable import App
import Fluent
import Foundation
import NTMDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Issue 14, points 2 and 3: the residents' portal and their reports — photos checked by their
/// bytes and stripped, abuse limits, every state of the handling, nothing private in public.
@Suite("Residents' reports and the public portal")
struct ResidentReportAppTests {
    /// A PNG with an author's name in a text chunk, as some phones and editors write.
    static let png: [UInt8] = {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", Array(repeating: 1, count: 13))
            + chunk("tEXt", Array("Author\0Nguyen Van A".utf8)) + chunk("IDAT", [9, 9, 9]) + chunk("IEND", [])
    }()

    /// A JPEG carrying EXIF with a GPS position.
    static let jpeg: [UInt8] = {
        func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            [0xFF, marker, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
        }
        return [0xFF, 0xD8] + segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
            + segment(0xE1, Array("Exif\0\0GPS 18.22N 105.61E".utf8)) + segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12, 0x34, 0xFF, 0xD9]
    }()

    /// A multipart body: fields, then files under their field names.
    static func multipart(_ fields: [(String, String)], files: [(String, String, [UInt8])] = []) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "ntm-report-boundary"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for (name, filename, bytes) in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return (headers, body)
    }

    static func send(_ app: Application, _ fields: [(String, String)], files: [(String, String, [UInt8])] = [], unit: String = "18523",
                     check: (TestingHTTPResponse) async throws -> Void) async throws {
        let (headers, body) = multipart(fields, files: files)
        try await app.testing().test(.POST, "/api/v1/units/\(unit)/reports", headers: headers, body: body) { res async throws in try await check(res) }
    }

    /// A folder of uploads for one test: the tests that count files run beside others that add theirs.
    static func ownFiles() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ntm-report-files-\(UUID().uuidString)").path
    }

    static func reportFiles(_ app: Application) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: ResidentReportWriter.folder(dataDirectory: app.config.dataDirectory))) ?? []
    }

    @Test("A report with a PNG and a JPEG is stored without their metadata; its public status shows no phone and no answer until closed")
    func submitAndTrack() async throws {
        let files = Self.ownFiles()
        defer { try? FileManager.default.removeItem(atPath: files) }
        try await withNTMApp(demo: true, dataDirectory: files) { app async throws in
            let filesBefore = Self.reportFiles(app).count
            var code = ""
            try await Self.send(app, [("criterion", "2"), ("description", "Đường trục thôn sạt lở một đoạn 20 m\nỞ gần cầu"), ("phone", "0912 345 678"),
                                      ("place", "Gần cầu Khe Bò"), ("latitude", "18,2494"), ("longitude", "105.56")],
                                files: [("photos", "duong.png", Self.png), ("photos[]", "IMG_0001.JPG", Self.jpeg)]) { res async throws in
                #expect(res.status == .created, "\(res.body.string)")
                code = try res.content.get(String.self, at: "trackingCode")
            }
            let report = try #require(try await ResidentReportQueries.find(trackingCode: code, db: app.db))
            #expect(report.description.contains("\n"))   // paragraphs kept
            #expect(report.latitude == 18.2494 && report.criterionNumber == 2 && report.status == .received)
            #expect(report.photos.count == 2)
            #expect(Self.reportFiles(app).count == filesBefore + 2)
            for photo in report.photos {
                let path = ResidentReportWriter.folder(dataDirectory: app.config.dataDirectory) + "/" + photo.id!.uuidString
                let stored = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                #expect(!stored.contains("Nguyen") && !stored.contains("GPS"), "metadata left in \(photo.contentType)")
            }
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entity == "resident-report").filter(\.$entityID == code).all()
            #expect(audit.map(\.action) == ["report"])

            // What anyone holding the code sees: its status, never the phone, the photos or an answer before closing.
            try await app.testing().test(.GET, "/api/v1/reports/\(code.lowercased().replacingOccurrences(of: "-", with: ""))") { res async throws in
                #expect(res.status == .ok)
                #expect(try res.content.get(String.self, at: "status") == "received")
                #expect(!res.body.string.contains("0912"))
            }
            try await app.testing().test(.GET, "/public/reports/\(code)") { res async throws in
                #expect(res.body.string.contains("Đã tiếp nhận"))
                #expect(!res.body.string.contains("0912"))
            }
            // Photos are for officers only.
            try await app.testing().test(.GET, "/reports/\(code)/photos/1") { res async throws in
                #expect(res.status == .unauthorized)
            }
        }
    }

    /// Bad reports by name (the arguments stay short in the test log), with the field each must name.
    static func badReport(_ name: String) -> (field: String, fields: [(String, String)], files: [(String, String, [UInt8])]) {
        let valid = [("criterion", "2"), ("description", "Cống thoát nước bị tắc lâu ngày")]
        return switch name {
        case "not a photo": ("photos", valid, [("photos", "bien-ban.jpg", Array("%PDF-1.7 not a photo".utf8))])
        case "too large": ("photos", valid, [("photos", "to.png", png + Array(repeating: 0, count: ResidentReportRules.maxPhotoBytes))])
        case "four photos": ("photos", valid, Array(repeating: ("photos", "a.png", png), count: 4))
        case "short description": ("description", [("criterion", "2"), ("description", "hỏng")], [])
        case "unknown criterion": ("criterion", [("criterion", "99"), ("description", "Cống thoát nước bị tắc lâu ngày")], [])
        case "bad phone": ("phone", valid + [("phone", "gọi tôi")], [])
        case "half a position": ("latitude", valid + [("latitude", "18.2")], [])
        default: ("website", valid + [("website", "http://spam.example")], [])
        }
    }

    @Test("Bad reports are refused with what to fix, field by field, and nothing is stored", arguments: [
        "not a photo", "too large", "four photos", "short description", "unknown criterion", "bad phone", "half a position", "honeypot filled",
    ])
    func refused(name: String) async throws {
        let (field, fields, files) = Self.badReport(name)
        let folder = Self.ownFiles()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withNTMApp(dataDirectory: folder) { app async throws in
            try await importHaTinh(app)
            let filesBefore = Self.reportFiles(app).count
            try await Self.send(app, fields, files: files) { res async throws in
                #expect(res.status == .unprocessableEntity, "\(res.body.string)")
                #expect(res.body.string.contains("\"field\":\"\(field)\""), "\(res.body.string)")
            }
            #expect(try await ResidentReport.query(on: app.db).count() == 0)
            #expect(try await ResidentReportPhoto.query(on: app.db).count() == 0)
            #expect(Self.reportFiles(app).count == filesBefore)
        }
    }

    @Test("The hourly limits hold: per address first, then per commune; the refusal says to wait")
    func limits() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            app.config.reportLimits = ResidentReportRules.Limits(perAddressPerHour: 2, perUnitPerHour: 100)
            let form = [("criterion", "other"), ("description", "Đèn đường thôn không sáng")]
            for _ in 0..<2 { try await Self.send(app, form) { res async throws in #expect(res.status == .created) } }
            try await Self.send(app, form) { res async throws in
                #expect(res.status == .tooManyRequests)
                #expect(res.body.string.contains("trong một giờ qua"))
            }
            // Another commune is held by the same address limit; the commune limit applies on its own.
            app.config.reportLimits = ResidentReportRules.Limits(perAddressPerHour: 100, perUnitPerHour: 2)
            try await Self.send(app, form) { res async throws in #expect(res.status == .tooManyRequests) }
            // An hour later the limit is free again.
            try await (app.db as! any SQLDatabase).raw("UPDATE resident_reports SET created_at = \(bind: Date().addingTimeInterval(-3700))").run()
            try await Self.send(app, form) { res async throws in #expect(res.status == .created) }
            #expect(try await ResidentReport.query(on: app.db).count() == 3)
        }
    }

    @Test("An officer takes a report through every state; closing needs an answer; a closed report stays closed; a stale version is refused")
    func handling() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            let (officer, headers) = try await makeUser(app, "xa-huongbinh", role: .communeOfficer, scope: "18523", scopeDate: nil)
            let (_, stranger) = try await makeUser(app, "xa-khac", role: .communeOfficer, scope: "18502", scopeDate: nil)
            var code = ""
            try await Self.send(app, [("criterion", "2"), ("description", "Đường trục thôn sạt lở một đoạn"), ("phone", "0912345678")]) { res async throws in
                code = try res.content.get(String.self, at: "trackingCode")
            }
            func patch(_ body: String, _ headers: HTTPHeaders, expect status: HTTPStatus, _ comment: String) async throws {
                var headers = headers
                headers.contentType = .json
                try await app.testing().test(.PATCH, "/api/v1/reports/\(code)", headers: headers, body: ByteBuffer(string: body)) { res async throws in
                    #expect(res.status == status, "\(comment): \(res.body.string)")
                }
            }
            try await patch(#"{"status": "in-progress"}"#, [:], expect: .unauthorized, "anonymous")
            try await patch(#"{"status": "in-progress"}"#, stranger, expect: .forbidden, "another commune's officer")
            try await patch(#"{"status": "in-progress", "assignee": "xa-huongbinh", "version": 1}"#, headers, expect: .ok, "take it")
            try await patch(#"{"answer": "Đang đo đạc", "version": 1}"#, headers, expect: .conflict, "stale version")
            try await patch(#"{"status": "resolved", "answer": "  "}"#, headers, expect: .unprocessableEntity, "resolve without an answer")
            try await patch(#"{"status": "received"}"#, headers, expect: .unprocessableEntity, "back to received")
            try await patch(#"{"assignee": "xa-khac"}"#, headers, expect: .unprocessableEntity, "assign to someone out of scope")
            try await patch(#"{"status": "resolved", "answer": "Đã đắp lại đoạn sạt lở ngày 20/11"}"#, headers, expect: .ok, "resolve")
            try await patch(#"{"status": "rejected", "answer": "x"}"#, headers, expect: .unprocessableEntity, "a closed report")

            let report = try #require(try await ResidentReportQueries.find(trackingCode: code, db: app.db))
            #expect(report.status == .resolved && report.$assignee.id == officer.id && report.answeredAt != nil && report.closedAt != nil)
            let actions = try await AuditEvent.query(on: app.db).filter(\.$entityID == code).sort(\.$at).all().map(\.action)
            #expect(actions == ["report", "handle", "handle"])
            // Resolved: the answer is public, on the tracking page and the commune's public page; the phone never.
            try await app.testing().test(.GET, "/api/v1/reports/\(code)") { res async throws in
                #expect(try res.content.get(String.self, at: "answer") == "Đã đắp lại đoạn sạt lở ngày 20/11")
            }
            try await app.testing().test(.GET, "/public/units/18523") { res async throws in
                #expect(res.body.string.contains("Đã đắp lại đoạn sạt lở ngày 20/11"))
                #expect(!res.body.string.contains("0912345678"))
                #expect(!res.body.string.contains("xa-huongbinh"))
            }
            // The officer's list carries the phone.
            try await app.testing().test(.GET, "/api/v1/units/18523/reports", headers: headers) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("0912345678"))
            }
        }
    }

    @Test("Districts and the province count open and overdue reports (no answer in 7 days) of the units below them")
    func overdueCounts() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            for text in ["Cống tắc ở thôn Trung", "Rác thải ven đường", "Nhà văn hoá xuống cấp"] {
                try await Self.send(app, [("criterion", "other"), ("description", text)]) { res async throws in #expect(res.status == .created) }
            }
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE resident_reports SET created_at = \(bind: Date().addingTimeInterval(-8 * 86_400)) WHERE description <> 'Rác thải ven đường'").run()
            let answered = try #require(try await ResidentReport.query(on: app.db).filter(\.$description == "Nhà văn hoá xuống cấp").with(\.$unit).first())
            try await ResidentReportWriter.handle(ReportHandlingDTO(status: "in-progress"), report: answered, unit: answered.unit, now: Date(), actor: .cli, db: app.db)
            let province = try await UnitQueries.require(code: "42", on: .today, db: app.db)
            let counts = try await ResidentReportQueries.counts(under: province, now: Date(), db: app.db)
            #expect(counts == ResidentReportQueries.Counts(received: 2, inProgress: 1, overdue: 1, closed: 0))
            let (_, headers) = try await makeUser(app, "tinh", role: .provincialOffice, scope: "42", scopeDate: nil)
            try await app.testing().test(.GET, "/api/v1/units/42/reports", headers: headers) { res async throws in
                let items = try res.content.decode([ReportDTO].self)
                #expect(items.count == 3)
                #expect(items.filter(\.overdue).map(\.description) == ["Cống tắc ở thôn Trung"])
            }
        }
    }

    @Test("A resident finds the commune typing without diacritics and reads its criteria in plain words")
    func portal() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await app.testing().test(.GET, "/public?q=huong%20binh") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("href=\"/public/units/18523\""))
            }
            try await app.testing().test(.GET, "/public/units/18523?date=2022-04-26") { res async throws in
                let page = res.body.string
                #expect(res.status == .ok)
                #expect(page.contains("Đạt đủ 20/20 tiêu chí"))
                #expect(page.contains("Giao thông"))
                #expect(page.contains("Sở Giao thông vận tải"))      // its sponsors
                #expect(page.contains("name=\"website\""))            // the honeypot is there, hidden
                #expect(!page.contains("/audit") && !page.contains("huongbinh"))
            }
            try await app.testing().test(.GET, "/public/reports?code=pa%207k3m%209qxh") { res async throws in
                #expect(res.status == .seeOther || res.status == .found)
                #expect(res.headers.first(name: .location) == "/public/reports/PA-7K3M-9QXH")
            }
        }
    }
}
