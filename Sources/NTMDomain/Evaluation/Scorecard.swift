/// Met, not met, not assessed, or declared not applicable to the unit (không áp dụng: criterion 7
/// "market" where none is planned). A missing value is never silently met.
public enum Status: String, Codable, Hashable, Sendable {
    case met
    case notMet = "not-met"
    case notAssessed = "not-assessed"
    case notApplicable = "not-applicable"
}

/// How far a unit has come on one set: still building; every criterion met ("chạm chuẩn",
/// awaiting appraisal); or recognised by a decision ("đạt chuẩn"). Only a decision recognises.
public enum ScorecardLevel: String, Codable, Hashable, Sendable {
    case notAssessed = "not-assessed"
    case building
    case reachedStandard = "reached-standard"
    case recognised

    /// The level once a recognition decision in force is taken into account. A recognised unit
    /// stays recognised even if a later assessment falls short: that is flagged for review
    /// (`Scorecard.recognitionAtRisk`), never silently revoked.
    public func with(recognised: Bool) -> ScorecardLevel {
        recognised ? .recognised : self
    }
}

public struct IndicatorResult: Hashable, Sendable {
    public let indicator: Indicator
    public let value: IndicatorValue?
    /// The threshold that applied (region and year considered), if the set gives one.
    public let threshold: Threshold?
    public let status: Status
}

public struct CriterionResult: Hashable, Sendable {
    public enum Basis: String, Codable, Hashable, Sendable {
        /// Every indicator had a value; the engine decided.
        case indicators
        /// Only a declared verdict was recorded.
        case declaration
        /// Some indicators measured and failing; no declaration needed to know it is not met.
        case partialIndicators = "partial-indicators"
        case none
    }

    public let criterion: Criterion
    public let status: Status
    public let basis: Basis
    public let indicators: [IndicatorResult]
    public let declaration: Declaration?
    /// A declaration that the measured indicators contradict; shown so someone looks at it.
    public let declarationContradicted: Bool
}

public struct Scorecard: Hashable, Sendable {
    public let set: CriteriaSet
    public let results: [CriterionResult]
    /// The set's conditions outside the numbered criteria; the grade needs them all.
    public let conditions: [IndicatorResult]

    public init(set: CriteriaSet, results: [CriterionResult], conditions: [IndicatorResult] = []) {
        self.set = set
        self.results = results
        self.conditions = conditions
    }

    /// Applicable criteria only: a commune with no market planned is scored 19/19.
    public var total: Int { results.count - notApplicable.count }
    public var met: Int { results.filter { $0.status == .met }.count }
    public var unmet: [CriterionResult] { results.filter { $0.status == .notMet } }
    public var notAssessed: [CriterionResult] { results.filter { $0.status == .notAssessed } }
    public var notApplicable: [CriterionResult] { results.filter { $0.status == .notApplicable } }

    /// Every applicable criterion met ("chạm chuẩn" needs the conditions too; a dossier may open on this).
    public var allCriteriaMet: Bool { total > 0 && met == total }

    public var level: ScorecardLevel {
        if results.allSatisfy({ $0.status == .notAssessed || $0.status == .notApplicable }) { return .notAssessed }
        let conditionsHold = conditions.allSatisfy { $0.status == .met }
        return allCriteriaMet && conditionsHold ? .reachedStandard : .building
    }

    public func result(number: Int) -> CriterionResult? {
        results.first { $0.criterion.number == number }
    }
}
