import Fluent
import NTMDomain
import Vapor

/// Values a set says are computed, not typed in: "share-recognised:commune:standard" is the percent
/// of the communes below the unit recognised at that grade on the day.
enum DerivedValues {
    static func compute(for unit: AdminUnit, set: CriteriaSet, on day: Day, db: any Database) async throws -> [String: IndicatorValue] {
        let below = try await UnitQueries.subtree(unit, on: day, db: db).dropFirst()
        let recognitions = try await Recognition.query(on: db).filter(\.$unit.$id ~~ below.compactMap(\.id)).all().filter { $0.inForce(on: day) }
        var values: [String: IndicatorValue] = [:]
        for condition in set.definition.conditions {
            guard let rule = condition.derived else { continue }
            let parts = rule.split(separator: ":").map(String.init)
            guard parts.count == 3, parts[0] == "share-recognised", let level = AdminLevel(rawValue: parts[1]),
                  let grade = CriteriaSetDefinition.Grade(rawValue: parts[2]) else { continue }
            let units = below.filter { $0.level == level }
            // No unit of that level below: nothing to count, so the condition stays "not assessed".
            guard !units.isEmpty else { continue }
            let recognised = units.filter { u in recognitions.contains { $0.$unit.id == u.id && $0.grade == grade } }.count
            values[condition.code] = .number((Double(recognised) * 1000 / Double(units.count)).rounded() / 10)
        }
        return values
    }
}
