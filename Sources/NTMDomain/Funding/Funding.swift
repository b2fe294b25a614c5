import Foundation

/// Money in whole đồng. Sums are exact integers; 1.346,7 tỷ adds up to the last đồng.
public typealias Dong = Int64

public enum MoneyFormat {
    public static let tỷ: Dong = 1_000_000_000
    public static let triệu: Dong = 1_000_000

    /// Tenths of a tỷ, rounded half up, with Vietnamese separators: 1346700000000 → "1.346,7".
    public static func billions(_ amount: Dong, language: Language = .vi) -> String {
        let negative = amount < 0
        let tenths = (abs(amount) + tỷ / 20) / (tỷ / 10)
        let whole = NumberFormat.format(Int(tenths / 10), language: language)
        return (negative ? "-" : "") + whole + (language == .vi ? "," : ".") + String(tenths % 10)
    }

    /// Parses "1.346,7" (tỷ, Vietnamese) exactly into đồng; nil when it is not such a number.
    public static func parseBillions(_ text: String) -> Dong? {
        let parts = text.replacingOccurrences(of: ".", with: "").split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0 else { return nil }
        var amount = whole * tỷ
        if parts.count == 2 {
            let digits = String(parts[1])
            guard !digits.isEmpty, digits.count <= 9, let fraction = Int64(digits) else { return nil }
            amount += fraction * Int64(pow10(9 - digits.count))
        }
        return amount
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }
}

/// What it costs to finish one criterion (or one work item of it) in one unit, and what is known
/// of who pays: amounts by source; the rest is the unidentified gap.
public struct FundingLine: Hashable, Sendable {
    public var unitCode: String
    public var criterion: Int
    public var group: String
    public var workItem: String?
    public var need: Dong
    public var identified: [String: Dong]

    public init(unitCode: String, criterion: Int, group: String, workItem: String? = nil, need: Dong, identified: [String: Dong] = [:]) {
        self.unitCode = unitCode
        self.criterion = criterion
        self.group = group
        self.workItem = workItem
        self.need = need
        self.identified = identified
    }

    public var identifiedTotal: Dong { identified.values.reduce(0, +) }
}

public struct FundingTotals: Hashable, Sendable {
    public var need: Dong = 0
    public var identified: Dong = 0
    public var unidentified: Dong { need - identified }
    public var bySource: [String: Dong] = [:]

    public init() {}

    mutating func add(need: Dong, identified: [String: Dong]) {
        self.need += need
        for (source, amount) in identified {
            self.identified += amount
            bySource[source, default: 0] += amount
        }
    }
}

public enum FundingRollup {
    /// Totals of all lines.
    public static func total(_ lines: [FundingLine]) -> FundingTotals {
        lines.reduce(into: FundingTotals()) { $0.add(need: $1.need, identified: $1.identified) }
    }

    /// Totals per key (criterion group, unit code…), in first-seen order of `order` then the rest.
    public static func by(_ key: (FundingLine) -> String, _ lines: [FundingLine], order: [String] = []) -> [(key: String, totals: FundingTotals)] {
        var totals: [String: FundingTotals] = [:]
        var seen: [String] = []
        for line in lines {
            let k = key(line)
            if totals[k] == nil { seen.append(k) }
            totals[k, default: FundingTotals()].add(need: line.need, identified: line.identified)
        }
        let ordered = order.filter { totals[$0] != nil } + seen.filter { !order.contains($0) }
        return ordered.map { ($0, totals[$0]!) }
    }

    /// Money given by sponsors counts as identified funding of the criterion it was given for, up to
    /// what is still unidentified (a gift cannot make the gap negative). Returns lines with a
    /// `sponsors` share added, spread over the criterion's lines in order.
    public static func addingSponsorMoney(_ lines: [FundingLine], delivered: [String: [Int: Dong]], source: String = "sponsors") -> [FundingLine] {
        var remaining = delivered
        return lines.map { line in
            var line = line
            let available = remaining[line.unitCode]?[line.criterion] ?? 0
            let gap = line.need - line.identifiedTotal
            let used = min(available, max(0, gap))
            if used > 0 {
                line.identified[source, default: 0] += used
                remaining[line.unitCode]![line.criterion] = available - used
            }
            return line
        }
    }
}

/// The range an amount of money typed by an officer may take.
public enum MoneyRange {
    /// 1 triệu tỷ đồng (10¹⁵): more than any province's whole programme. A larger figure is a typing
    /// slip — and sums of such figures would overflow.
    public static let maximum: Dong = 1_000_000_000_000_000

    /// Negative or beyond `maximum`: the problem to show; nil when the amount is sensible.
    public static func problem(_ amount: Dong, field: String) -> InputProblem? {
        if amount < 0 { return InputProblem(field: field, vi: "Số tiền không được âm", en: "The amount must not be negative") }
        if amount > maximum {
            return InputProblem(field: field, vi: "Số tiền \(amount) đồng vượt mức hợp lý (tối đa 1 triệu tỷ đồng): gõ thừa chữ số?",
                                en: "\(amount) đồng is beyond any sensible amount (1,000,000 bn at most): a digit too many?")
        }
        return nil
    }

    /// The sum, or nil if it overflows (only possible past the maximum checked above).
    public static func sum<S: Sequence>(_ amounts: S) -> Dong? where S.Element == Dong {
        var total: Dong = 0
        for amount in amounts {
            let (next, overflow) = total.addingReportingOverflow(amount)
            if overflow { return nil }
            total = next
        }
        return total
    }
}

public enum FundingCheck {
    /// Problems of one need: negative amounts, identified more than the need.
    public static func problems(need: Dong, identified: [(source: String, amount: Dong)], knownSources: Set<String>) -> [InputProblem] {
        var problems: [InputProblem] = []
        if need < 0 { problems.append(InputProblem(field: "need", vi: "Nhu cầu vốn không được âm", en: "The need must not be negative")) }
        if need > MoneyRange.maximum, let problem = MoneyRange.problem(need, field: "need") { problems.append(problem) }
        for (k, entry) in identified.enumerated() {
            if let problem = MoneyRange.problem(entry.amount, field: "identified[\(k)].amount") { problems.append(problem) }
            if !knownSources.contains(entry.source) {
                problems.append(InputProblem(field: "identified[\(k)].source", vi: "Không có nguồn vốn mã \(entry.source)", en: "No funding source \(entry.source)"))
            }
        }
        guard let total = MoneyRange.sum(identified.map(\.amount)) else { return problems }
        if need >= 0 && total > need {
            problems.append(InputProblem(field: "identified", vi: "Vốn đã xác định (\(MoneyFormat.billions(total)) tỷ) vượt nhu cầu (\(MoneyFormat.billions(need)) tỷ)",
                                         en: "Identified funding (\(MoneyFormat.billions(total, language: .en)) bn) exceeds the need (\(MoneyFormat.billions(need, language: .en)) bn)"))
        }
        return problems
    }
}
