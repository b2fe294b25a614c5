import Foundation

/// What saving a criteria set would change against the stored one, as lines an officer reads before
/// confirming: criteria and indicators added, removed or renamed, thresholds and kinds changed.
public enum CriteriaSetChanges {
    public static func lines(from old: CriteriaSetDefinition?, to new: CriteriaSetDefinition, language: Language) -> [String] {
        let vi = language == .vi
        guard let old else {
            return [vi ? "Bộ tiêu chí mới \(new.code): \(new.criteria.count) tiêu chí, \(new.criteria.reduce(0) { $0 + $1.indicators.count }) chỉ tiêu."
                       : "New set \(new.code): \(new.criteria.count) criteria, \(new.criteria.reduce(0) { $0 + $1.indicators.count }) indicators."]
        }
        var lines: [String] = []
        if old.name != new.name { lines.append((vi ? "Tên: " : "Name: ") + "\(old.name.text(language)) → \(new.name.text(language))") }
        if old.effective != new.effective {
            lines.append((vi ? "Hiệu lực: " : "In force: ") + "\(window(old.effective, vi)) → \(window(new.effective, vi))")
        }
        let oldCriteria = Dictionary(old.criteria.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let newCriteria = Dictionary(new.criteria.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        for number in Set(oldCriteria.keys).union(newCriteria.keys).sorted() {
            switch (oldCriteria[number], newCriteria[number]) {
            case (nil, let added?):
                lines.append((vi ? "Thêm tiêu chí " : "Criterion added: ") + "\(number). \(added.name.text(language))")
            case (let removed?, nil):
                lines.append((vi ? "Bỏ tiêu chí " : "Criterion removed: ") + "\(number). \(removed.name.text(language))")
            case (let before?, let after?):
                if before.name != after.name {
                    lines.append((vi ? "Tiêu chí \(number) đổi tên: " : "Criterion \(number) renamed: ") + "\(before.name.text(language)) → \(after.name.text(language))")
                }
                lines += indicatorLines(number, before.indicators, after.indicators, language)
            case (nil, nil): break
            }
        }
        return lines.isEmpty ? [vi ? "Không có thay đổi nào so với bản đang lưu." : "Nothing differs from the stored version."] : lines
    }

    private static func indicatorLines(_ number: Int, _ old: [Indicator], _ new: [Indicator], _ language: Language) -> [String] {
        let vi = language == .vi
        let before = Dictionary(old.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var lines: [String] = []
        for code in Set(before.keys).union(after.keys).sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }) {
            switch (before[code], after[code]) {
            case (nil, let added?): lines.append((vi ? "Thêm chỉ tiêu " : "Indicator added: ") + "\(code) \(added.name.text(language))")
            case (let removed?, nil): lines.append((vi ? "Bỏ chỉ tiêu " : "Indicator removed: ") + "\(code) \(removed.name.text(language))")
            case (let was?, let now?):
                if was.name != now.name { lines.append((vi ? "Chỉ tiêu \(code) đổi tên" : "Indicator \(code) renamed") + ": \(now.name.text(language))") }
                if was.kind != now.kind || was.unit != now.unit { lines.append(vi ? "Chỉ tiêu \(code): đổi cách đánh giá" : "Indicator \(code): assessed differently") }
                if was.thresholds != now.thresholds { lines.append(vi ? "Chỉ tiêu \(code): đổi ngưỡng đạt" : "Indicator \(code): thresholds changed") }
            case (nil, nil): break
            }
        }
        return lines
    }

    private static func window(_ window: DateWindow, _ vi: Bool) -> String {
        let from = window.from.map(DateFormat.format) ?? "…"
        let to = window.to.map(DateFormat.format) ?? "…"
        return "\(from) – \(to)"
    }
}
