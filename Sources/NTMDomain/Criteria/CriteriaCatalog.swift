/// All loaded criteria sets; answers "which set is in force for this unit on this day".
public struct CriteriaCatalog: Sendable {
    public let definitions: [CriteriaSetDefinition]
    /// Every set that resolves, folded once: a catalog is built once per edit and read per unit.
    private let resolved: [String: CriteriaSet]

    public init(_ definitions: [CriteriaSetDefinition]) {
        self.definitions = definitions
        var resolved: [String: CriteriaSet] = [:]
        for definition in definitions {
            if let set = try? Self.fold(code: definition.code, definitions: definitions) { resolved[definition.code] = set }
        }
        self.resolved = resolved
    }

    public enum ResolutionError: Error, Equatable, Sendable {
        case unknownSet(String)
        case extensionCycle([String])
    }

    /// Folds the `extends` chain: parent criteria first, a child's criterion with the same
    /// number replaces the parent's (a province may tighten one), new numbers are added.
    public func resolve(code: String) throws(ResolutionError) -> CriteriaSet {
        if let set = resolved[code] { return set }
        return try Self.fold(code: code, definitions: definitions)
    }

    private static func fold(code: String, definitions: [CriteriaSetDefinition]) throws(ResolutionError) -> CriteriaSet {
        var chain: [CriteriaSetDefinition] = []
        var next: String? = code
        while let current = next {
            guard let definition = definitions.first(where: { $0.code == current }) else {
                throw .unknownSet(current)
            }
            if chain.contains(where: { $0.code == current }) {
                throw .extensionCycle(chain.map(\.code) + [current])
            }
            chain.append(definition)
            next = definition.extends
        }
        var byNumber: [Int: Criterion] = [:]
        var groups: [CriterionGroup] = []
        for definition in chain.reversed() {
            for criterion in definition.criteria { byNumber[criterion.number] = criterion }
            for group in definition.groups where !groups.contains(where: { $0.code == group.code }) {
                groups.append(group)
            }
        }
        return CriteriaSet(definition: chain[0], lineage: chain.reversed().map(\.code),
                           criteria: Array(byNumber.values), groups: groups,
                           communeGroups: chain.first { !$0.communeGroups.isEmpty }?.communeGroups ?? [])
    }

    /// The set that scores a unit of `level` in `provinceCode` on `day`, at the given grade.
    /// A provincial extension in force beats its national parent; a deeper chain beats a shallower one.
    public func inForce(level: AdminLevel, provinceCode: String?, on day: Day, grade: CriteriaSetDefinition.Grade = .standard) -> CriteriaSet? {
        let candidates = definitions.filter { definition in
            definition.level == level && definition.grade == grade && definition.effective.contains(day)
                && (definition.province == nil || definition.province == provinceCode)
        }
        let resolved = candidates.compactMap { try? resolve(code: $0.code) }
            .filter { set in
                // Every ancestor must also be in force that day and apply to the province.
                set.lineage.allSatisfy { code in candidates.contains { $0.code == code } }
            }
        return resolved.max { lhs, rhs in
            let lhsScore = (lhs.lineage.count, lhs.definition.province == nil ? 0 : 1)
            let rhsScore = (rhs.lineage.count, rhs.definition.province == nil ? 0 : 1)
            return lhsScore < rhsScore
        }
    }
}
