/// What lists, roll-ups and maps need of a scorecard: the counts, which criteria are not met or
/// not assessed, and the level the engine reached (before any recognition decision). This is the
/// row the scorecard read model stores, so a district of 500 communes is read, not re-evaluated.
public struct ScoreSummary: Hashable, Sendable {
    public var setCode: String
    public var met: Int
    /// Applicable criteria.
    public var total: Int
    public var unmet: [Int]
    public var notAssessed: [Int]
    /// Criteria declared not applicable to the unit (not counted in `total`).
    public var notApplicable: [Int]
    public var level: ScorecardLevel
    /// The day of the assessment the verdicts come from, if any.
    public var assessedOn: Day?

    public init(setCode: String, met: Int, total: Int, unmet: [Int], notAssessed: [Int], notApplicable: [Int] = [],
                level: ScorecardLevel, assessedOn: Day?) {
        self.setCode = setCode
        self.met = met
        self.total = total
        self.unmet = unmet
        self.notAssessed = notAssessed
        self.notApplicable = notApplicable
        self.level = level
        self.assessedOn = assessedOn
    }

    public init(_ scorecard: Scorecard, assessedOn: Day?) {
        self.init(setCode: scorecard.set.code, met: scorecard.met, total: scorecard.total,
                  unmet: scorecard.unmet.map(\.criterion.number).sorted(),
                  notAssessed: scorecard.notAssessed.map(\.criterion.number).sorted(),
                  notApplicable: scorecard.notApplicable.map(\.criterion.number).sorted(),
                  level: scorecard.level, assessedOn: assessedOn)
    }

    /// Nothing recorded yet: every criterion of the set is not assessed.
    public static func nothingRecorded(in set: CriteriaSet) -> ScoreSummary {
        ScoreSummary(setCode: set.code, met: 0, total: set.criteria.count, unmet: [], notAssessed: set.criteria.map(\.number),
                     level: .notAssessed, assessedOn: nil)
    }

    public func status(of number: Int) -> Status {
        if unmet.contains(number) { return .notMet }
        if notApplicable.contains(number) { return .notApplicable }
        if notAssessed.contains(number) { return .notAssessed }
        return .met
    }

    /// "2,10,13": the stored form of a list of criterion numbers.
    public static func encode(_ numbers: [Int]) -> String {
        numbers.map(String.init).joined(separator: ",")
    }

    /// Reads the stored form; anything that is not a number is skipped rather than trusted.
    public static func decode(_ text: String) -> [Int] {
        text.split(separator: ",").compactMap { Int($0) }
    }
}

/// The days on which a unit's stored scorecard for one set can change: each assessment, the first
/// day of each year with a linked target's actual, and each recognition or revocation below it
/// when the set derives conditions from the units below. Between two such days nothing an
/// evaluation reads changes, so one stored row per day answers every "as of" question.
public enum ScorecardTimeline {
    public static func changeDays(assessments: [Day], linkedYears: [Int], recognitionEvents: [Day], setStarts: Day?) -> [Day] {
        var days = Set(assessments)
        for year in linkedYears { if let first = Day(year: year, month: 1, day: 1) { days.insert(first) } }
        days.formUnion(recognitionEvents)
        if !recognitionEvents.isEmpty, let setStarts { days.insert(setStarts) }
        return days.sorted()
    }
}
