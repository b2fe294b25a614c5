import Fluent
import NTMDomain
import Vapor

/// A merged unit's recognition standing on a day: from which merger, under which rule, and what
/// each predecessor held on the day before it.
struct MergedUnitStanding: Sendable {
    var mergedOn: Day
    var rule: MergerRecognitionRule
    /// Where the rule comes from (the province's decision); nil when the fallback applied.
    var ruleSource: String?
    var standing: MergerStanding
    var predecessors: [PredecessorRecognition]
}

enum MergerStandingQueries {
    /// Standings of the units among `units` that were formed or enlarged by a merger on or before
    /// `day`. A constant number of statements whatever the number of units: one when no unit has
    /// predecessors, otherwise one per reform generation plus units, recognitions and rules.
    static func standings(for units: [AdminUnit], grade: CriteriaSetDefinition.Grade, on day: Day,
                          db: any Database) async throws -> [UUID: MergedUnitStanding] {
        let ids = units.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        let rows = try await UnitLineageQueries.incoming(to: ids, on: day, db: db)
        let links = Dictionary(grouping: rows, by: { $0.$successor.id })
        guard ids.contains(where: { links[$0] != nil }) else { return [:] }
        var unitOf = Dictionary(units.compactMap { u in u.id.map { ($0, u) } }, uniquingKeysWith: { a, _ in a })
        for row in rows { unitOf[row.$predecessor.id] = row.predecessor }
        let involved = Array(unitOf.keys)
        let recognitions = Dictionary(grouping: try await Recognition.query(on: db).filter(\.$unit.$id ~~ involved)
            .filter(\.$grade == grade).all(), by: { $0.$unit.id })
        let rules = try await MergerRecognitionRuleRecord.query(on: db).sort(\.$validFrom, .descending).all()

        let calculator = Calculator(links: links, unitOf: unitOf, recognitions: recognitions, rules: rules)
        var result: [UUID: MergedUnitStanding] = [:]
        for id in ids { result[id] = calculator.standing(of: id, on: day) }
        return result
    }

    /// The recursion over generations, on loaded rows only.
    private struct Calculator {
        let links: [UUID: [UnitLineage]]
        let unitOf: [UUID: AdminUnit]
        let recognitions: [UUID: [Recognition]]
        let rules: [MergerRecognitionRuleRecord]

        /// The latest merger into `id` on or before `day`, judged under the rule then in force.
        func standing(of id: UUID, on day: Day) -> MergedUnitStanding? {
            guard let unit = unitOf[id],
                  let mergedOn = (links[id] ?? []).compactMap({ Day($0.effective) }).filter({ $0 <= day }).max() else { return nil }
            let eve = mergedOn.adding(days: -1)
            var predecessors = (links[id] ?? []).filter { $0.effective == mergedOn.iso }.compactMap { link -> PredecessorRecognition? in
                guard let predecessor = unitOf[link.$predecessor.id] else { return nil }
                return PredecessorRecognition(code: predecessor.code, name: predecessor.name, recognised: holds(link.$predecessor.id, on: eve))
            }
            // A unit that continued through the merger and absorbed others is one of its own predecessors.
            let continued = unit.window.from.map { $0 < mergedOn } ?? true
            if continued, !predecessors.contains(where: { $0.code == unit.code && $0.name == unit.name }) {
                predecessors.insert(PredecessorRecognition(code: unit.code, name: unit.name, recognised: holds(id, on: eve)), at: 0)
            }
            let rule = rules.first { $0.provinceCode == unit.provinceCode && $0.validFrom <= mergedOn.iso }
            let ruleValue = rule?.rule ?? .fallback
            return MergedUnitStanding(mergedOn: mergedOn, rule: ruleValue, ruleSource: rule.map { [$0.decision, $0.source].compactMap { $0 }.joined(separator: " · ") },
                                      standing: MergerStanding.derive(predecessors, rule: ruleValue), predecessors: predecessors)
        }

        /// Whether `id` held the grade on `day`: a decision of its own since its latest merger, or an inherited standing.
        func holds(_ id: UUID, on day: Day) -> Bool {
            let merger = standing(of: id, on: day)
            let own = (recognitions[id] ?? []).contains { $0.inForce(on: day) && $0.counts(after: merger) }
            return own || merger?.standing == .inherited
        }
    }
}

extension Recognition {
    /// A unit's own decision counts for it unless it predates the unit's latest merger: what the
    /// old unit held then speaks only through the province's merger rule.
    func counts(after merger: MergedUnitStanding?) -> Bool {
        merger.map { decidedOn >= $0.mergedOn.iso } ?? true
    }
}

/// Commune groups (QĐ 51/2025) on a day, for the evaluations that select thresholds by group.
enum CommuneGroupQueries {
    /// Every dated group of `ids`: one statement.
    static func assignments(of ids: [UUID], db: any Database) async throws -> [UUID: [CommuneGroupAssignment]] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(grouping: try await CommuneGroupAssignment.query(on: db).filter(\.$unit.$id ~~ ids).all(), by: { $0.$unit.id })
    }

    static func group(in assignments: [CommuneGroupAssignment]?, on day: Day) -> CommuneGroupAssignment? {
        assignments?.filter { $0.inForce(on: day) }.max { $0.validFrom < $1.validFrom }
    }
}
