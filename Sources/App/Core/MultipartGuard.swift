import MultipartKit
import NIOCore
import NIOHTTP1
import Vapor

/// Checks a multipart body before MultipartKit (4.7.1) reads it, because two inputs crash its parser
/// and so the whole server: an empty boundary (a precondition) and a header name holding a byte
/// above 127 (it indexes a 128-entry table with the byte). Anyone can send either — the residents'
/// report form needs no sign-in — so every multipart body goes through here first.
enum MultipartGuard {
    static let refusal = AppError(.unprocessableEntity, field: "body", vi: "Không đọc được biểu mẫu gửi lên (multipart hỏng)",
                                  en: "The form sent could not be read (broken multipart)")

    /// Throws the refusal when the parser could crash on `body`; otherwise the parser may run
    /// (it still throws its own syntax errors for other broken bodies).
    static func check(_ body: ByteBuffer, boundary: String) throws {
        guard !boundary.isEmpty, isSafe(Array(body.readableBytesView), boundary: Array(boundary.utf8)) else { throw refusal }
    }

    /// The parser reads header names only right after `--boundary` and a CRLF, so every such place
    /// is walked the way the parser would walk it: names up to `:`, values up to CR, LF between
    /// lines, an empty line ends the headers. Places that are not really boundaries are walked too
    /// — a superset, so nothing the parser reads as a name escapes the check.
    static func isSafe(_ bytes: [UInt8], boundary: [UInt8]) -> Bool {
        let marker: [UInt8] = [UInt8(ascii: "-"), UInt8(ascii: "-")] + boundary
        guard bytes.count > marker.count else { return true }
        var start = 0
        while let found = firstIndex(of: marker, in: bytes, from: start) {
            if !headerNamesAreASCII(bytes, from: found + marker.count) { return false }
            start = found + 1
        }
        return true
    }

    private static func headerNamesAreASCII(_ bytes: [UInt8], from position: Int) -> Bool {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), colon = UInt8(ascii: ":")
        var index = position
        guard index + 1 < bytes.count, bytes[index] == cr, bytes[index + 1] == lf else { return true }
        index += 2
        while index < bytes.count {
            // A header name.
            var nameLength = 0
            while index < bytes.count, bytes[index] != colon, bytes[index] != cr {
                if bytes[index] > 127 { return false }
                nameLength += 1
                index += 1
            }
            guard index < bytes.count, bytes[index] == colon, nameLength > 0 else { return true }
            // Its value, then CRLF before the next name.
            while index < bytes.count, bytes[index] != cr { index += 1 }
            guard index + 1 < bytes.count, bytes[index + 1] == lf else { return true }
            index += 2
        }
        return true
    }

    private static func firstIndex(of marker: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = marker.first, bytes.count >= marker.count else { return nil }
        var index = start
        while index <= bytes.count - marker.count {
            if bytes[index] == first, bytes[index ..< index + marker.count].elementsEqual(marker) { return index }
            index += 1
        }
        return nil
    }
}

/// Vapor's form-data decoder behind the guard: every `req.content.decode` of a multipart body —
/// including a JSON endpoint sent multipart by mistake — is checked before the parser runs.
struct GuardedFormDataDecoder: ContentDecoder {
    let decoder = FormDataDecoder()

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        try MultipartGuard.check(body, boundary: headers.contentType?.parameters["boundary"] ?? "")
        return try decoder.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }
}
