/// A criteria set ready to score with: a definition with its parents' criteria folded in.
/// "QĐ 318 + Hà Tĩnh" is the national 19 plus the province's criterion 20.
public struct CriteriaSet: Hashable, Sendable {
    public let definition: CriteriaSetDefinition
    /// Codes from the root national set down to this one.
    public let lineage: [String]
    public let criteria: [Criterion]
    public let groups: [CriterionGroup]
    /// The commune groups thresholds may be keyed by: the set's own, else its nearest parent's.
    public let communeGroups: [CriterionGroup]

    public var code: String { definition.code }
    public var name: LocalizedText { definition.name }
    public var level: AdminLevel { definition.level }
    public var effective: DateWindow { definition.effective }

    public init(definition: CriteriaSetDefinition, lineage: [String], criteria: [Criterion], groups: [CriterionGroup],
                communeGroups: [CriterionGroup]? = nil) {
        self.definition = definition
        self.lineage = lineage
        self.criteria = criteria.sorted { $0.number < $1.number }
        self.groups = groups
        self.communeGroups = communeGroups ?? definition.communeGroups
    }

    /// The definition with the parents' criteria and groups folded in, as one self-contained document.
    public var resolvedDefinition: CriteriaSetDefinition {
        var definition = self.definition
        definition.criteria = criteria
        definition.groups = groups
        definition.communeGroups = communeGroups
        return definition
    }

    public func criterion(number: Int) -> Criterion? {
        criteria.first { $0.number == number }
    }

    public func indicator(code: String) -> (Criterion, Indicator)? {
        for criterion in criteria {
            if let indicator = criterion.indicators.first(where: { $0.code == code }) {
                return (criterion, indicator)
            }
        }
        return nil
    }

    /// An indicator of a criterion, or one of the set's conditions.
    public func anyIndicator(code: String) -> Indicator? {
        indicator(code: code)?.1 ?? definition.conditions.first { $0.code == code }
    }

    public func group(code: String?) -> CriterionGroup? {
        groups.first { $0.code == code }
    }

    /// True when any threshold or the set itself still awaits checking against the legal text.
    public var hasUnverifiedParts: Bool {
        !definition.verified || criteria.contains { $0.indicators.contains { !$0.verified } }
    }
}
