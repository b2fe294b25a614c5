import NTMDomain
import Vapor

extension ScorecardDTO {
    init(_ card: UnitScorecard, parentCode: String?, day: Day, language: Language) {
        let scorecard = card.scorecard
        self.init(
            unit: UnitDTO(card.unit, parentCode: parentCode),
            set: card.set.map { SetRefDTO(code: $0.code, name: $0.name.text(language), verified: !$0.hasUnverifiedParts) },
            date: day.iso,
            assessedOn: card.assessedOn?.iso,
            met: card.met,
            total: card.total,
            unmet: card.unmetCriteria.map { CriterionRefDTO($0, language: language) },
            notAssessed: card.notAssessedCriteria.map { CriterionRefDTO($0, language: language) },
            notApplicable: card.notApplicableCriteria.map { CriterionRefDTO($0, language: language) },
            level: card.level,
            recognition: card.recognition.map(RecognitionDTO.init),
            recognitionAtRisk: card.recognitionAtRisk,
            mergerStanding: card.merger.map(MergerStandingDTO.init),
            communeGroup: card.communeGroup.map(CommuneGroupDTO.init),
            criteria: scorecard?.results.map { CriterionDTO($0, language: language) })
    }

    mutating func addRollups(_ rollups: [(unit: AdminUnit, counts: RollupCounts)]) {
        self.rollups = rollups.map { r in
            RollupDTO(code: r.unit.code, name: r.unit.name, level: r.unit.level, communes: r.counts.scored, atStandard: r.counts.recognised,
                      awaitingRecognition: r.counts.awaitingRecognition, totalMet: r.counts.totalMet)
        }
    }

    mutating func addChildren(_ rollup: DistrictRollup) {
        children = rollup.children.map { child in
            ChildDTO(code: child.unit.code, name: child.unit.name, level: child.unit.level, set: child.set?.code,
                     met: child.met, total: child.total, status: child.level)
        }
        totalMet = rollup.totalMet
        if let day = rollup.previousDay, let total = rollup.previousTotalMet, let change = rollup.change {
            previous = PreviousDTO(date: day.iso, totalMet: total, change: change)
        }
    }
}

extension ScorecardDTO.CriterionDTO {
    init(_ result: CriterionResult, language: Language) {
        self.init(number: result.criterion.number, code: result.criterion.code, name: result.criterion.name.text(language),
                  group: result.criterion.group, status: result.status, basis: result.basis,
                  declarationContradicted: result.declarationContradicted,
                  indicators: result.indicators.map { indicator in
                      ScorecardDTO.IndicatorDTO(code: indicator.indicator.code, name: indicator.indicator.name.text(language),
                                                unit: indicator.indicator.unit, kind: indicator.indicator.kind,
                                                value: indicator.value.map(IndicatorValueDTO.init), threshold: indicator.threshold?.value,
                                                verified: indicator.indicator.verified, status: indicator.status)
                  })
    }
}
