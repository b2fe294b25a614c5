/// A criteria set exactly as it is written in a data file or sent to the API: a national set,
/// or a provincial extension of one (`extends`). Nothing about a set lives in code.
public struct CriteriaSetDefinition: Codable, Hashable, Sendable {
    public var code: String
    public var name: LocalizedText
    /// The unit level the set scores (commune, town, district, village…).
    public var level: AdminLevel
    /// Which rung of the recognition ladder the set decides; `standard` unless said otherwise.
    public var grade: Grade
    public var decision: String?
    public var decisionDate: Day?
    public var effective: DateWindow
    /// Province code for a provincial set or extension; nil for a national set.
    public var province: String?
    /// Code of the set this one extends: its criteria are added to (or replace) the parent's.
    public var extends: String?
    public var verified: Bool
    public var notes: String?
    public var groups: [CriterionGroup]
    public var criteria: [Criterion]
    /// The grade a unit must already hold for this one to count (advanced requires standard).
    public var requires: Grade?
    /// Conditions outside the numbered criteria (a district: "100 % of communes at standard"),
    /// usually `derived` from the units below; all must hold for the grade.
    public var conditions: [Indicator]
    /// The commune groups the set's thresholds may be keyed by (QĐ 51/2025: 1, 2, 3); a unit's
    /// group on a day is data (`commune_groups`), so a province re-groups communes without a new set.
    public var communeGroups: [CriterionGroup]

    public enum Grade: String, Codable, Hashable, Sendable {
        case standard, advanced, model
    }

    public init(code: String, name: LocalizedText, level: AdminLevel, grade: Grade = .standard, decision: String? = nil,
                decisionDate: Day? = nil, effective: DateWindow, province: String? = nil, extends: String? = nil,
                verified: Bool = false, notes: String? = nil, groups: [CriterionGroup] = [], criteria: [Criterion]) {
        self.code = code
        self.name = name
        self.level = level
        self.grade = grade
        self.decision = decision
        self.decisionDate = decisionDate
        self.effective = effective
        self.province = province
        self.extends = extends
        self.verified = verified
        self.notes = notes
        self.groups = groups
        self.criteria = criteria
        self.requires = nil
        self.conditions = []
        self.communeGroups = []
    }

    enum CodingKeys: String, CodingKey {
        case code, name, level, grade, decision, decisionDate, effective, province, extends, verified, notes, groups, criteria, requires, conditions
        case communeGroups
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(LocalizedText.self, forKey: .name)
        level = try c.decode(AdminLevel.self, forKey: .level)
        grade = try c.decodeIfPresent(Grade.self, forKey: .grade) ?? .standard
        decision = try c.decodeIfPresent(String.self, forKey: .decision)
        decisionDate = try c.decodeIfPresent(Day.self, forKey: .decisionDate)
        effective = try c.decodeIfPresent(DateWindow.self, forKey: .effective) ?? DateWindow()
        province = try c.decodeIfPresent(String.self, forKey: .province)
        extends = try c.decodeIfPresent(String.self, forKey: .extends)
        verified = try c.decodeIfPresent(Bool.self, forKey: .verified) ?? false
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        groups = try c.decodeIfPresent([CriterionGroup].self, forKey: .groups) ?? []
        criteria = try c.decodeIfPresent([Criterion].self, forKey: .criteria) ?? []
        requires = try c.decodeIfPresent(Grade.self, forKey: .requires)
        conditions = try c.decodeIfPresent([Indicator].self, forKey: .conditions) ?? []
        communeGroups = try c.decodeIfPresent([CriterionGroup].self, forKey: .communeGroups) ?? []
    }
}

/// A group of criteria (transport; health–culture–education; …) that funding rolls up by.
public struct CriterionGroup: Codable, Hashable, Sendable {
    public var code: String
    public var name: LocalizedText

    public init(code: String, name: LocalizedText) {
        self.code = code
        self.name = name
    }
}

public struct Criterion: Codable, Hashable, Sendable {
    public var number: Int
    public var code: String
    public var name: LocalizedText
    /// Funding/reporting group code, one of the set's `groups`.
    public var group: String?
    /// The legal section the decision lists it under (I Quy hoạch, II Hạ tầng…), for display.
    public var section: String?
    public var indicators: [Indicator]

    public init(number: Int, code: String? = nil, name: LocalizedText, group: String? = nil, section: String? = nil, indicators: [Indicator] = []) {
        self.number = number
        self.code = code ?? String(number)
        self.name = name
        self.group = group
        self.section = section
        self.indicators = indicators
    }

    enum CodingKeys: String, CodingKey { case number, code, name, group, section, indicators }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decode(Int.self, forKey: .number)
        code = try c.decodeIfPresent(String.self, forKey: .code) ?? String(number)
        name = try c.decode(LocalizedText.self, forKey: .name)
        group = try c.decodeIfPresent(String.self, forKey: .group)
        section = try c.decodeIfPresent(String.self, forKey: .section)
        indicators = try c.decodeIfPresent([Indicator].self, forKey: .indicators) ?? []
    }
}

public struct Indicator: Codable, Hashable, Sendable {
    public var code: String
    public var name: LocalizedText
    public var unit: String?
    public var kind: Kind
    /// Required values; the most specific match for the unit's region and the year wins.
    public var thresholds: [Threshold]
    /// False until someone has checked the threshold against the legal text: shown as "chưa xác minh".
    public var verified: Bool
    /// Computed from the units below instead of typed in, e.g. `share-recognised:commune:standard`
    /// (percent of the communes below recognised at that grade). Nil: an officer enters it.
    public var derived: String?

    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        /// Đạt / không đạt.
        case yesNo
        /// A number that must reach at least the threshold (income, km…).
        case atLeast
        /// A number that must stay at or below the threshold (poverty rate as a count…).
        case atMost
        /// A percentage (0–100) that must reach at least the threshold.
        case percentAtLeast
        /// A percentage (0–100) that must stay at or below the threshold.
        case percentAtMost

        public var isPercentage: Bool { self == .percentAtLeast || self == .percentAtMost }
        public var isNumeric: Bool { self != .yesNo }
    }

    public init(code: String, name: LocalizedText, unit: String? = nil, kind: Kind, thresholds: [Threshold] = [], verified: Bool = false) {
        self.code = code
        self.name = name
        self.unit = unit
        self.kind = kind
        self.thresholds = thresholds
        self.verified = verified
        self.derived = nil
    }

    enum CodingKeys: String, CodingKey { case code, name, unit, kind, thresholds, verified, derived }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(LocalizedText.self, forKey: .name)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        kind = try c.decode(Kind.self, forKey: .kind)
        thresholds = try c.decodeIfPresent([Threshold].self, forKey: .thresholds) ?? []
        verified = try c.decodeIfPresent(Bool.self, forKey: .verified) ?? false
        derived = try c.decodeIfPresent(String.self, forKey: .derived)
    }
}

/// One required value, optionally only for a region, a commune group (one of the set's
/// `communeGroups`) and/or a year.
public struct Threshold: Codable, Hashable, Sendable {
    public var region: String?
    public var group: String?
    public var year: Int?
    public var value: Double

    public init(region: String? = nil, group: String? = nil, year: Int? = nil, value: Double) {
        self.region = region
        self.group = group
        self.year = year
        self.value = value
    }
}
