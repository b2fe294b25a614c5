import NTMDomain
import Vapor

struct UnitDTO: Content {
    var code: String
    var name: String
    var level: AdminLevel
    var type: String
    var parentCode: String?
    var provinceCode: String
    var region: String?
    var latitude: Double?
    var longitude: Double?
    var validFrom: String?
    var validTo: String?
    /// Where the record came from: an official list, "manual", or "demo" for demo data.
    var source: String
    /// The units it was formed from and the units it became (on `GET /units/{code}`).
    var predecessors: [LineageLinkDTO]?
    var successors: [LineageLinkDTO]?

    init(_ unit: AdminUnit, parentCode: String?) {
        code = unit.code
        name = unit.name
        level = unit.level
        type = unit.officialType
        self.parentCode = parentCode
        provinceCode = unit.provinceCode
        region = unit.region
        latitude = unit.latitude
        longitude = unit.longitude
        validFrom = unit.validFrom
        validTo = unit.validTo
        source = unit.source
    }
}

struct UnitListDTO: Content {
    var items: [UnitDTO]
}

struct RecognitionDTO: Content {
    var grade: CriteriaSetDefinition.Grade
    var decisionNumber: String
    /// The decision's date.
    var date: String
    /// The year the result was achieved when the decision came later; reports count by either.
    var resultYear: Int?
    var note: String?
    var source: String?
    /// `appraisal` (default) or `acknowledgement`: the province re-acknowledges a merged unit (thừa nhận).
    var basis: Recognition.Basis?
    /// The day the recognition was revoked (read only: revocation runs through the dossier).
    var revokedOn: String?

    init(grade: CriteriaSetDefinition.Grade, decisionNumber: String, date: String, resultYear: Int? = nil, note: String? = nil,
         source: String? = nil, basis: Recognition.Basis? = nil) {
        self.grade = grade
        self.decisionNumber = decisionNumber
        self.date = date
        self.resultYear = resultYear
        self.note = note
        self.source = source
        self.basis = basis
    }

    init(_ recognition: Recognition) {
        self.init(grade: recognition.grade, decisionNumber: recognition.decisionNumber, date: recognition.decidedOn,
                  resultYear: recognition.resultYear ?? Int(recognition.decidedOn.prefix(4)), note: recognition.note, source: recognition.source,
                  basis: recognition.basis ?? .appraisal)
        revokedOn = recognition.revokedOn
    }
}

/// A merged unit's standing from its predecessors: `inherited` (counted as recognised),
/// `awaiting-acknowledgement` (chờ thừa nhận) or `not-inherited`, under the province's rule.
struct MergerStandingDTO: Content {
    var standing: MergerStanding
    var mergedOn: String
    var rule: MergerRecognitionRule
    var ruleSource: String?
    var predecessors: [Predecessor]

    struct Predecessor: Content {
        var code: String
        var name: String
        var recognised: Bool
    }

    init(_ merged: MergedUnitStanding) {
        standing = merged.standing
        mergedOn = merged.mergedOn.iso
        rule = merged.rule
        ruleSource = merged.ruleSource
        predecessors = merged.predecessors.map { Predecessor(code: $0.code, name: $0.name, recognised: $0.recognised) }
    }
}

/// The commune group (QĐ 51/2025) a unit is in on the day, which selects its thresholds.
struct CommuneGroupDTO: Content {
    var group: String
    var from: String
    var to: String?
    var decision: String?
    var source: String

    init(_ assignment: CommuneGroupAssignment) {
        group = assignment.groupCode
        from = assignment.validFrom
        to = assignment.validTo
        decision = assignment.decision
        source = assignment.source
    }
}

struct NewVillageDTO: Content {
    var name: String
    var code: String?
}

struct CriterionRefDTO: Content {
    var number: Int
    var code: String
    var name: String

    init(_ criterion: Criterion, language: Language) {
        number = criterion.number
        code = criterion.code
        name = criterion.name.text(language)
    }
}

struct SetRefDTO: Content {
    var code: String
    var name: String
    var verified: Bool
}

struct ScorecardDTO: Content {
    var unit: UnitDTO
    var set: SetRefDTO?
    var date: String
    /// Day of the assessment the verdicts come from (on or before `date`).
    var assessedOn: String?
    var met: Int
    var total: Int
    var unmet: [CriterionRefDTO]
    var notAssessed: [CriterionRefDTO]
    /// Criteria declared not applicable to the unit; `total` counts the others only.
    var notApplicable: [CriterionRefDTO]
    var level: ScorecardLevel
    var recognition: RecognitionDTO?
    var recognitionAtRisk: Bool
    /// Present for a unit formed by a merger: what it inherits from its predecessors.
    var mergerStanding: MergerStandingDTO?
    /// Present where the unit has a commune group on the day.
    var communeGroup: CommuneGroupDTO?
    var criteria: [CriterionDTO]?
    var children: [ChildDTO]?
    var totalMet: Int?
    /// Standard → advanced → model, where sets for those grades apply.
    var ladder: [LadderQueries.Rung]?
    var previous: PreviousDTO?
    /// For the country and a province: each child's communes (towns, wards) rolled up.
    var rollups: [RollupDTO]?

    struct RollupDTO: Content {
        var code: String
        var name: String
        var level: AdminLevel
        var communes: Int
        var atStandard: Int
        var awaitingRecognition: Int
        var totalMet: Int
    }

    struct CriterionDTO: Content {
        var number: Int
        var code: String
        var name: String
        var group: String?
        var status: Status
        var basis: CriterionResult.Basis
        var declarationContradicted: Bool
        var indicators: [IndicatorDTO]
    }

    struct IndicatorDTO: Content {
        var code: String
        var name: String
        var unit: String?
        var kind: Indicator.Kind
        var value: IndicatorValueDTO?
        var threshold: Double?
        var verified: Bool
        var status: Status
    }

    struct ChildDTO: Content {
        var code: String
        var name: String
        var level: AdminLevel
        var set: String?
        var met: Int
        var total: Int
        var status: ScorecardLevel
    }

    struct PreviousDTO: Content {
        var date: String
        var totalMet: Int
        var change: Int
    }
}
