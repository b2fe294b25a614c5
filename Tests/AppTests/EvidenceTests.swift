@testable import App
import Fluent
import Foundation
import NTMDomain
import Testing
import Vapor
import VaporTesting

/// Issue 10, point 1: evidence files — type from the bytes, size limit, stored under the data
/// folder, served only through the app, shown beside the indicator.
@Suite("Evidence files")
struct EvidenceTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)

    /// A multipart body with one file and some fields.
    static func multipart(file: [UInt8], filename: String, fields: [String: String]) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "ntm-test-boundary"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return (headers, body)
    }

    @Test("A PNG for indicator 2.4 is stored, listed, served with its type, and shown beside the indicator; a renamed text file and a stranger are refused")
    func uploadAndServe() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let (_, officer) = try await makeUser(app, "xa-huongbinh", role: .communeOfficer, scope: "18523")
            var (headers, body) = Self.multipart(file: Self.png, filename: "duong-xa.png", fields: ["indicator": "2.4", "date": "2022-04-26"])
            headers.add(contentsOf: officer)
            var url = ""
            try await app.testing().test(.POST, "/api/v1/units/18523/evidence", headers: headers, body: body) { res async throws in
                #expect(res.status == .created, "\(res.body.string)")
                let dto = try res.content.decode(EvidenceDTO.self)
                #expect(dto.contentType == "image/png")
                #expect(dto.indicator == "2.4")
                url = dto.url
            }
            try await app.testing().test(.GET, url) { res async throws in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description == "image/png")
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(Array(res.body.readableBytesView) == Self.png)
            }
            try await app.testing().test(.GET, "/units/18523?date=2022-04-26") { res async throws in
                #expect(res.body.string.contains("href=\"\(url)\""))
            }
            // Stored under the data folder, by id, not by the uploaded name.
            let id = try #require(url.split(separator: "/").last.map(String.init))
            #expect(FileManager.default.fileExists(atPath: EvidenceStore.folder(dataDirectory: app.config.dataDirectory) + "/" + id))

            // Named .pdf but plain text: refused by its content, nothing stored.
            (headers, body) = Self.multipart(file: Array("hello".utf8), filename: "bien-ban.pdf", fields: ["indicator": "2.4", "date": "2022-04-26"])
            headers.add(contentsOf: officer)
            try await app.testing().test(.POST, "/api/v1/units/18523/evidence", headers: headers, body: body) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("không phải PDF, JPEG hay PNG"))
            }
            #expect(try await EvidenceFile.query(on: app.db).count() == 1)

            // Another commune's officer may not upload here.
            let (_, stranger) = try await makeUser(app, "xa-khac", role: .communeOfficer, scope: "18508")
            (headers, body) = Self.multipart(file: Self.png, filename: "x.png", fields: ["date": "2022-04-26"])
            headers.add(contentsOf: stranger)
            try await app.testing().test(.POST, "/api/v1/units/18523/evidence", headers: headers, body: body) { res async throws in
                #expect(res.status == .forbidden)
            }
            try await app.testing().test(.GET, "/evidence/\(UUID())") { res async throws in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test("Types are judged by their first bytes")
    func sniffing() {
        #expect(EvidenceStore.sniff(Array("%PDF-1.7".utf8)) == "application/pdf")
        #expect(EvidenceStore.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == "image/jpeg")
        #expect(EvidenceStore.sniff(Self.png) == "image/png")
        #expect(EvidenceStore.sniff(Array("GIF89a".utf8)) == nil)
        #expect(EvidenceStore.sniff([]) == nil)
    }

    /// The bodies that crashed MultipartKit's parser (and the server) in CI: a header name with
    /// bytes above 127, and an empty boundary. Each is refused wherever a multipart body is read —
    /// the evidence upload, a JSON endpoint sent multipart, the public report API and the page
    /// form's CSRF check — and the server still answers afterwards.
    @Test("Multipart bodies that would crash the parser are refused everywhere, and the server lives on")
    func crashingMultipart() async throws {
        let nonASCIIName: [UInt8] = Array("--b1\r\n".utf8) + [0xF2, 0xB0, 0x99, 0x96, 0xC2, 0xB6] + Array(": x\r\n\r\nv\r\n--b1--\r\n".utf8)
        #expect(!MultipartGuard.isSafe(nonASCIIName, boundary: Array("b1".utf8)))
        // UTF-8 in a header value (a Vietnamese file name) is fine, and so is a body without a boundary.
        let vietnameseFilename = Array("--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Biên bản.pdf\"\r\n\r\nx\r\n--b1--\r\n".utf8)
        #expect(MultipartGuard.isSafe(vietnameseFilename, boundary: Array("b1".utf8)))
        #expect(MultipartGuard.isSafe([0xFF, 0xFE], boundary: Array("b1".utf8)))

        try await withNTMApp(demo: true) { app async throws in
            let (_, officer) = try await makeUser(app, "xa-huongbinh", role: .communeOfficer, scope: "18523")
            let storedBefore = try await EvidenceFile.query(on: app.db).count()
            let cases: [(path: String, boundary: String, signedIn: Bool)] = [
                ("/api/v1/units/18523/evidence", "b1", true), ("/api/v1/units/18523/evidence", "", true),
                ("/api/v1/units/18523/dossier", "b1", true), ("/api/v1/units/18523/reports", "b1", false),
                ("/api/v1/units/18523/reports", "", false), ("/public/units/18523/reports", "b1", false),
            ]
            for item in cases {
                var headers = HTTPHeaders()
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(item.boundary)")
                if item.signedIn { headers.add(contentsOf: officer) }
                try await app.testing().test(.POST, item.path, headers: headers, body: ByteBuffer(bytes: nonASCIIName)) { res async throws in
                    #expect([.unprocessableEntity, .badRequest, .forbidden].contains(res.status), "\(item.path) \(item.boundary): \(res.status)")
                }
            }
            try await app.testing().test(.GET, "/health") { res async throws in #expect(res.status == .ok) }
            #expect(try await EvidenceFile.query(on: app.db).count() == storedBefore)
        }
    }
}
