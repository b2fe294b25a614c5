import Foundation
import ZIPFoundation

/// A workbook of several sheets with what a template needs beyond a plain table: frozen header
/// rows and first columns, column widths, and data validation (lists, number ranges) that Excel
/// and LibreOffice enforce while typing. Built in memory (a province's template is a few MB).
struct Workbook {
    struct Validation {
        enum Rule {
            /// One of the listed words.
            case list([String])
            /// A decimal number between the bounds.
            case decimal(min: Double, max: Double)
        }

        var rule: Rule
        /// Cells it covers: "C5:C600".
        var range: String
        var error: String
    }

    struct Sheet {
        var name: String
        var rows: [[Spreadsheet.Cell]]
        /// Rows and columns kept in view while scrolling.
        var frozenRows = 0
        var frozenColumns = 0
        /// Width per column in characters (nil: the application's default).
        var widths: [Double?] = []
        var validations: [Validation] = []
    }

    var sheets: [Sheet]

    func xlsx() throws -> Data {
        let archive = try Archive(accessMode: .create)
        var parts = Self.packageParts(sheetNames: sheets.map(\.name))
        for (k, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(k + 1).xml", Self.sheetXML(sheet))) }
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw Spreadsheet.SpreadsheetError.unreadable("zip") }
        return data
    }

    /// Sheet names as Excel accepts them: at most 31 characters, none of : \ / ? * [ ], unique.
    static func sheetName(_ wanted: String, taken: Set<String>) -> String {
        let cleaned = String(wanted.filter { !":\\/?*[]".contains($0) }.prefix(31))
        var name = cleaned.isEmpty ? "Sheet" : cleaned, n = 2
        while taken.contains(name) { name = String(cleaned.prefix(28)) + "-\(n)"; n += 1 }
        return name
    }

    static func packageParts(sheetNames: [String]) -> [(String, String)] {
        let overrides = sheetNames.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        let sheets = sheetNames.enumerated().map { k, name in
            "<sheet name=\"\(Spreadsheet.xmlEscape(name))\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
        }.joined()
        let relations = sheetNames.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        return [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"# + overrides + "</Types>"),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"# + sheets + "</sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"# + relations + "</Relationships>"),
        ]
    }

    /// Elements in the order the schema requires: sheetViews, cols, sheetData, dataValidations.
    private static func sheetXML(_ sheet: Sheet) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            let topLeft = Spreadsheet.column(sheet.frozenColumns) + String(sheet.frozenRows + 1)
            var pane = "<pane"
            if sheet.frozenColumns > 0 { pane += " xSplit=\"\(sheet.frozenColumns)\"" }
            if sheet.frozenRows > 0 { pane += " ySplit=\"\(sheet.frozenRows)\"" }
            let active = sheet.frozenRows > 0 && sheet.frozenColumns > 0 ? "bottomRight" : (sheet.frozenRows > 0 ? "bottomLeft" : "topRight")
            pane += " topLeftCell=\"\(topLeft)\" activePane=\"\(active)\" state=\"frozen\"/>"
            xml += "<sheetViews><sheetView workbookViewId=\"0\">\(pane)</sheetView></sheetViews>"
        }
        let widths = sheet.widths.enumerated().compactMap { k, width in
            width.map { "<col min=\"\(k + 1)\" max=\"\(k + 1)\" width=\"\($0)\" customWidth=\"1\"/>" }
        }
        if !widths.isEmpty { xml += "<cols>" + widths.joined() + "</cols>" }
        xml += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() { xml += Spreadsheet.rowXML(row, number: r + 1) }
        xml += "</sheetData>"
        if !sheet.validations.isEmpty {
            xml += "<dataValidations count=\"\(sheet.validations.count)\">"
            for v in sheet.validations {
                let error = " showErrorMessage=\"1\" errorTitle=\"NTM\" error=\"\(Spreadsheet.xmlEscape(String(v.error.prefix(255))))\""
                switch v.rule {
                case .list(let words):
                    let list = Spreadsheet.xmlEscape("\"" + words.joined(separator: ",") + "\"")
                    xml += "<dataValidation type=\"list\" allowBlank=\"1\"\(error) sqref=\"\(v.range)\"><formula1>\(list)</formula1></dataValidation>"
                case .decimal(let min, let max):
                    xml += "<dataValidation type=\"decimal\" allowBlank=\"1\"\(error) sqref=\"\(v.range)\"><formula1>\(Spreadsheet.Cell.number(min).text)</formula1><formula2>\(Spreadsheet.Cell.number(max).text)</formula2></dataValidation>"
                }
            }
            xml += "</dataValidations>"
        }
        return xml + "</worksheet>"
    }
}
