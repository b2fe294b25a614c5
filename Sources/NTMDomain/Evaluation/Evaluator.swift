/// The criteria engine: decides each indicator and criterion from an assessment.
public enum Evaluator {
    /// Scores `input` against `set` for a unit in `region` (threshold variant) in `year`; `group` is
    /// the unit's commune group on the day (QĐ 51/2025: 1, 2 or 3), which selects group thresholds.
    public static func evaluate(_ set: CriteriaSet, input: AssessmentInput, region: String = Region.general, group: String? = nil,
                                year: Int) -> Scorecard {
        let variant = ThresholdVariant(region: region, group: group, year: year)
        let results = set.criteria.map { criterion in
            evaluate(criterion, input: input, variant: variant)
        }
        let conditions = set.definition.conditions.map { evaluate($0, value: input.values[$0.code], variant: variant) }
        return Scorecard(set: set, results: results, conditions: conditions)
    }

    static func evaluate(_ criterion: Criterion, input: AssessmentInput, variant: ThresholdVariant) -> CriterionResult {
        let indicatorResults = criterion.indicators.map { indicator in
            evaluate(indicator, value: input.values[indicator.code], variant: variant)
        }
        let declaration = input.declarations[criterion.number]
        let statuses = indicatorResults.map(\.status)
        let allDecided = !statuses.isEmpty && !statuses.contains(.notAssessed)

        let status: Status
        let basis: CriterionResult.Basis
        if let declaration, !declaration.applicable {
            // Declared not applicable: out of the count whatever was measured.
            return CriterionResult(criterion: criterion, status: .notApplicable, basis: .declaration, indicators: indicatorResults,
                                   declaration: declaration, declarationContradicted: false)
        }
        if allDecided {
            // Met iff all indicators are met: measurement outranks a declared verdict.
            status = statuses.allSatisfy { $0 == .met } ? .met : .notMet
            basis = .indicators
        } else if let declaration {
            status = declaration.met ? .met : .notMet
            basis = .declaration
        } else if statuses.contains(.notMet) {
            status = .notMet
            basis = .partialIndicators
        } else {
            status = .notAssessed
            basis = .none
        }
        let contradicted = declaration.map { declared in
            (allDecided && declared.met != (status == .met)) || (declared.met && statuses.contains(.notMet))
        } ?? false
        return CriterionResult(criterion: criterion, status: status, basis: basis, indicators: indicatorResults,
                               declaration: declaration, declarationContradicted: contradicted)
    }

    static func evaluate(_ indicator: Indicator, value: IndicatorValue?, variant: ThresholdVariant) -> IndicatorResult {
        let threshold = applicableThreshold(indicator.thresholds, region: variant.region, group: variant.group, year: variant.year)
        guard let value else {
            return IndicatorResult(indicator: indicator, value: nil, threshold: threshold, status: .notAssessed)
        }
        let status: Status
        switch (indicator.kind, value) {
        case (.yesNo, .yes(let flag)):
            status = flag ? .met : .notMet
        case (.atLeast, .number(let n)), (.percentAtLeast, .number(let n)):
            status = threshold.map { n >= $0.value ? .met : .notMet } ?? .notAssessed
        case (.atMost, .number(let n)), (.percentAtMost, .number(let n)):
            status = threshold.map { n <= $0.value ? .met : .notMet } ?? .notAssessed
        default:
            // A value of the wrong kind is refused at input; if one is stored anyway it decides nothing.
            status = .notAssessed
        }
        return IndicatorResult(indicator: indicator, value: value, threshold: threshold, status: status)
    }

    /// Most specific first: commune group, then region, then year, then the general level.
    /// A rule for another region or group never applies; a group rule never applies to a unit
    /// that has no group on the day (it stays not assessed rather than borrowing another's bar).
    public static func applicableThreshold(_ thresholds: [Threshold], region: String, group: String? = nil, year: Int) -> Threshold? {
        let usable = thresholds.filter { t in
            (t.region == nil || t.region == region || t.region == Region.general) && (t.year == nil || t.year == year)
                && (t.group == nil || t.group == group)
        }
        return usable.max { lhs, rhs in specificity(lhs, region: region) < specificity(rhs, region: region) }
    }

    private static func specificity(_ t: Threshold, region: String) -> Int {
        let groupScore = t.group == nil ? 0 : 4
        let regionScore = (t.region == region && region != Region.general) ? 2 : 0
        let yearScore = t.year == nil ? 0 : 1
        return groupScore + regionScore + yearScore
    }
}

/// What selects among an indicator's thresholds for one unit on one day.
struct ThresholdVariant {
    let region: String
    let group: String?
    let year: Int
}
