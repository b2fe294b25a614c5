import Fluent
import NTMDomain
import Vapor

/// A unit's scorecard on a day: the set that applies, the assessment it rests on, the verdicts.
struct UnitScorecard {
    let unit: AdminUnit
    let set: CriteriaSet?
    /// The latest assessment on or before the day, if any.
    let assessment: Assessment?
    let scorecard: Scorecard?
    /// The recognition decision at the set's grade in force on the day, if any.
    let recognition: Recognition?

    var met: Int { scorecard?.met ?? 0 }
    var total: Int { scorecard?.total ?? set?.criteria.count ?? 0 }
    var level: ScorecardLevel { (scorecard?.level ?? .notAssessed).with(recognised: recognition != nil) }
    /// Recognised, but the latest assessment no longer meets every criterion: someone must review it.
    var recognitionAtRisk: Bool { recognition != nil && (scorecard?.unmet.isEmpty == false) }
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

    static func scorecard(for unit: AdminUnit, setCode: String?, on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> UnitScorecard {
        let set = try set(for: unit, code: setCode, on: day, catalog: catalog)
        return try await scorecards(for: [unit], set: { _ in set }, on: day, db: db)[0]
    }

    /// Scorecards for many units with one query for their assessments (a district's communes).
    static func scorecards(for units: [AdminUnit], set: (AdminUnit) -> CriteriaSet?, on day: Day, db: any Database) async throws -> [UnitScorecard] {
        let ids = units.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let assessments = try await Assessment.query(on: db)
            .filter(\.$unit.$id ~~ ids)
            .filter(\.$asOf <= day.iso)
            .sort(\.$asOf, .descending)
            .with(\.$values).with(\.$declarations)
            .all()
        let recognitions = try await Recognition.query(on: db).filter(\.$unit.$id ~~ ids).all().filter { $0.inForce(on: day) }
        // Targets linked to an indicator (income → 10.1…) fill values an assessment of that year lacks.
        let linkedTargets = try await SocioTargetRecord.query(on: db).filter(\.$unit.$id ~~ ids).filter(\.$linkedIndicator != nil).all()
        var derived: [UUID: [String: IndicatorValue]] = [:]
        for unit in units {
            if let set = set(unit), set.definition.conditions.contains(where: { $0.derived != nil }) {
                derived[unit.id!] = try await DerivedValues.compute(for: unit, set: set, on: day, db: db)
            }
        }
        return units.map { unit in
            guard let set = set(unit) else {
                return UnitScorecard(unit: unit, set: nil, assessment: nil, scorecard: nil, recognition: nil)
            }
            let latest = assessments.first { $0.$unit.id == unit.id && $0.setCode == set.code }
            let extra = derived[unit.id!] ?? [:]
            let assessedYear = latest.flatMap { Day($0.asOf)?.year } ?? day.year
            let linked = Dictionary(linkedTargets.filter { $0.$unit.id == unit.id && $0.year == assessedYear }
                .compactMap { t in t.actual.map { (t.linkedIndicator!, IndicatorValue.number($0)) } }, uniquingKeysWith: { a, _ in a })
            let scorecard = latest.map { evaluate($0, set: set, unit: unit, derived: extra, linked: linked) }
                ?? Evaluator.evaluate(set, input: AssessmentInput(values: linked.merging(extra) { _, computed in computed }),
                                      region: unit.region ?? Region.general, year: day.year)
            let recognition = recognitions.filter { $0.$unit.id == unit.id && $0.grade == set.definition.grade }.max { $0.decidedOn < $1.decidedOn }
            return UnitScorecard(unit: unit, set: set, assessment: latest, scorecard: scorecard, recognition: recognition)
        }
    }

    static func evaluate(_ assessment: Assessment, set: CriteriaSet, unit: AdminUnit, derived: [String: IndicatorValue] = [:],
                         linked: [String: IndicatorValue] = [:]) -> Scorecard {
        var values = Dictionary(assessment.values.compactMap { v in v.value.map { (v.indicatorCode, $0) } }, uniquingKeysWith: { a, _ in a })
        // A value typed into the assessment wins over one fed from a linked target.
        values.merge(linked) { typed, _ in typed }
        // Values computed from the units below replace anything typed in for them.
        values.merge(derived) { _, computed in computed }
        let declarations = Dictionary(assessment.declarations.map { ($0.criterionNumber, Declaration(met: $0.met, note: $0.note)) },
                                      uniquingKeysWith: { a, _ in a })
        let year = Day(assessment.asOf)?.year ?? Day.today.year
        return Evaluator.evaluate(set, input: AssessmentInput(values: values, declarations: declarations),
                                  region: unit.region ?? Region.general, year: year)
    }

    /// Every assessment of a unit, newest first, each scored by its own set: "how that changed".
    static func history(of unit: AdminUnit, catalog: CriteriaCatalog, db: any Database) async throws -> [(assessment: Assessment, set: CriteriaSet?, scorecard: Scorecard?)] {
        let assessments = try await Assessment.query(on: db)
            .filter(\.$unit.$id == unit.requireID())
            .sort(\.$asOf, .descending)
            .with(\.$values).with(\.$declarations)
            .all()
        return assessments.map { assessment in
            let set = try? catalog.resolve(code: assessment.setCode)
            return (assessment, set, set.map { evaluate(assessment, set: $0, unit: unit) })
        }
    }
}

/// Names of levels in both languages, for messages and pages.
enum LevelNames {
    static func name(_ level: AdminLevel, _ language: Language) -> String {
        switch (level, language) {
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
