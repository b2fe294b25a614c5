import CSV
import Foundation
import NTMDomain

/// A CSV file read whole and checked for shape before any row is used: a header, and every
/// row with as many fields as the header. Row numbers count the header as row 1, like a spreadsheet.
struct CSVTable {
    let header: [String]
    let rows: [(number: Int, fields: [String: String])]

    init(text: String, required: [String]) throws(AppError) {
        let cleaned = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let reader: CSVReader
        do {
            reader = try CSVReader(string: cleaned, hasHeaderRow: true, trimFields: true)
        } catch {
            throw AppError(.unprocessableEntity, field: "file", vi: "Không đọc được tệp CSV: \(error)", en: "Cannot read the CSV file: \(error)")
        }
        let header = (reader.headerRow ?? []).map { TextFolding.normalized($0).lowercased() }
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw AppError(.unprocessableEntity, field: "file", vi: "Tệp CSV thiếu cột: \(missing.joined(separator: ", "))",
                           en: "The CSV file lacks the columns: \(missing.joined(separator: ", "))")
        }
        var rows: [(Int, [String: String])] = []
        var number = 1
        while let row = reader.next() {
            number += 1
            if row.allSatisfy({ $0.isEmpty }) { continue }
            guard row.count == header.count else {
                throw AppError(.unprocessableEntity, field: "row \(number)",
                               vi: "Dòng \(number): có \(row.count) cột, cần \(header.count)",
                               en: "Row \(number): \(row.count) fields, expected \(header.count)")
            }
            rows.append((number, Dictionary(zip(header, row.map(TextFolding.normalized)), uniquingKeysWith: { a, _ in a })))
        }
        if let error = reader.error {
            throw AppError(.unprocessableEntity, field: "row \(number + 1)", vi: "Dòng \(number + 1): CSV hỏng (\(error))",
                           en: "Row \(number + 1): malformed CSV (\(error))")
        }
        self.header = header
        self.rows = rows
    }
}

extension InputProblem {
    static func row(_ number: Int, _ column: String, vi: String, en: String) -> InputProblem {
        InputProblem(field: "row \(number), \(column)", vi: "Dòng \(number), cột \(column): \(vi)", en: "Row \(number), column \(column): \(en)")
    }

    /// A problem with entry `i` of a batch that came either from a file (named by its row) or from
    /// a JSON list (named `list[i].column`, or just `column` when the list holds one entry).
    static func entry(_ i: Int, _ column: String, rowNumbers: [Int]?, list: String, count: Int, vi: String, en: String) -> InputProblem {
        if let rowNumbers { return .row(rowNumbers[i], column, vi: vi, en: en) }
        return InputProblem(field: count == 1 ? column : "\(list)[\(i)].\(column)", vi: vi, en: en)
    }
}
