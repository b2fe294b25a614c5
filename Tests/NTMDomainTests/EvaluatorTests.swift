import Testing
@testable import NTMDomain

@Suite("Criteria engine")
struct EvaluatorTests {
    @Test("A criterion is met only when every indicator is met")
    func allIndicatorsMustBeMet() {
        let input = AssessmentInput(values: ["2.1": .number(100), "2.2": .number(79.9)])

        let card = Evaluator.evaluate(Fixtures.set(), input: input, year: 2022)

        #expect(card.result(number: 2)?.status == .notMet)
        #expect(card.result(number: 2)?.basis == .indicators)
        #expect(card.result(number: 2)?.indicators.map(\.status) == [.met, .notMet])
    }

    @Test("Thresholds depend on the region")
    func regionalThreshold() {
        let input = AssessmentInput(values: ["2.1": .number(75), "2.2": .number(90)])

        let general = Evaluator.evaluate(Fixtures.set(), input: input, region: Region.northCentral, year: 2022)
        let mountain = Evaluator.evaluate(Fixtures.set(), input: input, region: Region.northernMountains, year: 2022)

        #expect(general.result(number: 2)?.status == .notMet)
        #expect(mountain.result(number: 2)?.status == .met)
        #expect(mountain.result(number: 2)?.indicators.first?.threshold?.value == 70)
    }

    @Test("Income thresholds depend on region and year; the most specific rule wins")
    func regionAndYearThreshold() {
        let input = AssessmentInput(values: ["10.1": .number(50)])

        let in2022 = Evaluator.evaluate(Fixtures.set(), input: input, region: Region.northCentral, year: 2022)
        let in2024 = Evaluator.evaluate(Fixtures.set(), input: input, region: Region.northCentral, year: 2024)
        let elsewhere = Evaluator.evaluate(Fixtures.set(), input: input, region: Region.redRiverDelta, year: 2024)

        #expect(in2022.result(number: 10)?.status == .met)        // 50 ≥ 36
        #expect(in2024.result(number: 10)?.status == .notMet)     // 50 < 54
        #expect(elsewhere.result(number: 10)?.indicators.first?.threshold?.value == 45)
        #expect(elsewhere.result(number: 10)?.status == .met)
    }

    @Test("An at-most indicator is met at the threshold and not above it")
    func atMostBoundary() {
        let atLimit = Evaluator.evaluate(Fixtures.set(), input: .init(values: ["11.1": .number(13)]), year: 2022)
        let above = Evaluator.evaluate(Fixtures.set(), input: .init(values: ["11.1": .number(13.01)]), year: 2022)

        #expect(atLimit.result(number: 11)?.status == .met)
        #expect(above.result(number: 11)?.status == .notMet)
    }

    @Test("A missing value is not assessed, never silently met")
    func missingValues() {
        let card = Evaluator.evaluate(Fixtures.set(), input: .init(values: ["2.1": .number(100)]), year: 2022)

        #expect(card.result(number: 2)?.status == .notAssessed)
        #expect(card.result(number: 1)?.status == .notAssessed)
        #expect(card.met == 0)
        #expect(card.notAssessed.count == 6)
        #expect(card.level == .building || card.level == .notAssessed)
        #expect(card.level == .notAssessed)
    }

    @Test("A failing measured indicator makes the criterion unmet even when others are missing")
    func partialFailure() {
        let card = Evaluator.evaluate(Fixtures.set(), input: .init(values: ["2.2": .number(10)]), year: 2022)

        #expect(card.result(number: 2)?.status == .notMet)
        #expect(card.result(number: 2)?.basis == .partialIndicators)
    }

    @Test("A declaration decides where indicators are missing; complete measurements outrank it")
    func declarations() {
        let input = AssessmentInput(values: ["1.1": .yes(false)],
                                    declarations: [1: Declaration(met: true), 19: Declaration(met: true), 20: Declaration(met: false)])

        let card = Evaluator.evaluate(Fixtures.set(), input: input, year: 2022)

        #expect(card.result(number: 19)?.status == .met)
        #expect(card.result(number: 19)?.basis == .declaration)
        #expect(card.result(number: 20)?.status == .notMet)
        #expect(card.result(number: 1)?.status == .notMet)
        #expect(card.result(number: 1)?.declarationContradicted == true)
    }

    @Test("All criteria met reaches the standard; the count and unmet list follow")
    func countsAndLevel() {
        let declarations = Dictionary(uniqueKeysWithValues: Fixtures.set().criteria.map { ($0.number, Declaration(met: $0.number != 2)) })
        let partial = Evaluator.evaluate(Fixtures.set(), input: .init(declarations: declarations), year: 2022)
        let all = Evaluator.evaluate(Fixtures.set(), input: .init(declarations: declarations.mapValues { _ in Declaration(met: true) }), year: 2022)

        #expect(partial.met == 5)
        #expect(partial.total == 6)
        #expect(partial.unmet.map(\.criterion.number) == [2])
        #expect(partial.level == .building)
        #expect(all.level == .reachedStandard)
    }

    @Test("No threshold for the region means the indicator cannot be decided")
    func missingThreshold() {
        var definition = Fixtures.national
        definition.criteria[1].indicators[1].thresholds = [Threshold(region: Region.mekongDelta, value: 50)]
        let set = try! CriteriaCatalog([definition]).resolve(code: "NAT")

        let card = Evaluator.evaluate(set, input: .init(values: ["2.1": .number(100), "2.2": .number(100)]), region: Region.northCentral, year: 2022)

        #expect(card.result(number: 2)?.indicators[1].status == .notAssessed)
        #expect(card.result(number: 2)?.status == .notAssessed)
    }
}

@Suite("Conditions, targets and the ladder")
struct ConditionTargetTests {
    @Test("A district reaches the standard only when its criteria and its derived conditions hold")
    func conditions() throws {
        var definition = CriteriaSetDefinition(code: "D", name: .init(vi: "Huyện"), level: .district, effective: DateWindow(),
                                               criteria: [Criterion(number: 1, name: .init(vi: "Quy hoạch"))])
        var condition = Indicator(code: "DK1", name: .init(vi: "100 % xã đạt chuẩn"), unit: "%", kind: .percentAtLeast, thresholds: [Threshold(value: 100)])
        condition.derived = "share-recognised:commune:standard"
        definition.conditions = [condition]
        let set = try CriteriaCatalog([definition]).resolve(code: "D")

        let short = Evaluator.evaluate(set, input: .init(values: ["DK1": .number(94.7)], declarations: [1: .init(met: true)]), year: 2021)
        let full = Evaluator.evaluate(set, input: .init(values: ["DK1": .number(100)], declarations: [1: .init(met: true)]), year: 2021)

        #expect(short.met == 1 && short.total == 1)
        #expect(short.level == .building)
        #expect(full.level == .reachedStandard)
        #expect(set.definition.conditions.first?.derived == "share-recognised:commune:standard")
    }

    @Test("Targets are met in the direction that is better", arguments: [
        (SocioTarget.Direction.higher, 13.0, 12.1, Status.notMet), (.higher, 51.5, 51.5, .met), (.lower, 3.0, 3.96, .notMet), (.lower, 4.5, 3.96, .met),
    ])
    func targets(direction: SocioTarget.Direction, plan: Double, actual: Double, expected: Status) {
        #expect(SocioTarget(code: "x", name: "x", direction: direction, plan: plan, actual: actual).status == expected)
        #expect(SocioTarget(code: "x", name: "x", direction: direction, plan: plan).status == .notAssessed)
    }

    @Test("Advanced counts only on top of a recognised standard; model on top of advanced")
    func ladder() {
        let rungs = Ladder.climb([(.standard, nil, .building), (.advanced, .standard, .reachedStandard), (.model, .advanced, .building)])
        #expect(rungs.map(\.blockedBy) == [nil, .standard, .advanced])
        let climbed = Ladder.climb([(.standard, nil, .recognised), (.advanced, .standard, .recognised), (.model, .advanced, .reachedStandard)])
        #expect(climbed.map(\.blockedBy) == [nil, nil, nil])
    }
}

@Suite("Which value wins")
struct ValuePrecedenceTests {
    @Test("Typed beats linked; derived beats typed")
    func precedence() {
        let input = AssessmentInput(typed: ["10.1": .number(40), "c1": .number(5)],
                                    linked: ["10.1": .number(30), "2.1": .number(80)],
                                    derived: ["c1": .number(100)])

        #expect(input.values["10.1"] == .number(40))
        #expect(input.values["2.1"] == .number(80))
        #expect(input.values["c1"] == .number(100))
    }
}

@Suite("Commune groups (QĐ 51/2025)")
struct CommuneGroupThresholdTests {
    static let set: CriteriaSet = {
        var definition = CriteriaSetDefinition(
            code: "G", name: .init(vi: "Nhóm"), level: .commune, effective: DateWindow(),
            criteria: [Criterion(number: 6, name: .init(vi: "Giảm nghèo"), indicators: [
                Indicator(code: "6.1", name: .init(vi: "Tỷ lệ hộ nghèo"), unit: "%", kind: .percentAtMost,
                          thresholds: [Threshold(group: "1", value: 1), Threshold(group: "2", value: 2), Threshold(group: "3", value: 5),
                                       Threshold(region: Region.northCentral, value: 3)]),
            ])])
        definition.communeGroups = ["1", "2", "3"].map { CriterionGroup(code: $0, name: .init(vi: "Xã nhóm \($0)")) }
        return try! CriteriaCatalog([definition]).resolve(code: "G")
    }()

    @Test("The commune's group selects the threshold, ahead of its region")
    func groupSelectsThreshold() {
        let input = AssessmentInput(values: ["6.1": .number(4)])
        let group3 = Evaluator.evaluate(Self.set, input: input, region: Region.northCentral, group: "3", year: 2026)
        let group1 = Evaluator.evaluate(Self.set, input: input, region: Region.northCentral, group: "1", year: 2026)

        #expect(group3.result(number: 6)?.status == .met)                      // 4 ≤ 5
        #expect(group3.result(number: 6)?.indicators.first?.threshold?.value == 5)
        #expect(group1.result(number: 6)?.status == .notMet)                   // 4 > 1
        #expect(group1.result(number: 6)?.indicators.first?.threshold?.value == 1)
    }

    @Test("A commune with no group never borrows another group's threshold")
    func ungroupedUsesOnlyUngroupedRules() {
        let input = AssessmentInput(values: ["6.1": .number(2.5)])
        let regional = Evaluator.evaluate(Self.set, input: input, region: Region.northCentral, group: nil, year: 2026)
        let elsewhere = Evaluator.evaluate(Self.set, input: input, region: Region.mekongDelta, group: nil, year: 2026)

        #expect(regional.result(number: 6)?.indicators.first?.threshold?.value == 3)
        #expect(regional.result(number: 6)?.status == .met)
        #expect(elsewhere.result(number: 6)?.indicators.first?.threshold == nil)
        #expect(elsewhere.result(number: 6)?.status == .notAssessed)
    }

    @Test("A threshold keyed by a group the set does not declare is refused; an extension may use its parent's groups")
    func undeclaredGroupIsAProblem() {
        var definition = Self.set.definition
        definition.criteria[0].indicators[0].thresholds.append(Threshold(group: "4", value: 9))
        #expect(definition.problems(knownCodes: []).map(\.field) == ["criteria[0].indicators[0].thresholds[4].group"])

        var child = CriteriaSetDefinition(code: "G-42", name: .init(vi: "Tỉnh"), level: .commune, effective: DateWindow(), province: "42",
                                          extends: "G", criteria: [Criterion(number: 6, name: .init(vi: "Giảm nghèo"), indicators: [
                                              Indicator(code: "6.1", name: .init(vi: "Tỷ lệ hộ nghèo"), kind: .percentAtMost,
                                                        thresholds: [Threshold(group: "2", value: 1.5)])])])
        #expect(child.problems(knownCodes: ["G"]).isEmpty)
        let folded = try! CriteriaCatalog([Self.set.definition, child]).resolve(code: "G-42")
        #expect(folded.communeGroups.map(\.code) == ["1", "2", "3"])
    }
}

@Suite("Not applicable")
struct NotApplicableTests {
    @Test("A criterion declared not applicable leaves the count: 19 met of 19 applicable is the standard")
    func notApplicableLeavesTheCount() {
        let set = Fixtures.set()
        var declarations = Dictionary(uniqueKeysWithValues: set.criteria.map { ($0.number, Declaration(met: true)) })
        declarations[2] = .notApplicable(note: "Không quy hoạch chợ")
        // Measured values do not bring a not-applicable criterion back into the count.
        let card = Evaluator.evaluate(set, input: AssessmentInput(values: ["2.1": .number(0)], declarations: declarations), year: 2022)

        #expect(card.result(number: 2)?.status == .notApplicable)
        #expect(card.total == set.criteria.count - 1)
        #expect(card.met == card.total)
        #expect(card.level == .reachedStandard)
        let summary = ScoreSummary(card, assessedOn: nil)
        #expect(summary.notApplicable == [2])
        #expect(summary.status(of: 2) == .notApplicable)
        #expect(summary.total == set.criteria.count - 1)
    }

    @Test("Only not-applicable declarations: nothing assessed yet")
    func onlyNotApplicableIsNotAssessed() {
        let card = Evaluator.evaluate(Fixtures.set(), input: AssessmentInput(declarations: [2: .notApplicable()]), year: 2022)
        #expect(card.level == .notAssessed)
    }
}
