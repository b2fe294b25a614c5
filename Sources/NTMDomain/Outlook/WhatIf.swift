/// "What if criterion 2 of Phúc Đồng were met?" — a hypothetical verdict laid over a stored
/// scorecard summary. Nothing is written: the caller shows the changed summary and throws it away.
public struct HypotheticalVerdict: Hashable, Codable, Sendable {
    public var unit: String
    public var criterion: Int
    public var met: Bool
    /// "Met on this date": after the day looked at, the scorecards stay as recorded and the
    /// forecast takes this date for the criterion. Nil: as of the day looked at.
    public var on: Day?

    public init(unit: String, criterion: Int, met: Bool, on: Day? = nil) {
        self.unit = unit
        self.criterion = criterion
        self.met = met
        self.on = on
    }

    /// Holds on `day` (so the scorecards of that day change).
    public func holds(on day: Day) -> Bool { on.map { $0 <= day } ?? true }
}

extension ScoreSummary {
    /// The summary with the given criteria's verdicts replaced (criterion → met). Criteria the set
    /// does not have, or declared not applicable, are left alone. A set's extra conditions are not
    /// in the summary: if they held before (or nothing was met yet) they are taken to hold still.
    public func applying(_ verdicts: [Int: Bool], criteria: [Int]) -> ScoreSummary {
        guard !verdicts.isEmpty else { return self }
        let known = Set(criteria)
        var unmet = Set(self.unmet), notAssessed = Set(self.notAssessed)
        for (criterion, met) in verdicts where known.contains(criterion) && !notApplicable.contains(criterion) {
            notAssessed.remove(criterion)
            if met { unmet.remove(criterion) } else { unmet.insert(criterion) }
        }
        let metCount = known.subtracting(unmet).subtracting(notAssessed).subtracting(notApplicable).count
        let conditionsFailed = level == .building && self.met == self.total && self.total > 0
        let level: ScorecardLevel = metCount == 0 && unmet.isEmpty ? .notAssessed
            : (metCount == total && total > 0 && !conditionsFailed ? .reachedStandard : .building)
        return ScoreSummary(setCode: setCode, met: metCount, total: total, unmet: unmet.sorted(), notAssessed: notAssessed.sorted(),
                            notApplicable: notApplicable, level: level, assessedOn: assessedOn)
    }
}

extension Scorecard {
    /// The full scorecard with the given criteria's verdicts replaced (criterion → met), as if
    /// declared; criteria declared not applicable stay so.
    public func applying(_ verdicts: [Int: Bool]) -> Scorecard {
        guard !verdicts.isEmpty else { return self }
        return Scorecard(set: set, results: results.map { result in
            guard let met = verdicts[result.criterion.number], result.status != .notApplicable else { return result }
            return CriterionResult(criterion: result.criterion, status: met ? .met : .notMet, basis: .declaration, indicators: result.indicators,
                                   declaration: Declaration(met: met, note: nil), declarationContradicted: false)
        }, conditions: conditions)
    }
}
