import Fluent
import NTMDomain
import SQLKit
import Vapor

/// A unit's scorecard on a day: the set that applies, the stored or freshly evaluated summary,
/// and — for a single unit's page — the full evaluation and the assessment it rests on.
struct UnitScorecard {
    let unit: AdminUnit
    let set: CriteriaSet?
    let summary: ScoreSummary?
    /// The recognition decision at the set's grade in force on the day, if any.
    let recognition: Recognition?
    /// Full detail (every indicator), only when evaluated for one unit.
    var scorecard: Scorecard? = nil
    /// The latest assessment on or before the day, only when evaluated for one unit.
    var assessment: Assessment? = nil
    /// For a unit formed by a merger: what it inherits from its predecessors under the province's rule.
    var merger: MergedUnitStanding? = nil
    /// The unit's commune group on the day (sets keyed by group), only when evaluated for one unit.
    var communeGroup: CommuneGroupAssignment? = nil

    var met: Int { summary?.met ?? 0 }
    var total: Int { summary?.total ?? set?.criteria.count ?? 0 }
    /// Recognised by a decision of its own, or by its predecessors' recognitions where the rule carries them over.
    var isRecognised: Bool { recognition != nil || merger?.standing == .inherited }
    /// Formed by a merger from partly recognised units: waits for the province to re-acknowledge it.
    var awaitingAcknowledgement: Bool { recognition == nil && merger?.standing == .awaitingAcknowledgement }
    var level: ScorecardLevel { (summary?.level ?? .notAssessed).with(recognised: isRecognised) }
    var assessedOn: Day? { summary?.assessedOn }
    /// Recognised, but the latest assessment no longer meets every criterion: someone must review it.
    var recognitionAtRisk: Bool { isRecognised && (summary?.unmet.isEmpty == false) }
    var unmetCriteria: [Criterion] { criteria(summary?.unmet) }
    var notAssessedCriteria: [Criterion] { criteria(summary?.notAssessed) }
    var notApplicableCriteria: [Criterion] { criteria(summary?.notApplicable) }

    private func criteria(_ numbers: [Int]?) -> [Criterion] {
        guard let set, let numbers else { return [] }
        return numbers.compactMap(set.criterion(number:))
    }
}

enum ScorecardQueries {
    /// The set given by code (checked against the unit's level), or the one in force for the unit.
    static func set(for unit: AdminUnit, code: String?, on day: Day, catalog: CriteriaCatalog) throws -> CriteriaSet? {
        guard let code, !code.isEmpty else {
            return catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day)
        }
        let set = try CriteriaQueries.resolve(code: code, catalog: catalog)
        guard set.level == unit.level else {
            throw AppError(.unprocessableEntity, field: "set",
                           vi: "Bộ tiêu chí \(code) dành cho cấp \(LevelNames.name(set.level, .vi)), không áp dụng cho \(unit.name)",
                           en: "Criteria set \(code) is for \(LevelNames.name(set.level, .en)) units, not for \(unit.name)")
        }
        return set
    }

    /// Scorecards of many units on a day read from the read model (lists, roll-ups, maps): the set
    /// in force for each, its stored summary, the recognition in force. Two statements in all.
    static func stored(_ units: [AdminUnit], scope: ScorecardStore.Scope, on day: Day, catalog: CriteriaCatalog,
                       grade: CriteriaSetDefinition.Grade = .standard, db: any Database) async throws -> [UnitScorecard] {
        guard !units.isEmpty else { return [] }
        var setFor: [String: CriteriaSet?] = [:]
        let sets = units.map { unit in
            let key = "\(unit.level.rawValue)|\(unit.provinceCode)"
            if let known = setFor[key] { return known }
            let set = catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day, grade: grade)
            setFor[key] = set
            return set
        }
        let codes = Array(Set(sets.compactMap { $0?.code }))
        guard !codes.isEmpty else { return units.map { UnitScorecard(unit: $0, set: nil, summary: nil, recognition: nil) } }
        let summaries = try await ScorecardStore.latest(scope, setCodes: codes, on: day, db: db)
        let recognitions: [Recognition]
        switch scope {
        case .below(let ancestorID, let maxDepth):
            recognitions = try await UnitTree.rowsBelow(ancestorID, table: Recognition.schema, maxDepth: maxDepth, db: db)
                .where(SQLColumn("grade", table: Recognition.schema), .equal, SQLBind(grade.rawValue))
                .where(SQLColumn("decided_on", table: Recognition.schema), .lessThanOrEqual, SQLBind(day.iso))
                .all().map { try $0.decode(fluentModel: Recognition.self) }
        case .units(let ids):
            recognitions = try await Recognition.query(on: db).filter(\.$unit.$id ~~ ids).filter(\.$grade == grade)
                .filter(\.$decidedOn <= day.iso).all()
        }
        let mergers = try await MergerStandingQueries.standings(for: units, grade: grade, on: day, db: db)
        var recognitionOf: [UUID: Recognition] = [:]
        for recognition in recognitions where recognition.inForce(on: day) {
            let unitID = recognition.$unit.id
            if !recognition.counts(after: mergers[unitID]) { continue }
            if let known = recognitionOf[unitID], known.decidedOn >= recognition.decidedOn { continue }
            recognitionOf[unitID] = recognition
        }
        return zip(units, sets).map { unit, set in
            UnitScorecard(unit: unit, set: set,
                          summary: set.map { set in unit.id.flatMap { summaries[$0]?[set.code] } ?? .nothingRecorded(in: set) },
                          recognition: set == nil ? nil : unit.id.flatMap { recognitionOf[$0] },
                          merger: set == nil ? nil : unit.id.flatMap { mergers[$0] })
        }
    }

    static func scorecard(for unit: AdminUnit, setCode: String?, on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> UnitScorecard {
        let set = try set(for: unit, code: setCode, on: day, catalog: catalog)
        // No set applies (a province, the country): nothing to read.
        guard set != nil else { return UnitScorecard(unit: unit, set: nil, summary: nil, recognition: nil) }
        return try await scorecards(for: [unit], set: { _ in set }, on: day, db: db)[0]
    }

    /// Scorecards for many units with one query for their assessments (a district's communes).
    /// `alsoRecognised`: units below counted as recognised by sets that derive from them (what-if only).
    static func scorecards(for units: [AdminUnit], set: (AdminUnit) -> CriteriaSet?, on day: Day, alsoRecognised: Set<UUID> = [],
                           db: any Database) async throws -> [UnitScorecard] {
        let ids = units.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let assessments = try await Assessment.query(on: db)
            .filter(\.$unit.$id ~~ ids)
            .filter(\.$asOf <= day.iso)
            .sort(\.$asOf, .descending)
            .with(\.$values).with(\.$declarations)
            .all()
        let recognitions = try await Recognition.query(on: db).filter(\.$unit.$id ~~ ids).all().filter { $0.inForce(on: day) }
        let groups = try await CommuneGroupQueries.assignments(of: ids, db: db)
        var mergers: [UUID: MergedUnitStanding] = [:]
        for grade in Set(units.compactMap { set($0)?.definition.grade }) {
            let graded = units.filter { set($0)?.definition.grade == grade }
            mergers.merge(try await MergerStandingQueries.standings(for: graded, grade: grade, on: day, db: db)) { a, _ in a }
        }
        // Targets linked to an indicator (income → 10.1…) fill values an assessment of that year lacks.
        let linkedTargets = try await SocioTargetRecord.query(on: db).filter(\.$unit.$id ~~ ids).filter(\.$linkedIndicator != nil).all()
        var derived: [UUID: [String: IndicatorValue]] = [:]
        for unit in units {
            if let set = set(unit), set.definition.conditions.contains(where: { $0.derived != nil }) {
                derived[unit.id!] = try await DerivedValues.compute(for: unit, set: set, on: day, alsoRecognised: alsoRecognised, db: db)
            }
        }
        return units.map { unit in
            guard let set = set(unit) else {
                return UnitScorecard(unit: unit, set: nil, summary: nil, recognition: nil)
            }
            let latest = assessments.first { $0.$unit.id == unit.id && $0.setCode == set.code }
            let extra = derived[unit.id!] ?? [:]
            let assessedYear = latest.flatMap { Day($0.asOf)?.year } ?? day.year
            let linked = Dictionary(linkedTargets.filter { $0.$unit.id == unit.id && $0.year == assessedYear }
                .compactMap { t in t.actual.map { (t.linkedIndicator!, IndicatorValue.number($0)) } }, uniquingKeysWith: { a, _ in a })
            let ownGroups = groups[unit.id!]
            let groupToday = CommuneGroupQueries.group(in: ownGroups, on: day)
            let scorecard = latest.map { evaluate($0, set: set, unit: unit, groups: ownGroups, derived: extra, linked: linked) }
                ?? Evaluator.evaluate(set, input: AssessmentInput(typed: [:], linked: linked, derived: extra),
                                      region: unit.region ?? Region.general, group: groupToday?.groupCode, year: day.year)
            let merger = mergers[unit.id!]
            let recognition = recognitions.filter { $0.$unit.id == unit.id && $0.grade == set.definition.grade && $0.counts(after: merger) }
                .max { $0.decidedOn < $1.decidedOn }
            return UnitScorecard(unit: unit, set: set, summary: ScoreSummary(scorecard, assessedOn: latest.flatMap { Day($0.asOf) }),
                                 recognition: recognition, scorecard: scorecard, assessment: latest, merger: merger,
                                 communeGroup: groupToday)
        }
    }

    static func evaluate(_ assessment: Assessment, set: CriteriaSet, unit: AdminUnit, groups: [CommuneGroupAssignment]?,
                         derived: [String: IndicatorValue] = [:], linked: [String: IndicatorValue] = [:]) -> Scorecard {
        let values = Dictionary(assessment.values.compactMap { v in v.value.map { (v.indicatorCode, $0) } }, uniquingKeysWith: { a, _ in a })
        let declarations = Dictionary(assessment.declarations.map { ($0.criterionNumber, $0.declaration) },
                                      uniquingKeysWith: { a, _ in a })
        let day = Day(assessment.asOf) ?? Day.today
        return Evaluator.evaluate(set, input: AssessmentInput(typed: values, linked: linked, derived: derived, declarations: declarations),
                                  region: unit.region ?? Region.general, group: CommuneGroupQueries.group(in: groups, on: day)?.groupCode,
                                  year: day.year)
    }

    /// Every assessment of a unit, newest first, each scored by its own set: "how that changed".
    static func history(of unit: AdminUnit, catalog: CriteriaCatalog, db: any Database) async throws -> [(assessment: Assessment, set: CriteriaSet?, scorecard: Scorecard?)] {
        let assessments = try await Assessment.query(on: db)
            .filter(\.$unit.$id == unit.requireID())
            .sort(\.$asOf, .descending)
            .with(\.$values).with(\.$declarations)
            .all()
        let groups = try await CommuneGroupQueries.assignments(of: [unit.requireID()], db: db)[unit.requireID()]
        return assessments.map { assessment in
            let set = try? catalog.resolve(code: assessment.setCode)
            return (assessment, set, set.map { evaluate(assessment, set: $0, unit: unit, groups: groups) })
        }
    }
}

/// Names of levels in both languages, for messages and pages.
enum LevelNames {
    static func name(_ level: AdminLevel, _ language: Language) -> String {
        switch (level, language) {
        case (.country, .vi): "cả nước"
        case (.province, .vi): "tỉnh"
        case (.district, .vi): "huyện"
        case (.commune, .vi): "xã"
        case (.town, .vi): "thị trấn"
        case (.ward, .vi): "phường"
        case (.village, .vi): "thôn"
        case (let level, .en): level.rawValue
        }
    }
}
