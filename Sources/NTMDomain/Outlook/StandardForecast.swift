/// When will a unit reach standard? For each criterion still open, the day it is expected to be
/// met and why; the unit reaches standard when its last open criterion does.
///
/// The evidence, strongest first:
/// 1. **plan** — a plan has tasks for the criterion: their projected finish (CPM forecast from
///    actual progress). Work done is what moves a criterion, so a plan outranks any statistic.
/// 2. **history** — how long the criterion took in the province's other units (Kaplan–Meier over
///    closed and still-open runs), given how long it has been open here: the median remaining time.
/// 3. **pace** — the unit's own trend where the province's record says nothing: it gained g
///    criteria over the last D days, so each remaining criterion (quickest first) takes D/g more.
/// Nothing of these: no forecast ("chưa có cơ sở dự báo"), never a guess.
///
/// History before pace because a unit's pace mixes criteria of very different difficulty: on the
/// generated history of `ntm-benchmark outlook` history-first is right for 86 % of communes,
/// pace-first for 83 %, "nobody still open makes it" for 84 %.
public enum ForecastBasis: String, Codable, Hashable, Sendable {
    /// A what-if supposes the criterion met on a given day.
    case supposed
    case plan
    case pace
    case history
    case none
}

/// One observation of a unit's scorecard: which criteria were met and which not on a day.
public struct CriteriaObservation: Hashable, Sendable {
    public var day: Day
    public var met: Set<Int>
    public var open: Set<Int>

    public init(day: Day, met: Set<Int>, open: Set<Int>) {
        self.day = day
        self.met = met
        self.open = open
    }
}

/// How many days each criterion took to go from open to met, over many units' records. Runs still
/// open count too (censored): leaving them out would make every criterion look quicker than it is,
/// so the remaining time is read from a Kaplan–Meier survival curve.
public struct CriterionHistory: Hashable, Sendable {
    /// Criterion → days taken by the runs that closed, sorted.
    public private(set) var durations: [Int: [Int]] = [:]
    /// Criterion → days open so far of the runs still open at their unit's last observation, sorted.
    public private(set) var stillOpen: [Int: [Int]] = [:]
    /// Fewer closed runs than this say nothing about a criterion.
    public static let minimumCases = 3

    public init(durations: [Int: [Int]] = [:], stillOpen: [Int: [Int]] = [:]) {
        self.durations = durations.mapValues { $0.sorted() }
        self.stillOpen = stillOpen.mapValues { $0.sorted() }
    }

    /// Reads each unit's observations (one array per unit, any order): a run starts at the first
    /// observation where the criterion is open and ends at the first later one where it is met.
    public init(timelines: [[CriteriaObservation]]) {
        var closed: [Int: [Int]] = [:], open: [Int: [Int]] = [:]
        for timeline in timelines {
            var openedOn: [Int: Day] = [:]
            let ordered = timeline.sorted { $0.day < $1.day }
            for observation in ordered {
                for criterion in observation.open where openedOn[criterion] == nil { openedOn[criterion] = observation.day }
                for criterion in observation.met {
                    if let opened = openedOn.removeValue(forKey: criterion) {
                        closed[criterion, default: []].append(observation.day.ordinal - opened.ordinal)
                    }
                }
            }
            if let last = ordered.last {
                for (criterion, opened) in openedOn { open[criterion, default: []].append(last.day.ordinal - opened.ordinal) }
            }
        }
        self.init(durations: closed, stillOpen: open)
    }

    /// Median days still to go for a criterion open for `elapsed` days: the first closing time t
    /// after `elapsed` at which the survival curve has halved since `elapsed`. Nil when too few runs
    /// closed, or when the record does not reach that far (nothing tells, so no guess).
    public func remainingDays(criterion: Int, elapsed: Int) -> Int? {
        let curve = survival(criterion)
        guard !curve.isEmpty else { return nil }
        let atElapsed = curve.last { $0.day <= elapsed }?.surviving ?? 1
        guard atElapsed > 0, let half = curve.first(where: { $0.day > elapsed && $0.surviving <= atElapsed / 2 }) else { return nil }
        return half.day - elapsed
    }

    /// Median days a run of the criterion takes: orders criteria from quick to slow.
    public func typicalDays(criterion: Int) -> Int? {
        survival(criterion).first { $0.surviving <= 0.5 }?.day
    }

    /// Kaplan–Meier: at each closing time, the share of runs still open.
    func survival(_ criterion: Int) -> [(day: Int, surviving: Double)] {
        guard let closed = durations[criterion], closed.count >= Self.minimumCases else { return [] }
        let censored = stillOpen[criterion] ?? []
        var atRisk = closed.count + censored.count
        var surviving = 1.0, curve: [(day: Int, surviving: Double)] = []
        var i = 0, j = 0
        while i < closed.count {
            let day = closed[i]
            // Runs still open that had lasted less than this day left the risk set before it.
            while j < censored.count && censored[j] < day { atRisk -= 1; j += 1 }
            var events = 0
            while i < closed.count && closed[i] == day { events += 1; i += 1 }
            surviving *= 1 - Double(events) / Double(atRisk)
            atRisk -= events
            curve.append((day, surviving))
        }
        return curve
    }
}

/// What the forecast reads of one unit on the status day.
public struct ForecastSubject: Hashable, Sendable {
    public var code: String
    public var name: String
    public var met: Int
    public var total: Int
    /// Criteria not met or not assessed on the status day.
    public var open: [Int]
    /// The unit's own observations up to the status day (for its pace and how long each criterion is open).
    public var timeline: [CriteriaObservation]
    /// Criterion → projected finish of the plan tasks for it.
    public var planFinish: [Int: Day]
    /// Criterion → the day a what-if supposes it met (outranks everything).
    public var supposedFinish: [Int: Day] = [:]
    /// Already recognised or awaiting appraisal: nothing left to forecast.
    public var atStandard: Bool

    public init(code: String, name: String, met: Int, total: Int, open: [Int], timeline: [CriteriaObservation] = [],
                planFinish: [Int: Day] = [:], atStandard: Bool = false) {
        self.code = code
        self.name = name
        self.met = met
        self.total = total
        self.open = open
        self.timeline = timeline
        self.planFinish = planFinish
        self.atStandard = atStandard
    }
}

public struct CriterionForecast: Hashable, Sendable {
    public var criterion: Int
    public var expected: Day?
    public var basis: ForecastBasis
}

public struct UnitForecast: Hashable, Sendable {
    public var code: String
    public var name: String
    public var met: Int
    public var total: Int
    public var atStandard: Bool
    public var criteria: [CriterionForecast]

    /// The day the last open criterion is expected to be met; nil when one has no forecast.
    public var expected: Day? {
        guard !atStandard else { return nil }
        var last: Day?
        for c in criteria {
            guard let day = c.expected else { return nil }
            if last == nil || day > last! { last = day }
        }
        return last
    }

    /// At standard now, or expected on or before the target.
    public func onTime(_ target: Day) -> Bool {
        atStandard || criteria.isEmpty || (expected.map { $0 <= target } ?? false)
    }

    /// Days after the target the unit is expected to reach standard (positive when late).
    public func daysLate(_ target: Day) -> Int? {
        expected.map { $0.ordinal - target.ordinal }
    }

    /// The criteria that keep it from the target: no forecast, or expected after it.
    public func holding(_ target: Day) -> [Int] {
        criteria.filter { $0.expected.map { $0 > target } ?? true }.map(\.criterion)
    }
}

public enum StandardForecast {
    /// The pace is read over at most this many days back from the latest observation.
    public static let paceWindowDays = 3 * 365

    public static func forecast(_ subject: ForecastSubject, on statusDay: Day, history: CriterionHistory) -> UnitForecast {
        guard !subject.atStandard else {
            return UnitForecast(code: subject.code, name: subject.name, met: subject.met, total: subject.total, atStandard: true, criteria: [])
        }
        let timeline = subject.timeline.filter { $0.day <= statusDay }.sorted { $0.day < $1.day }
        let pace = daysPerCriterion(timeline)
        var results: [Int: CriterionForecast] = [:]
        // Planned criteria first; the rest from the province's history, else the unit's pace, quickest first.
        var unplanned: [Int] = []
        for criterion in subject.open {
            if let supposed = subject.supposedFinish[criterion] {
                results[criterion] = CriterionForecast(criterion: criterion, expected: max(supposed, statusDay), basis: .supposed)
            } else if let finish = subject.planFinish[criterion] {
                results[criterion] = CriterionForecast(criterion: criterion, expected: max(finish, statusDay), basis: .plan)
            } else {
                unplanned.append(criterion)
            }
        }
        unplanned.sort { (history.typicalDays(criterion: $0) ?? Int.max, $0) < (history.typicalDays(criterion: $1) ?? Int.max, $1) }
        for (k, criterion) in unplanned.enumerated() {
            if let opened = openedOn(criterion, timeline),
                      let remaining = history.remainingDays(criterion: criterion, elapsed: statusDay.ordinal - opened.ordinal) {
                results[criterion] = CriterionForecast(criterion: criterion, expected: Day(ordinal: statusDay.ordinal + remaining), basis: .history)
            } else if let pace {
                results[criterion] = CriterionForecast(criterion: criterion, expected: Day(ordinal: statusDay.ordinal + (k + 1) * pace), basis: .pace)
            } else {
                results[criterion] = CriterionForecast(criterion: criterion, expected: nil, basis: .none)
            }
        }
        return UnitForecast(code: subject.code, name: subject.name, met: subject.met, total: subject.total, atStandard: false,
                            criteria: subject.open.sorted().compactMap { results[$0] })
    }

    /// Days per criterion gained over the recent record; nil when the unit gained nothing.
    static func daysPerCriterion(_ timeline: [CriteriaObservation]) -> Int? {
        guard let latest = timeline.last else { return nil }
        let window = timeline.filter { latest.day.ordinal - $0.day.ordinal <= paceWindowDays }
        guard let first = window.first, first.day < latest.day else { return nil }
        let gained = latest.met.subtracting(first.met).count
        guard gained > 0 else { return nil }
        return max(1, (latest.day.ordinal - first.day.ordinal) / gained)
    }

    /// First day of the run in which the criterion has been open up to the latest observation.
    static func openedOn(_ criterion: Int, _ timeline: [CriteriaObservation]) -> Day? {
        var opened: Day?
        for observation in timeline {
            if observation.open.contains(criterion) { opened = opened ?? observation.day } else { opened = nil }
        }
        return opened
    }
}

/// How often a forecast made on a past day came true: "by 31/12, 3 of 4 forecasts held".
public struct BacktestScore: Hashable, Sendable {
    public var cases: Int = 0
    public var hits: Int = 0
    /// Forecast on time and reached it; forecast on time and missed; forecast late (or none) and reached anyway.
    public var reachedAsForecast: Int = 0
    public var missedDespiteForecast: Int = 0
    public var reachedUnforeseen: Int = 0

    public init() {}

    /// Scores each unit not at standard on the forecast day: was "on time by the target" right?
    public init(forecasts: [UnitForecast], target: Day, reached: Set<String>) {
        for forecast in forecasts where !forecast.atStandard {
            let predicted = forecast.onTime(target), actual = reached.contains(forecast.code)
            cases += 1
            if predicted == actual { hits += 1 }
            if predicted && actual { reachedAsForecast += 1 }
            if predicted && !actual { missedDespiteForecast += 1 }
            if !predicted && actual { reachedUnforeseen += 1 }
        }
    }

    /// Hits per hundred cases, rounded; nil when nothing was forecast.
    public var percent: Int? { cases == 0 ? nil : (hits * 100 + cases / 2) / cases }
}
