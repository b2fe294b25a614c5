/// What an officer records for a unit on a day: measured indicator values, and where only the
/// verdict is known (most historic reports), a declaration per criterion.
public struct AssessmentInput: Hashable, Sendable {
    public var values: [String: IndicatorValue]
    public var declarations: [Int: Declaration]

    public init(values: [String: IndicatorValue] = [:], declarations: [Int: Declaration] = [:]) {
        self.values = values
        self.declarations = declarations
    }

    /// The one rule for which value wins when several sources give one: a value typed into the
    /// assessment beats a linked target's actual (income → 10.1); a value derived from the units
    /// below ("share of communes recognised") beats anything typed, since it cannot be typed in.
    public init(typed: [String: IndicatorValue], linked: [String: IndicatorValue], derived: [String: IndicatorValue],
                declarations: [Int: Declaration] = [:]) {
        var values = typed
        values.merge(linked) { typed, _ in typed }
        values.merge(derived) { _, computed in computed }
        self.init(values: values, declarations: declarations)
    }
}

public enum IndicatorValue: Hashable, Sendable {
    case yes(Bool)
    case number(Double)

    public var number: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    public var flag: Bool? {
        if case .yes(let b) = self { return b }
        return nil
    }
}

/// A verdict declared for a criterion: met or not, or not applicable to the unit at all.
public struct Declaration: Hashable, Sendable {
    public var met: Bool
    /// False: the criterion does not apply (không áp dụng); `met` is then meaningless.
    public var applicable: Bool
    public var note: String?

    public init(met: Bool, applicable: Bool = true, note: String? = nil) {
        self.met = met
        self.applicable = applicable
        self.note = note
    }

    public static func notApplicable(note: String? = nil) -> Declaration {
        Declaration(met: false, applicable: false, note: note)
    }
}

/// One indicator value as it arrives at a boundary, before it is checked against a set.
public struct IndicatorEntry: Hashable, Sendable {
    public var indicatorCode: String
    public var value: IndicatorValue

    public init(indicatorCode: String, value: IndicatorValue) {
        self.indicatorCode = indicatorCode
        self.value = value
    }
}

extension CriteriaSet {
    /// Checks entries against this set and returns every problem at once (field paths as given by
    /// `fieldPrefix`), so a form or an import can show them all and write nothing.
    public func problems(values: [IndicatorEntry], declarations: [(criterion: Int, met: Bool)],
                         valueField: (Int) -> String = { "values[\($0)]" },
                         declarationField: (Int) -> String = { "declarations[\($0)]" }) -> [InputProblem] {
        var problems: [InputProblem] = []
        var seen = Set<String>()
        for (i, entry) in values.enumerated() {
            let field = valueField(i)
            guard let indicator = anyIndicator(code: entry.indicatorCode) else {
                problems.append(.init(field: "\(field).indicator", vi: "Chỉ tiêu \(entry.indicatorCode) không có trong bộ tiêu chí \(code)",
                                      en: "Indicator \(entry.indicatorCode) is not in criteria set \(code)"))
                continue
            }
            if indicator.derived != nil {
                problems.append(.init(field: "\(field).indicator", vi: "Chỉ tiêu \(entry.indicatorCode) được tính từ các đơn vị cấp dưới, không nhập tay",
                                      en: "Indicator \(entry.indicatorCode) is computed from the units below, not entered"))
            }
            if !seen.insert(entry.indicatorCode).inserted {
                problems.append(.init(field: "\(field).indicator", vi: "Chỉ tiêu \(entry.indicatorCode) được nhập hai lần",
                                      en: "Indicator \(entry.indicatorCode) is given twice"))
            }
            switch (indicator.kind, entry.value) {
            case (.yesNo, .number):
                problems.append(.init(field: "\(field).value", vi: "Chỉ tiêu \(indicator.code) nhận giá trị đạt/không đạt (true/false), không phải số",
                                      en: "Indicator \(indicator.code) takes yes/no (true/false), not a number"))
            case (.yesNo, .yes):
                break
            case (_, .yes):
                problems.append(.init(field: "\(field).value", vi: "Chỉ tiêu \(indicator.code) nhận giá trị số, không phải đạt/không đạt",
                                      en: "Indicator \(indicator.code) takes a number, not yes/no"))
            case (let kind, .number(let n)):
                if !n.isFinite {
                    problems.append(.init(field: "\(field).value", vi: "Giá trị không hợp lệ", en: "Not a valid number"))
                } else if kind.isPercentage && !(0...100).contains(n) {
                    problems.append(.init(field: "\(field).value", vi: "Tỷ lệ phần trăm \(NumberFormat.format(n, decimals: 2)) phải nằm trong khoảng 0–100",
                                          en: "Percentage \(NumberFormat.format(n, decimals: 2, language: .en)) must be between 0 and 100"))
                } else if n < 0 {
                    problems.append(.init(field: "\(field).value", vi: "Giá trị không được âm", en: "The value must not be negative"))
                }
            }
        }
        var declared = Set<Int>()
        for (i, declaration) in declarations.enumerated() {
            let field = declarationField(i)
            if criterion(number: declaration.criterion) == nil {
                problems.append(.init(field: "\(field).criterion", vi: "Tiêu chí số \(declaration.criterion) không có trong bộ tiêu chí \(code)",
                                      en: "Criterion \(declaration.criterion) is not in criteria set \(code)"))
            } else if !declared.insert(declaration.criterion).inserted {
                problems.append(.init(field: "\(field).criterion", vi: "Tiêu chí số \(declaration.criterion) được khai hai lần",
                                      en: "Criterion \(declaration.criterion) is declared twice"))
            }
        }
        return problems
    }
}
