/// The closure of the unit tree: one (ancestor, descendant, depth) entry for every unit and each
/// of its ancestors, itself included at depth 0. Stored, it turns "every commune under province
/// 38" into one indexed query instead of one query per level or per unit.
public enum UnitClosure {
    public struct Entry<ID: Hashable & Sendable>: Hashable, Sendable {
        public let ancestor: ID
        public let descendant: ID
        public let depth: Int
    }

    /// Entries for `units` (id → parent id), given the known ancestor chains (nearest first) of
    /// parents that are not among them. A unit whose parent is unknown is a root.
    /// A cycle in the parent links stops at the repeated unit instead of looping.
    public static func entries<ID>(units: [(id: ID, parent: ID?)], knownChains: [ID: [ID]] = [:]) -> [Entry<ID>] {
        let parentOf = Dictionary(units.map { ($0.id, $0.parent) }, uniquingKeysWith: { a, _ in a })
        var chains = knownChains
        func chain(of id: ID, visiting: Set<ID> = []) -> [ID] {
            if let known = chains[id] { return known }
            guard !visiting.contains(id) else { return [] }
            var result: [ID] = []
            if let parentEntry = parentOf[id], let parent = parentEntry {
                result = [parent] + chain(of: parent, visiting: visiting.union([id]))
            }
            chains[id] = result
            return result
        }
        var entries: [Entry<ID>] = []
        entries.reserveCapacity(units.count * 4)
        for unit in units {
            entries.append(Entry(ancestor: unit.id, descendant: unit.id, depth: 0))
            for (index, ancestor) in chain(of: unit.id).enumerated() {
                entries.append(Entry(ancestor: ancestor, descendant: unit.id, depth: index + 1))
            }
        }
        return entries
    }
}
