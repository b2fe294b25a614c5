import Foundation
import NTMDomain

/// A reform's lineage file: `effective,new_code,old_code` and optionally `relation` (`whole`, or
/// `part…`/`partial`) and `resolution` (the act that decided it), one row per predecessor of a new unit.
enum LineageFile {
    struct Transfer: Sendable {
        var row: Int
        var effective: Day
        var newCode: String
        var oldCode: String
        var relation: UnitLineage.Relation
        var source: String
    }

    static func parse(_ text: String, effective: Day?) throws -> [Transfer] {
        let table = try CSVTable(text: text, required: ["new_code", "old_code"])
        var problems: [InputProblem] = []
        var transfers: [Transfer] = []
        for (number, f) in table.rows {
            let newCode = f["new_code"] ?? ""
            // A whole district without communes (an island: Lý Sơn, Côn Đảo) became one unit: the
            // row names no old commune, only the district, as "Huyện Lý Sơn (536)".
            var oldCode = f["old_code"] ?? ""
            if oldCode.isEmpty, let district = f["old_district"], let open = district.lastIndex(of: "("), district.hasSuffix(")") {
                oldCode = String(district[district.index(after: open)..<district.index(before: district.endIndex)])
            }
            for (column, code) in [("new_code", newCode), ("old_code", oldCode)] where code.isEmpty || Int(code) == nil {
                problems.append(.row(number, column, vi: "mã đơn vị \"\(code)\" không hợp lệ", en: "invalid unit code \"\(code)\""))
            }
            let dayText = f["effective"] ?? ""
            let day: Day? = dayText.isEmpty ? effective : Day(dayText)
            guard let day else {
                problems.append(.row(number, "effective", vi: "ngày hiệu lực \"\(dayText)\" không hợp lệ (YYYY-MM-DD)", en: "invalid effective date \"\(dayText)\" (YYYY-MM-DD)"))
                continue
            }
            let relationText = (f["relation"] ?? "whole").lowercased()
            let relation: UnitLineage.Relation
            if relationText.isEmpty || relationText == "whole" {
                relation = .whole
            } else if relationText.hasPrefix("part") {
                relation = .partial
            } else {
                problems.append(.row(number, "relation", vi: "quan hệ \"\(relationText)\" phải là whole hoặc partial", en: "relation \"\(relationText)\" must be whole or partial"))
                continue
            }
            let resolution = f["resolution"] ?? ""
            transfers.append(Transfer(row: number, effective: day, newCode: newCode, oldCode: oldCode, relation: relation,
                                      source: resolution.isEmpty ? "lineage \(day.iso)" : resolution))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        return transfers
    }
}
