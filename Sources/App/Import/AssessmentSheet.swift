import Foundation
import NTMDomain

/// The assessment sheet offices fill in: one row per commune (town, ward), one column per
/// criterion verdict and per indicator of the unit's criteria set, one sheet per set. Row 1 holds
/// the machine keys NTM reads back (`ma_don_vi`, `TC2`, `2.1`…); rows 2–4 the name, the unit and
/// the threshold for people; data from row 5. The same layout saved as CSV reads the same way.
enum AssessmentSheet {
    static let codeKey = "ma_don_vi"
    static let nameKey = "ten_don_vi"
    static let headerRows = 4

    static func criterionKey(_ number: Int) -> String { "TC\(number)" }

    enum ColumnKind {
        case criterion(Criterion)
        case indicator(Indicator, Criterion)
    }

    struct Column {
        var key: String
        var kind: ColumnKind
    }

    /// A criterion's verdict column, then its indicators (those typed in, not computed).
    static func columns(of set: CriteriaSet) -> [Column] {
        set.criteria.flatMap { criterion in
            [Column(key: criterionKey(criterion.number), kind: .criterion(criterion))]
                + criterion.indicators.filter { $0.derived == nil }.map { Column(key: $0.code, kind: .indicator($0, criterion)) }
        }
    }

    // MARK: Words in cells

    struct Words {
        let met, notMet, notApplicable, yes, no: String
        init(_ language: Language) {
            let vi = language == .vi
            met = vi ? "đạt" : "met"
            notMet = vi ? "không đạt" : "not met"
            notApplicable = vi ? "không áp dụng" : "not applicable"
            yes = vi ? "có" : "yes"
            no = vi ? "không" : "no"
        }
    }

    /// Words accepted for a verdict, in either language, with or without diacritics.
    static func verdict(_ cell: Spreadsheet.Cell) -> Declaration?? {
        switch cell {
        case .empty: return .some(nil)
        case .number(let n) where n == 1: return Declaration(met: true)
        case .number(let n) where n == 0: return Declaration(met: false)
        case .number: return nil
        case .text(let text):
            switch TextFolding.searchKey(text) {
            case "": return .some(nil)
            case "dat", "x", "1", "met", "yes", "co": return Declaration(met: true)
            case "khong dat", "chua dat", "0", "not met", "no", "khong": return Declaration(met: false)
            case "khong ap dung", "kad", "n/a", "na", "not applicable": return .notApplicable(note: nil)
            default: return nil
            }
        }
    }

    /// A yes/no indicator's cell.
    static func flag(_ cell: Spreadsheet.Cell) -> Bool?? {
        switch cell {
        case .empty: return .some(nil)
        case .number(let n) where n == 1: return true
        case .number(let n) where n == 0: return false
        case .number: return nil
        case .text(let text):
            switch TextFolding.searchKey(text) {
            case "": return .some(nil)
            case "co", "dat", "x", "1", "yes", "true": return true
            case "khong", "khong dat", "chua dat", "0", "no", "false": return false
            default: return nil
            }
        }
    }

    /// A number cell, or text typed the Vietnamese way ("85,5", "1.346,7", "12 %").
    static func number(_ cell: Spreadsheet.Cell) -> Double?? {
        switch cell {
        case .empty: return .some(nil)
        case .number(let n): return n.isFinite ? n : nil
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? .some(nil) : FormNumber.parse(trimmed).map { $0 }
        }
    }

    // MARK: Template

    struct TemplateRow {
        var unit: AdminUnit
        var set: CriteriaSet
        var latest: RecordedAssessment?
    }

    /// The workbook: a sheet per set (named by its code), pre-filled with each unit's latest values.
    static func workbook(_ rows: [TemplateRow], on day: Day, language: Language) -> Workbook {
        let words = Words(language), vi = language == .vi
        var sheets: [Workbook.Sheet] = []
        var taken = Set<String>()
        var order: [String] = []
        var bySet: [String: (set: CriteriaSet, rows: [TemplateRow])] = [:]
        for row in rows {
            if bySet[row.set.code] == nil { order.append(row.set.code); bySet[row.set.code] = (row.set, []) }
            bySet[row.set.code]!.rows.append(row)
        }
        for code in order {
            let (set, units) = bySet[code]!
            let columns = columns(of: set)
            let name = Workbook.sheetName(code, taken: taken)
            taken.insert(name)
            var keys: [Spreadsheet.Cell] = [.text(codeKey), .text(nameKey)]
            var names: [Spreadsheet.Cell] = [.text(vi ? "Mã đơn vị" : "Unit code"), .text(vi ? "Tên đơn vị" : "Unit name")]
            var units3: [Spreadsheet.Cell] = [.text(vi ? "Bộ tiêu chí: " + code : "Criteria set: " + code), .text(DateFormat.format(day))]
            var thresholds: [Spreadsheet.Cell] = [.text(vi ? "Ngưỡng (vùng chung)" : "Threshold (general region)"), .empty]
            for column in columns {
                keys.append(.text(column.key))
                switch column.kind {
                case .criterion(let criterion):
                    names.append(.text("\(criterion.number). \(criterion.name.text(language))"))
                    units3.append(.text("\(words.met) / \(words.notMet) / \(words.notApplicable)"))
                    thresholds.append(.empty)
                case .indicator(let indicator, _):
                    names.append(.text("\(indicator.code) \(indicator.name.text(language))"))
                    units3.append(.text(indicator.kind == .yesNo ? "\(words.yes) / \(words.no)" : (indicator.unit ?? "")))
                    thresholds.append(.text(thresholdText(indicator, year: day.year, language: language)))
                }
            }
            var table: [[Spreadsheet.Cell]] = [keys, names, units3, thresholds]
            for row in units {
                table.append([.text(row.unit.code), .text(row.unit.name)] + columns.map { prefill($0, latest: row.latest, words: words) })
            }
            let last = headerRows + max(units.count, 1) + 200   // room for rows added by hand
            var validations: [Workbook.Validation] = []
            for (k, column) in columns.enumerated() {
                let letter = Spreadsheet.column(k + 2)
                let range = "\(letter)\(headerRows + 1):\(letter)\(last)"
                switch column.kind {
                case .criterion:
                    validations.append(.init(rule: .list([words.met, words.notMet, words.notApplicable]), range: range,
                                             error: vi ? "Chọn: \(words.met), \(words.notMet) hoặc \(words.notApplicable)" : "Choose \(words.met), \(words.notMet) or \(words.notApplicable)"))
                case .indicator(let indicator, _) where indicator.kind == .yesNo:
                    validations.append(.init(rule: .list([words.yes, words.no]), range: range,
                                             error: vi ? "Chọn: \(words.yes) hoặc \(words.no)" : "Choose \(words.yes) or \(words.no)"))
                case .indicator(let indicator, _):
                    let max = indicator.kind.isPercentage ? 100.0 : 1e12
                    validations.append(.init(rule: .decimal(min: 0, max: max), range: range,
                                             error: indicator.kind.isPercentage ? (vi ? "Nhập số từ 0 đến 100" : "A number from 0 to 100")
                                                                                : (vi ? "Nhập số không âm" : "A number, not negative")))
                }
            }
            sheets.append(Workbook.Sheet(name: name, rows: table, frozenRows: headerRows, frozenColumns: 2,
                                         widths: [12, 28] + columns.map { _ in 14 }, validations: validations))
        }
        if sheets.isEmpty {
            sheets.append(Workbook.Sheet(name: vi ? "Trống" : "Empty", rows: [[.text(vi ? "Không có xã nào có bộ tiêu chí vào ngày này" : "No commune with a criteria set on this day")]]))
        }
        return Workbook(sheets: sheets)
    }

    private static func prefill(_ column: Column, latest: RecordedAssessment?, words: Words) -> Spreadsheet.Cell {
        guard let latest else { return .empty }
        switch column.kind {
        case .criterion(let criterion):
            guard let declaration = latest.declarations[criterion.number] else { return .empty }
            return .text(!declaration.applicable ? words.notApplicable : (declaration.met ? words.met : words.notMet))
        case .indicator(let indicator, _):
            switch latest.values[indicator.code] {
            case .number(let n): return .number(n)
            case .yes(let flag): return .text(flag ? words.yes : words.no)
            case nil: return .empty
            }
        }
    }

    /// "≥ 90", "≤ 2", "có" — the general region's threshold for the year ("theo vùng" when it varies).
    static func thresholdText(_ indicator: Indicator, year: Int, language: Language) -> String {
        if indicator.kind == .yesNo { return Words(language).yes }
        guard let threshold = Evaluator.applicableThreshold(indicator.thresholds, region: Region.general, year: year) else {
            return indicator.thresholds.isEmpty ? "" : (language == .vi ? "theo vùng/nhóm" : "by region/group")
        }
        let sign = (indicator.kind == .atMost || indicator.kind == .percentAtMost) ? "≤" : "≥"
        let varies = indicator.thresholds.contains { $0.region != nil || $0.group != nil }
        return "\(sign) \(NumberFormat.format(threshold.value, decimals: 2, language: language))"
            + (varies ? (language == .vi ? " (khác theo vùng/nhóm)" : " (varies by region/group)") : "")
    }

    // MARK: Reading

    /// One filled-in row: where it is, the unit code, and its cells by column key.
    struct Row {
        var sheet: String?
        var number: Int
        var code: String
        var cells: [String: (column: String, cell: Spreadsheet.Cell)]
    }

    /// Rows of every sheet that has the key row; problems with the layout itself (no key row, a
    /// row without a code, a column key twice).
    static func rows(of sheets: [(name: String?, rows: [[Spreadsheet.Cell]])]) -> (rows: [Row], problems: [InputProblem]) {
        var found: [Row] = [], problems: [InputProblem] = []
        var sawKeys = false
        for sheet in sheets {
            guard let keyIndex = sheet.rows.firstIndex(where: { TextFolding.searchKey($0.first?.text ?? "") == codeKey.replacingOccurrences(of: "_", with: " ")
                                                                 || ($0.first?.text ?? "").trimmingCharacters(in: .whitespaces) == codeKey }) else { continue }
            sawKeys = true
            let keys = sheet.rows[keyIndex].map { $0.text.trimmingCharacters(in: .whitespaces) }
            var seen = Set<String>()
            for (k, key) in keys.enumerated() where !key.isEmpty && !seen.insert(key).inserted {
                problems.append(InputProblem(sheet: sheet.name, row: keyIndex + 1, column: Spreadsheet.column(k),
                                             vi: "Cột \(key) xuất hiện hai lần", en: "Column \(key) appears twice"))
            }
            // The three descriptive rows under the keys start with a label or nothing, never a unit code.
            var r = keyIndex + 1
            while r < sheet.rows.count && r <= keyIndex + headerRows - 1 && !looksLikeCode(sheet.rows[r].first ?? .empty) { r += 1 }
            for index in r..<sheet.rows.count {
                let cells = sheet.rows[index]
                guard cells.contains(where: { $0 != .empty && !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
                let code = (cells.first ?? .empty).text.trimmingCharacters(in: .whitespaces)
                guard !code.isEmpty else {
                    problems.append(InputProblem(sheet: sheet.name, row: index + 1, column: codeKey,
                                                 vi: "Dòng có số liệu nhưng thiếu mã đơn vị", en: "The row has figures but no unit code"))
                    continue
                }
                var byKey: [String: (String, Spreadsheet.Cell)] = [:]
                for (k, key) in keys.enumerated() where k > 0 && !key.isEmpty && key != nameKey {
                    byKey[key] = (key, k < cells.count ? cells[k] : .empty)
                }
                found.append(Row(sheet: sheet.name, number: index + 1, code: code, cells: byKey))
            }
        }
        if !sawKeys {
            problems.append(InputProblem(sheet: nil, row: 1, column: "A",
                                         vi: "Không thấy dòng tiêu đề bắt đầu bằng \(codeKey): hãy dùng mẫu tải từ NTM",
                                         en: "No header row starting with \(codeKey): use the template downloaded from NTM"))
        }
        return (found, problems)
    }

    private static func looksLikeCode(_ cell: Spreadsheet.Cell) -> Bool {
        switch cell {
        case .number: return true
        case .text(let t): return !t.isEmpty && t.allSatisfy { $0.isNumber }
        case .empty: return false
        }
    }

    /// The row's cells typed against the unit's set: values and declarations, or a problem per bad cell.
    static func entries(of row: Row, unitName: String, set: CriteriaSet) -> (values: [AssessmentInputDTO.ValueDTO],
                                                                             declarations: [AssessmentInputDTO.DeclarationDTO],
                                                                             problems: [InputProblem]) {
        var values: [AssessmentInputDTO.ValueDTO] = [], declarations: [AssessmentInputDTO.DeclarationDTO] = [], problems: [InputProblem] = []
        let columns = Dictionary(columns(of: set).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        func problem(_ column: String, _ vi: String, _ en: String) {
            problems.append(InputProblem(sheet: row.sheet, row: row.number, column: column,
                                         vi: "\(unitName): \(vi)", en: "\(unitName): \(en)"))
        }
        for key in row.cells.keys.sorted(by: { ($0.count, $0) < ($1.count, $1) }) {
            let (column, cell) = row.cells[key]!
            guard let kind = columns[key]?.kind else {
                if cell != .empty && !cell.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    problem(column, "bộ tiêu chí \(set.code) không có cột \(key)", "criteria set \(set.code) has no column \(key)")
                }
                continue
            }
            switch kind {
            case .criterion(let criterion):
                guard let verdict = verdict(cell) else {
                    problem(column, "\"\(cell.text)\" không phải đạt / không đạt / không áp dụng",
                            "\"\(cell.text)\" is not met / not met / not applicable")
                    continue
                }
                if let verdict { declarations.append(.init(criterion: criterion.number, verdict)) }
            case .indicator(let indicator, _) where indicator.kind == .yesNo:
                guard let flag = flag(cell) else {
                    problem(column, "\"\(cell.text)\" không phải có / không", "\"\(cell.text)\" is not yes / no")
                    continue
                }
                if let flag { values.append(.init(indicator: indicator.code, value: IndicatorValueDTO(.yes(flag)), note: nil, evidence: nil)) }
            case .indicator(let indicator, _):
                guard let number = number(cell) else {
                    problem(column, "\"\(cell.text)\" không phải là số", "\"\(cell.text)\" is not a number")
                    continue
                }
                guard let number else { continue }
                if indicator.kind.isPercentage && !(0...100).contains(number) {
                    problem(column, "tỷ lệ \(NumberFormat.format(number, decimals: 2)) phải từ 0 đến 100",
                            "percentage \(NumberFormat.format(number, decimals: 2, language: .en)) must be between 0 and 100")
                } else if number < 0 {
                    problem(column, "giá trị không được âm", "the value must not be negative")
                } else {
                    values.append(.init(indicator: indicator.code, value: IndicatorValueDTO(.number(number)), note: nil, evidence: nil))
                }
            }
        }
        return (values, declarations, problems)
    }
}
