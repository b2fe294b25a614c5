import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// A table of cells, written as CSV (UTF-8 with BOM, so Excel shows Vietnamese) or as .xlsx
/// (SpreadsheetML in a zip: numbers stay numbers), and read back from either.
struct Spreadsheet {
    enum Cell: Equatable {
        case text(String)
        case number(Double)
        case empty

        var text: String {
            switch self {
            case .text(let s): s
            case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
            case .empty: ""
            }
        }
    }

    var sheetName: String
    var rows: [[Cell]]

    // MARK: CSV

    /// One CSV field. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first)
    /// gets a leading apostrophe, so a name typed as "=HYPERLINK(…)" stays text when opened.
    static func csvField(_ cell: Cell) -> String {
        guard case .text(let text) = cell else { return cell.text }
        return quote(neutralised(text))
    }

    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }

    private static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: XLSX

    func xlsx() throws -> Data {
        try Workbook(sheets: [Workbook.Sheet(name: String(sheetName.prefix(31)), rows: rows)]).xlsx()
    }

    /// Every part of a one-sheet workbook but the sheet itself (the streamed export writes the sheet).
    static func workbookParts(sheetName: String) -> [(String, String)] {
        Workbook.packageParts(sheetNames: [String(sheetName.prefix(31))])
    }

    static let sheetXMLStart = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
    static let sheetXMLEnd = "</sheetData></worksheet>"

    /// One `<row>`; text is an inline string (never a formula), numbers stay numbers.
    static func rowXML(_ row: [Cell], number: Int) -> String {
        var xml = "<row r=\"\(number)\">"
        for (c, cell) in row.enumerated() {
            let ref = column(c) + String(number)
            switch cell {
            case .text(let s): xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(s))</t></is></c>"
            case .number(let n): xml += "<c r=\"\(ref)\"><v>\(Cell.number(n).text)</v></c>"
            case .empty: break
            }
        }
        return xml + "</row>"
    }

    static func column(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(65 + r)!) + name
            n = (n - 1) / 26
        }
        return name
    }

    static func columnIndex(_ ref: String) -> Int {
        ref.prefix { $0.isLetter }.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }

    /// XML text: markup characters escaped, and control characters XML 1.0 cannot carry dropped
    /// (a stray one in a stored name must not make the whole workbook unreadable).
    static func xmlEscape(_ s: String) -> String { escape(s) }

    private static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Reads the first sheet of an .xlsx written by NTM, Excel or LibreOffice (shared or inline strings).
    static func readXLSX(_ data: Data) throws -> [[Cell]] {
        guard let first = try readXLSXSheets(data).first else { throw SpreadsheetError.unreadable("xl/worksheets/sheet1.xml") }
        return first.rows
    }

    /// Every sheet of an .xlsx, in the workbook's order, with its name.
    static func readXLSXSheets(_ data: Data) throws -> [(name: String, rows: [[Cell]])] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw SpreadsheetError.unreadable("xlsx") }
        func file(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var out = Data()
            _ = try archive.extract(entry) { out.append($0) }
            return out
        }
        guard let workbook = try file("xl/workbook.xml") else { throw SpreadsheetError.unreadable("xl/workbook.xml") }
        let sheets = ElementAttributes.parse(workbook, element: "sheet")
        let targets = Dictionary(try file("xl/_rels/workbook.xml.rels").map { ElementAttributes.parse($0, element: "Relationship") }?
            .compactMap { a in a["Id"].flatMap { id in a["Target"].map { (id, $0) } } } ?? [], uniquingKeysWith: { a, _ in a })
        let shared = try file("xl/sharedStrings.xml").map(SharedStrings.parse) ?? []
        return try sheets.compactMap { attributes in
            guard let name = attributes["name"], let id = attributes["r:id"], let target = targets[id] else { return nil }
            // Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml").
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let sheet = try file(path) else { throw SpreadsheetError.unreadable(path) }
            return (name, SheetReader.parse(sheet, shared: shared))
        }
    }

    enum SpreadsheetError: Error {
        case unreadable(String)
    }
}

/// The attributes of every element with a given name (`<sheet>` in a workbook, `<Relationship>`).
private final class ElementAttributes: NSObject, XMLParserDelegate {
    var element = ""
    var found: [[String: String]] = []

    static func parse(_ data: Data, element: String) -> [[String: String]] {
        let delegate = ElementAttributes()
        delegate.element = element
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.found
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == element { found.append(attributes) }
    }
}

/// `xl/sharedStrings.xml`: one string per `<si>`, possibly split into rich-text runs.
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false

    static func parse(_ data: Data) -> [String] {
        let delegate = SharedStrings()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "si" { current = "" }
        if name == "t" { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" { strings.append(current) }
    }
}

/// `xl/worksheets/sheetN.xml` into rows of cells, placing each cell by its reference.
private final class SheetReader: NSObject, XMLParserDelegate {
    var rows: [Int: [Int: Spreadsheet.Cell]] = [:]
    var shared: [String] = []
    var row = 0, column = 0, type = "", text = "", collecting = false

    static func parse(_ data: Data, shared: [String]) -> [[Spreadsheet.Cell]] {
        let delegate = SheetReader()
        delegate.shared = shared
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        let lastRow = delegate.rows.keys.max() ?? -1
        guard lastRow >= 0 else { return [] }
        return (0...lastRow).map { r in
            let cells = delegate.rows[r] ?? [:]
            let width = (cells.keys.max() ?? -1) + 1
            return (0..<width).map { cells[$0] ?? .empty }
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "row": row = (Int(attributes["r"] ?? "") ?? (row + 1)) - 1
        case "c":
            column = attributes["r"].map(Spreadsheet.columnIndex) ?? column + 1
            type = attributes["t"] ?? "n"
            text = ""
        case "v", "t": collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": collecting = false
        case "c":
            let cell: Spreadsheet.Cell
            switch type {
            case "s": cell = Int(text).flatMap { shared.indices.contains($0) ? .text(shared[$0]) : nil } ?? .empty
            case "inlineStr", "str": cell = .text(text)
            case "b": cell = .number(text == "1" ? 1 : 0)
            default: cell = Double(text).map(Spreadsheet.Cell.number) ?? (text.isEmpty ? .empty : .text(text))
            }
            rows[row, default: [:]][column] = cell
        default: break
        }
    }
}
