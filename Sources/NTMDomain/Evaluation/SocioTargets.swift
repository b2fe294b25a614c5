/// A yearly socio-economic target (chỉ tiêu KT-XH): planned value, actual value, and which way is better.
public struct SocioTarget: Hashable, Sendable {
    public enum Direction: String, Codable, Hashable, Sendable, CaseIterable {
        /// Growth, income, revenue: reaching the plan or more is met.
        case higher
        /// Poverty rate, losses: staying at the plan or below is met.
        case lower
    }

    public var code: String
    public var name: String
    public var unit: String?
    public var direction: Direction
    public var plan: Double
    public var actual: Double?

    public init(code: String, name: String, unit: String? = nil, direction: Direction, plan: Double, actual: Double? = nil) {
        self.code = code
        self.name = name
        self.unit = unit
        self.direction = direction
        self.plan = plan
        self.actual = actual
    }

    public var status: Status {
        guard let actual else { return .notAssessed }
        switch direction {
        case .higher: return actual >= plan ? .met : .notMet
        case .lower: return actual <= plan ? .met : .notMet
        }
    }
}

extension Array where Element == SocioTarget {
    /// "32/39": targets met or exceeded, out of all targets of the year.
    public var metCount: Int { filter { $0.status == .met }.count }
}

/// The recognition ladder of a unit: each grade counts only if the grade it requires is held.
public enum Ladder {
    public struct Rung: Hashable, Sendable {
        public let grade: CriteriaSetDefinition.Grade
        public let level: ScorecardLevel
        /// The required lower grade is not recognised, so this rung cannot be claimed yet.
        public let blockedBy: CriteriaSetDefinition.Grade?
    }

    /// `levels`: each grade's own level (from its set and recognitions), lowest first.
    public static func climb(_ levels: [(grade: CriteriaSetDefinition.Grade, requires: CriteriaSetDefinition.Grade?, level: ScorecardLevel)]) -> [Rung] {
        var recognised = Set<CriteriaSetDefinition.Grade>()
        return levels.map { entry in
            if entry.level == .recognised { recognised.insert(entry.grade) }
            let blocked = entry.requires.flatMap { recognised.contains($0) ? nil : $0 }
            return Rung(grade: entry.grade, level: entry.level, blockedBy: blocked)
        }
    }
}
