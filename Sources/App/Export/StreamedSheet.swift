import Foundation
import NIOCore
import Vapor

/// A table sent as it is produced: the producer hands over pages of rows (one query each), and
/// each page is written to the response at once as CSV or .xlsx. Memory stays flat however many
/// rows there are, and the first bytes leave before the last row is read.
struct StreamedSheet: Sendable {
    typealias Emit = @Sendable ([[Spreadsheet.Cell]]) async throws -> Void

    var name: String
    var header: [String]
    /// Calls `emit` once per page, in order.
    var produce: @Sendable (_ emit: Emit) async throws -> Void

    /// An in-memory sheet sent the same way (small tables: funding, sponsors, targets, tasks).
    init(_ sheet: Spreadsheet) {
        name = sheet.sheetName
        header = []
        let rows = sheet.rows
        produce = { emit in
            for page in rows.chunked(by: 1000) { try await emit(Array(page)) }
        }
    }

    init(name: String, header: [String], produce: @escaping @Sendable (_ emit: Emit) async throws -> Void) {
        self.name = name
        self.header = header
        self.produce = produce
    }

    // MARK: CSV

    func csvResponse(filename: String) -> Response {
        let sheet = self
        return Self.response(contentType: "text/csv; charset=utf-8", filename: filename + ".csv") { writer in
            var start = ByteBuffer(string: "\u{FEFF}")
            if !sheet.header.isEmpty { start.writeString(Self.csvLine(sheet.header.map(Spreadsheet.Cell.text))) }
            try await writer.writeBuffer(start)
            try await sheet.produce { rows in
                var buffer = ByteBufferAllocator().buffer(capacity: rows.count * 64)
                for row in rows { buffer.writeString(Self.csvLine(row)) }
                try await writer.writeBuffer(buffer)
            }
        }
    }

    static func csvLine(_ row: [Spreadsheet.Cell]) -> String {
        row.map { Spreadsheet.csvField($0) }.joined(separator: ",") + "\r\n"
    }

    // MARK: XLSX

    func xlsxResponse(filename: String) -> Response {
        let sheet = self
        return Self.response(contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: filename + ".xlsx") { writer in
            let state = XLSXStreamState()
            for (path, text) in Spreadsheet.workbookParts(sheetName: sheet.name) {
                try await writer.writeBuffer(state.begin(path))
                try await writer.writeBuffer(state.entryBytes(text))
                try await writer.writeBuffer(state.end())
            }
            try await writer.writeBuffer(state.begin("xl/worksheets/sheet1.xml"))
            var head = Spreadsheet.sheetXMLStart
            if !sheet.header.isEmpty { head += Spreadsheet.rowXML(sheet.header.map(Spreadsheet.Cell.text), number: state.nextRow()) }
            try await writer.writeBuffer(state.entryBytes(head))
            try await sheet.produce { rows in
                var xml = ""
                for row in rows { xml += Spreadsheet.rowXML(row, number: state.nextRow()) }
                try await writer.writeBuffer(state.entryBytes(xml))
            }
            try await writer.writeBuffer(state.entryBytes(Spreadsheet.sheetXMLEnd))
            try await writer.writeBuffer(state.end())
            try await writer.writeBuffer(state.finish())
        }
    }

    private static func response(contentType: String, filename: String,
                                 write: @escaping @Sendable (any AsyncBodyStreamWriter) async throws -> Void) -> Response {
        let response = Response(status: .ok, body: .init(asyncStream: { writer in
            do {
                try await write(writer)
                try await writer.write(.end)
            } catch {
                try await writer.write(.error(error))
            }
        }))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return response
    }
}

/// The ZIP bookkeeping and row number of one .xlsx being streamed. Used by one producer at a
/// time, in order; a class because the page closure cannot hold `inout` state across suspensions.
private final class XLSXStreamState: @unchecked Sendable {
    private var zip = ZipStream()
    private var row = 0

    func nextRow() -> Int { row += 1; return row }
    func begin(_ path: String) -> ByteBuffer { ByteBuffer(bytes: zip.begin(path)) }
    func end() -> ByteBuffer { ByteBuffer(bytes: zip.end()) }
    func finish() -> ByteBuffer { ByteBuffer(bytes: zip.finish()) }

    /// `text` as bytes of the current entry, counted into its CRC and size.
    func entryBytes(_ text: String) -> ByteBuffer {
        let buffer = ByteBuffer(string: text)
        buffer.withUnsafeReadableBytes { zip.account($0) }
        return buffer
    }
}
