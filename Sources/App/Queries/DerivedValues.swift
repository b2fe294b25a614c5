import Fluent
import NTMDomain
import Vapor

/// Values a set says are computed, not typed in: "share-recognised:commune:standard" is the percent
/// of the communes below the unit recognised at that grade on the day.
enum DerivedValues {
    /// What `compute` needs, loaded once so many days can be computed without more queries.
    struct Inputs {
        var below: [AdminUnit]
        var recognitions: [Recognition]

        /// Days on which a recognition below starts or ends: the derived values can change only then.
        var eventDays: [Day] {
            recognitions.flatMap { [Day($0.decidedOn), $0.revokedOn.flatMap(Day.init)].compactMap { $0 } }
        }
    }

    static func inputs(for unit: AdminUnit, db: any Database) async throws -> Inputs {
        let below = try await UnitTree.descendants(of: unit, on: nil, db: db)
        let recognitions = try await UnitTree.rowsBelow(unit, table: Recognition.schema, db: db)
            .all().map { try $0.decode(fluentModel: Recognition.self) }
        return Inputs(below: below, recognitions: recognitions)
    }

    static func compute(for unit: AdminUnit, set: CriteriaSet, on day: Day, alsoRecognised: Set<UUID> = [],
                        db: any Database) async throws -> [String: IndicatorValue] {
        compute(set: set, on: day, inputs: try await inputs(for: unit, db: db), alsoRecognised: alsoRecognised)
    }

    /// `alsoRecognised`: units counted as recognised at every grade whatever the records say — a
    /// what-if's communes that would reach standard.
    static func compute(set: CriteriaSet, on day: Day, inputs: Inputs, alsoRecognised: Set<UUID> = []) -> [String: IndicatorValue] {
        let below = inputs.below.filter { $0.window.contains(day) }
        let recognitions = inputs.recognitions.filter { $0.inForce(on: day) }
        var values: [String: IndicatorValue] = [:]
        for condition in set.definition.conditions {
            guard let rule = condition.derived else { continue }
            let parts = rule.split(separator: ":").map(String.init)
            guard parts.count == 3, parts[0] == "share-recognised", let level = AdminLevel(rawValue: parts[1]),
                  let grade = CriteriaSetDefinition.Grade(rawValue: parts[2]) else { continue }
            let units = below.filter { $0.level == level }
            // No unit of that level below: nothing to count, so the condition stays "not assessed".
            guard !units.isEmpty else { continue }
            let recognisedIDs = Set(recognitions.filter { $0.grade == grade }.map(\.$unit.id)).union(alsoRecognised)
            let recognised = units.filter { $0.id.map(recognisedIDs.contains) ?? false }.count
            values[condition.code] = .number((Double(recognised) * 1000 / Double(units.count)).rounded() / 10)
        }
        return values
    }
}
