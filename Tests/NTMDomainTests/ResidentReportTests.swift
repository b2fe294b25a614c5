import Foundation
import Testing
@testable import NTMDomain

@Suite("Residents' reports: statuses, deadlines, limits, photos")
struct ResidentReportTests {
    @Test("A report moves received → in progress → resolved/rejected, never back, and closing needs an answer")
    func transitions() {
        #expect(ResidentReportRules.transition(from: .received, to: .inProgress, answer: nil) == nil)
        #expect(ResidentReportRules.transition(from: .inProgress, to: .resolved, answer: "Đã vá xong") == nil)
        #expect(ResidentReportRules.transition(from: .received, to: .rejected, answer: "Trùng phản ánh PA-AAAA-BBBB") == nil)
        #expect(ResidentReportRules.transition(from: .inProgress, to: .resolved, answer: "  ") == .answerRequired(.resolved))
        #expect(ResidentReportRules.transition(from: .inProgress, to: .received, answer: nil) == .notAllowed(from: .inProgress, to: .received))
        #expect(ResidentReportRules.transition(from: .resolved, to: .inProgress, answer: nil) == .closed(.resolved))
        #expect(ResidentReportRules.transition(from: .rejected, to: .resolved, answer: "x") == .closed(.rejected))
    }

    @Test("Overdue: open and unanswered after 7 days; an answer or closing ends it")
    func overdue() {
        let received = Date(timeIntervalSince1970: 1_700_000_000)
        let eightDays = received.addingTimeInterval(8 * 86_400)
        let sixDays = received.addingTimeInterval(6 * 86_400)
        #expect(ResidentReportRules.isOverdue(status: .received, receivedAt: received, answeredAt: nil, now: eightDays))
        #expect(!ResidentReportRules.isOverdue(status: .received, receivedAt: received, answeredAt: nil, now: sixDays))
        #expect(!ResidentReportRules.isOverdue(status: .inProgress, receivedAt: received, answeredAt: sixDays, now: eightDays))
        #expect(!ResidentReportRules.isOverdue(status: .resolved, receivedAt: received, answeredAt: nil, now: eightDays))
    }

    @Test("The address limit is checked before the commune's")
    func limits() {
        let limits = ResidentReportRules.Limits(perAddressPerHour: 2, perUnitPerHour: 3)
        #expect(limits.exceeded(fromAddressLastHour: 1, forUnitLastHour: 2) == nil)
        #expect(limits.exceeded(fromAddressLastHour: 2, forUnitLastHour: 0) == .address)
        #expect(limits.exceeded(fromAddressLastHour: 0, forUnitLastHour: 3) == .unit)
    }

    @Test("Tracking codes read aloud: no look-alike symbols; typed in any case, with or without dashes")
    func trackingCodes() {
        var generator = SystemRandomNumberGenerator()
        let codes = Set((0..<200).map { _ in ResidentReportRules.trackingCode(using: &generator) })
        #expect(codes.count == 200)
        for code in codes {
            #expect(code.count == 12 && code.hasPrefix("PA-"))
            #expect(!code.dropFirst(3).contains { "01OIL".contains($0) })
            #expect(ResidentReportRules.normalizedTrackingCode(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
        }
        #expect(ResidentReportRules.normalizedTrackingCode("PA-7K3M-9QXO") == nil)   // O is not in the alphabet
        #expect(ResidentReportRules.normalizedTrackingCode("7K3M9QXH") == "PA-7K3M-9QXH")
        #expect(ResidentReportRules.normalizedTrackingCode("") == nil)
    }

    /// A JPEG as a phone writes it: JFIF, EXIF with a GPS tag, a comment, a quantisation table, the scan.
    static func phoneJPEG() -> [UInt8] {
        func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            let length = payload.count + 2
            return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        }
        return [0xFF, 0xD8]
            + segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
            + segment(0xE1, Array("Exif\0\0GPSLatitude 18.23N Nguyen Van A".utf8))
            + segment(0xFE, Array("taken at home".utf8))
            + segment(0xDB, [0] + Array(repeating: 1, count: 64))
            + segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12, 0x34, 0xFF, 0x00, 0x56] + [0xFF, 0xD9]
    }

    @Test("JPEG: EXIF and comments are dropped; JFIF, tables and the scan are kept byte for byte")
    func jpeg() throws {
        let original = Self.phoneJPEG()
        let (kind, bytes) = try #require(ImageMetadata.stripped(original))
        #expect(kind == .jpeg)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("Exif") && !text.contains("GPS") && !text.contains("taken at home"))
        #expect(text.contains("JFIF"))
        #expect(Array(bytes.suffix(13)) == Array(original.suffix(13)))
        #expect(bytes.count < original.count)
    }

    @Test("PNG: text, EXIF and time chunks are dropped; the picture's chunks are kept")
    func png() throws {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        let original = ImageMetadata.pngSignature + chunk("IHDR", Array(repeating: 1, count: 13)) + chunk("tEXt", Array("Author\0Nguyen Van A".utf8))
            + chunk("eXIf", Array("GPS".utf8)) + chunk("IDAT", [9, 9, 9]) + chunk("IEND", [])
        let (kind, bytes) = try #require(ImageMetadata.stripped(original))
        #expect(kind == .png)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("Nguyen") && !text.contains("GPS"))
        #expect(text.contains("IHDR") && text.contains("IDAT") && text.hasSuffix("IEND\0\0\0\0"))
    }

    @Test("Not an image, or a cut-off one, is refused", arguments: [
        Array("%PDF-1.7".utf8), Array("MZ\u{90}".utf8), [0xFF, 0xD8, 0xFF, 0xE0, 0x00], Array(ImageMetadata.pngSignature + [0, 0, 0, 13]), [],
    ])
    func refused(bytes: [UInt8]) {
        #expect(ImageMetadata.stripped(bytes) == nil)
    }
}
