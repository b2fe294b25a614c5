import Foundation

/// A problem found in user-supplied data, addressed to the field that holds it.
public struct InputProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// Path of the offending field, e.g. `values[3].value` or `row 12, ward_code`.
    public var field: String
    public var reason: LocalizedText
    /// Where in an uploaded file: its sheet, row (1-based, as the spreadsheet numbers it) and column.
    public var sheet: String?
    public var row: Int?
    public var column: String?

    public init(field: String, vi: String, en: String) {
        self.field = field
        self.reason = LocalizedText(vi: vi, en: en)
    }

    /// A problem with one cell of an uploaded sheet.
    public init(sheet: String?, row: Int, column: String, vi: String, en: String) {
        self.init(field: (sheet.map { "\($0), " } ?? "") + "row \(row), \(column)", vi: vi, en: en)
        self.sheet = sheet
        self.row = row
        self.column = column
    }

    public var description: String { "\(field): \(reason.vi)" }
}

extension CriteriaSetDefinition {
    /// Checks a definition before it is stored: the engine must never meet a set it cannot score.
    public func problems(knownCodes: Set<String>) -> [InputProblem] {
        var problems: [InputProblem] = []
        if code.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(.init(field: "code", vi: "Mã bộ tiêu chí không được để trống", en: "The set code must not be empty"))
        }
        if let from = effective.from, let to = effective.to, to < from {
            problems.append(.init(field: "effective.to", vi: "Ngày hết hiệu lực \(DateFormat.format(to)) trước ngày hiệu lực \(DateFormat.format(from))",
                                  en: "End date \(DateFormat.format(to)) is before the start date \(DateFormat.format(from))"))
        }
        if let parent = extends, !knownCodes.contains(parent) {
            problems.append(.init(field: "extends", vi: "Không có bộ tiêu chí gốc mã \(parent)", en: "No parent set with code \(parent)"))
        }
        var numbers = Set<Int>()
        var indicatorCodes = Set<String>()
        let groupCodes = Set(groups.map(\.code))
        let communeGroupCodes = Set(communeGroups.map(\.code))
        for (i, criterion) in criteria.enumerated() {
            let field = "criteria[\(i)]"
            if !numbers.insert(criterion.number).inserted {
                problems.append(.init(field: "\(field).number", vi: "Tiêu chí số \(criterion.number) bị lặp", en: "Criterion number \(criterion.number) appears twice"))
            }
            if let group = criterion.group, !groupCodes.isEmpty, !groupCodes.contains(group) {
                problems.append(.init(field: "\(field).group", vi: "Nhóm \(group) không có trong danh sách nhóm", en: "Group \(group) is not in the set's groups"))
            }
            for (j, indicator) in criterion.indicators.enumerated() {
                let ifield = "\(field).indicators[\(j)]"
                if !indicatorCodes.insert(indicator.code).inserted {
                    problems.append(.init(field: "\(ifield).code", vi: "Chỉ tiêu \(indicator.code) bị lặp", en: "Indicator \(indicator.code) appears twice"))
                }
                for (k, threshold) in indicator.thresholds.enumerated() {
                    if indicator.kind.isPercentage && !(0...100).contains(threshold.value) {
                        problems.append(.init(field: "\(ifield).thresholds[\(k)].value", vi: "Ngưỡng phần trăm \(threshold.value) nằm ngoài 0–100",
                                              en: "Percentage threshold \(threshold.value) is outside 0–100"))
                    }
                    // An extension may key thresholds by its parent's groups; the parent declares them.
                    if let group = threshold.group, !communeGroupCodes.contains(group), extends == nil || !communeGroups.isEmpty {
                        problems.append(.init(field: "\(ifield).thresholds[\(k)].group",
                                              vi: "Nhóm xã \(group) không có trong communeGroups của bộ tiêu chí",
                                              en: "Commune group \(group) is not among the set's communeGroups"))
                    }
                }
            }
        }
        return problems
    }
}
