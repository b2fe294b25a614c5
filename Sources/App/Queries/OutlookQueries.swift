import Fluent
import Foundation
import NTMDomain
import Vapor

/// A unit's communes on a day with their forecast: what the forecast, back-test, allocation and
/// what-if pages and API read. A constant number of statements whatever the number of communes.
struct ForecastReport {
    let unit: AdminUnit
    let day: Day
    let target: Day
    let cards: [UnitScorecard]
    let forecasts: [UnitForecast]
    let history: CriterionHistory
    /// Unit code → criterion → the plan task expected to finish it last ("Đường 06").
    let lastTasks: [String: [Int: String]]

    /// Not at standard on the day: the ones a forecast is about.
    var open: [UnitForecast] { forecasts.filter { !$0.atStandard } }
    var onTime: [UnitForecast] { open.filter { $0.onTime(target) } }
    var late: [UnitForecast] { open.filter { !$0.onTime(target) } }
}

enum OutlookQueries {
    /// Forecasts for the communes of `unit` on `day`; `verdicts` (unit code → criterion → met) are
    /// hypothetical changes laid over the stored scorecards, never written.
    /// `asKnownThen`: read plans' progress as recorded by the day (a back-test must not see later
    /// progress); otherwise as the plan pages show it.
    static func forecast(_ unit: AdminUnit, on day: Day, target: Day, holidays: Set<Day>, verdicts: [String: [Int: Bool]] = [:],
                         supposed: [String: [Int: Day]] = [:], asKnownThen: Bool = false, catalog: CriteriaCatalog,
                         db: any Database) async throws -> ForecastReport {
        let (units, scope) = try await UnitQueries.scored(unit, on: day, db: db)
        var cards = try await ScorecardQueries.stored(units, scope: scope, on: day, catalog: catalog, db: db)
        cards = cards.map { $0.applying(verdicts[$0.unit.code] ?? [:]) }

        // The province's record of how long criteria took, up to the day (never after it: a back-test
        // must not read the future).
        let historyRoot = try await provinceOrSelf(of: unit, on: day, db: db)
        let setCodes = Array(Set(cards.compactMap { $0.set?.code }))
        let timelines = try await ScorecardStore.timelines(below: try historyRoot.requireID(), setCodes: setCodes, upTo: day, db: db)
        var observations: [UUID: [CriteriaObservation]] = [:]
        var all: [[CriteriaObservation]] = []
        for (unitID, bySet) in timelines {
            for (code, rows) in bySet {
                guard let set = try? catalog.resolve(code: code) else { continue }
                let numbers = Set(set.criteria.map(\.number))
                let timeline = rows.map { CriteriaObservation($0.summary, day: $0.day, criteria: numbers) }
                all.append(timeline)
                observations[unitID, default: []] += timeline
            }
        }
        let history = CriterionHistory(timelines: all)

        let finishes = try await planFinishes(under: unit, units: units, on: day, holidays: holidays, asKnownThen: asKnownThen, db: db)
        let forecasts = cards.compactMap { card -> UnitForecast? in
            guard card.set != nil, let summary = card.summary, let id = card.unit.id else { return nil }
            var subject = ForecastSubject(code: card.unit.code, name: card.unit.name, met: summary.met, total: summary.total,
                                          open: summary.unmet + summary.notAssessed, timeline: observations[id] ?? [],
                                          atStandard: card.level == .recognised || card.level == .reachedStandard)
            subject.planFinish = (finishes[id] ?? [:]).mapValues(\.day)
            subject.supposedFinish = supposed[card.unit.code] ?? [:]
            return StandardForecast.forecast(subject, on: day, history: history)
        }
        let codes = Dictionary(units.compactMap { u in u.id.map { ($0, u.code) } }, uniquingKeysWith: { a, _ in a })
        let lastTasks = Dictionary(finishes.compactMap { id, byCriterion in codes[id].map { ($0, byCriterion.mapValues(\.task)) } },
                                   uniquingKeysWith: { a, _ in a })
        return ForecastReport(unit: unit, day: day, target: target, cards: cards, forecasts: forecasts, history: history, lastTasks: lastTasks)
    }

    /// Forecast made on 30/06 of `year` from the records of that day, scored against the units at
    /// standard on 31/12.
    static func backtest(_ unit: AdminUnit, year: Int, holidays: Set<Day>, catalog: CriteriaCatalog, db: any Database) async throws -> BacktestScore {
        let status = Day(year: year, month: 6, day: 30)!, end = Day(year: year, month: 12, day: 31)!
        let report = try await forecast(unit, on: status, target: end, holidays: holidays, asKnownThen: true, catalog: catalog, db: db)
        let units = report.cards.map(\.unit)
        let later = try await ScorecardQueries.stored(units, scope: .units(units.compactMap(\.id)), on: end, catalog: catalog, db: db)
        let reached = Set(later.filter { $0.level == .recognised || $0.level == .reachedStandard }.map(\.unit.code))
        return BacktestScore(forecasts: report.forecasts, target: end, reached: reached)
    }

    /// Years worth back-testing for `unit` before `day`: those with a record before their 30/06.
    static func backtestYears(_ unit: AdminUnit, before day: Day, db: any Database) async throws -> [Int] {
        let first = try await Assessment.query(on: db).filterUnit(under: unit).sort(\.$asOf).first().flatMap { Day($0.asOf) }
        guard let first else { return [] }
        let lastYear = day.month == 12 && day.day == 31 ? day.year : day.year - 1
        let firstYear = first.month <= 6 ? first.year : first.year + 1
        return firstYear <= lastYear ? Array(firstYear...lastYear) : []
    }

    /// Unit id → criterion → projected finish of its plans' tasks (and the task finishing last), as known on the day.
    static func planFinishes(under unit: AdminUnit, units: [AdminUnit], on day: Day, holidays: Set<Day>, asKnownThen: Bool,
                             db: any Database) async throws -> [UUID: [Int: (day: Day, task: String)]] {
        let byID = Dictionary(uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0, u) } })
        // A plan counts once it has started.
        let plans = try await Plan.query(on: db).filterUnit(under: unit).filter(\.$startDate <= day.iso).with(\.$tasks).all()
        let knownOn = asKnownThen ? day : nil
        var finishes: [UUID: [Int: (day: Day, task: String)]] = [:]
        for plan in plans {
            guard let owner = byID[plan.$unit.id] else { continue }
            let schedule = try PlanSchedule.make(plan, tasks: plan.tasks, unit: owner, on: day, holidays: holidays, knownOn: knownOn)
            finishes[plan.$unit.id, default: [:]].merge(schedule.criterionFinishes) { $0.day >= $1.day ? $0 : $1 }
        }
        return finishes
    }

    /// The province a unit belongs to (the record of its peers), or the unit when it is above one.
    static func provinceOrSelf(of unit: AdminUnit, on day: Day, db: any Database) async throws -> AdminUnit {
        guard ![.country, .province].contains(unit.level) else { return unit }
        return try await UnitTree.ancestors(of: unit, db: db).last { $0.level == .province } ?? unit
    }

    // MARK: Allocation

    /// The communes of the report as allocation candidates: each open criterion's unidentified gap
    /// (from the funding records of the day), sponsors' undelivered pledges when `usePledges`.
    static func candidates(_ report: ForecastReport, usePledges: Bool, assumeInTime: Bool, db: any Database) async throws -> [AllocationCandidate] {
        let funding = try await FundingQueries.report(for: report.unit, on: report.day, db: db)
        var gaps: [String: [Int: Dong]] = [:]
        for line in funding.lines { gaps[line.unitCode, default: [:]][line.criterion, default: 0] += max(0, line.need - line.identifiedTotal) }
        var pledged: [String: Dong] = [:]
        if usePledges {
            // A village's pledge counts for its commune, which is one of the report's units.
            let communeCode = Dictionary(report.cards.compactMap { card in card.unit.id.map { ($0, card.unit.code) } }, uniquingKeysWith: { a, _ in a })
            for (assignment, owner) in try await SponsorQueries.assignments(under: report.unit, on: report.day, db: db) {
                let delivered = assignment.activities.filter { $0.date <= report.day.iso }.reduce(Dong(0)) { $0 + max(0, $1.amount) }
                let commune = owner.level == .village ? (owner.$parent.id.flatMap { communeCode[$0] } ?? owner.code) : owner.code
                let allowed = assignment.criterionNumbers
                let usable = (gaps[commune] ?? [:]).filter { allowed.isEmpty || allowed.contains($0.key) }.values.reduce(0, +)
                pledged[commune, default: 0] += min(usable, max(0, assignment.pledgedMoney - delivered))
            }
        }
        return report.open.map { forecast in
            AllocationCandidate(code: forecast.code, name: forecast.name, met: forecast.met,
                                gaps: forecast.criteria.map { .init(criterion: $0.criterion, amount: gaps[forecast.code]?[$0.criterion] ?? 0) },
                                pledged: pledged[forecast.code] ?? 0,
                                inTime: assumeInTime || forecast.onTime(report.target))
        }
    }
}

extension CriteriaObservation {
    init(_ summary: ScoreSummary, day: Day, criteria: Set<Int>) {
        let open = Set(summary.unmet).union(summary.notAssessed)
        self.init(day: day, met: criteria.subtracting(open).subtracting(summary.notApplicable), open: open)
    }
}

extension UnitScorecard {
    /// The scorecard with hypothetical verdicts (criterion → met) laid over it; nothing written.
    func applying(_ verdicts: [Int: Bool]) -> UnitScorecard {
        guard !verdicts.isEmpty, let set, let summary else { return self }
        let full = scorecard?.applying(verdicts)
        var copy = UnitScorecard(unit: unit, set: set,
                                 summary: full.map { ScoreSummary($0, assessedOn: summary.assessedOn) }
                                     ?? summary.applying(verdicts, criteria: set.criteria.map(\.number)),
                                 recognition: recognition, merger: merger, communeGroup: communeGroup)
        copy.scorecard = full
        copy.assessment = assessment
        return copy
    }
}

/// A unit and its direct children as recorded and as they would be under hypothetical verdicts.
struct WhatIfOutcome {
    let unit: AdminUnit
    let day: Day
    let before: UnitScorecard
    let after: UnitScorecard
    let children: [(before: UnitScorecard, after: UnitScorecard)]
    /// Suppositions holding on the day: unit code → criterion → met.
    let verdicts: [String: [Int: Bool]]
    /// Criteria supposed met after the day: unit code → criterion → day (for the forecast).
    let later: [String: [Int: Day]]

    var totalMetBefore: Int { DistrictRollup.criteriaTotal(children.map(\.before)) }
    var totalMetAfter: Int { DistrictRollup.criteriaTotal(children.map(\.after)) }
}

extension OutlookQueries {
    /// Lays `changes` over the unit (and its direct children) on `day`: each change must name the
    /// unit or a child and a criterion of its set (422 naming the entry otherwise). A set that
    /// derives conditions from the units below (the district's "100 % of communes at standard")
    /// counts children that would reach standard as recognised. Reads only.
    static func whatIf(_ unit: AdminUnit, on day: Day, changes: [HypotheticalVerdict], catalog: CriteriaCatalog,
                       db: any Database) async throws -> WhatIfOutcome {
        let own = try await ScorecardQueries.scorecard(for: unit, setCode: nil, on: day, catalog: catalog, db: db)
        let children = UnitQueries.scoredLevels.contains(unit.level) ? [] : try await DistrictRollup.load(unit, on: day, catalog: catalog, db: db).children
        var verdicts: [String: [Int: Bool]] = [:], later: [String: [Int: Day]] = [:]
        for (k, change) in changes.enumerated() {
            guard let card = change.unit == unit.code ? own : children.first(where: { $0.unit.code == change.unit }) else {
                throw AppError(.unprocessableEntity, field: "changes[\(k)].unit",
                               vi: "Thay đổi \(k + 1): \(change.unit) không phải \(unit.name) hay đơn vị trực thuộc vào ngày \(DateFormat.format(day))",
                               en: "Change \(k + 1): \(change.unit) is neither \(unit.name) nor a unit directly below it on \(day.iso)")
            }
            guard card.set?.criterion(number: change.criterion) != nil else {
                throw AppError(.unprocessableEntity, field: "changes[\(k)].criterion",
                               vi: "Thay đổi \(k + 1): bộ tiêu chí của \(card.unit.name) không có tiêu chí \(change.criterion)",
                               en: "Change \(k + 1): the criteria set of \(card.unit.name) has no criterion \(change.criterion)")
            }
            if change.holds(on: day) {
                verdicts[change.unit, default: [:]][change.criterion] = change.met
            } else if change.met, let on = change.on {
                later[change.unit, default: [:]][change.criterion] = on
            }
        }
        let after = children.map { $0.applying(verdicts[$0.unit.code] ?? [:]) }
        let newlyAtStandard = Set(zip(children, after).filter { $1.level == .reachedStandard && $0.level != .recognised }.compactMap { $1.unit.id })
        var ownAfter = own
        if !newlyAtStandard.isEmpty, let set = own.set, set.definition.conditions.contains(where: { $0.derived != nil }) {
            ownAfter = try await ScorecardQueries.scorecards(for: [unit], set: { _ in set }, on: day, alsoRecognised: newlyAtStandard, db: db)[0]
        }
        return WhatIfOutcome(unit: unit, day: day, before: own, after: ownAfter.applying(verdicts[unit.code] ?? [:]),
                             children: Array(zip(children, after)), verdicts: verdicts, later: later)
    }
}
