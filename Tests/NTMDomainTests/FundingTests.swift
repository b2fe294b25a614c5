import Testing
@testable import NTMDomain

@Suite("Funding arithmetic")
struct FundingTests {
    static let tỷ = MoneyFormat.tỷ

    @Test("Amounts are written in tỷ with Vietnamese separators and parsed back exactly")
    func format() {
        #expect(MoneyFormat.billions(1_346_700_000_000) == "1.346,7")
        #expect(MoneyFormat.billions(1_346_700_000_000, language: .en) == "1,346.7")
        #expect(MoneyFormat.billions(1_200_000_000) == "1,2")
        #expect(MoneyFormat.billions(0) == "0,0")
        #expect(MoneyFormat.billions(49_999_999) == "0,0")
        #expect(MoneyFormat.billions(50_000_000) == "0,1")
        #expect(MoneyFormat.parseBillions("1.346,7") == 1_346_700_000_000)
        #expect(MoneyFormat.parseBillions("0,000000001") == 1)
        #expect(MoneyFormat.parseBillions("abc") == nil)
        #expect(MoneyFormat.parseBillions("-3") == nil)
    }

    @Test("Roll-ups by group and unit add up to the digit, and the parts sum to the whole")
    func rollups() {
        let lines = [
            FundingLine(unitCode: "A", criterion: 2, group: "transport", need: 700_050_000_001, identified: ["provincial": 300_000_000_000]),
            FundingLine(unitCode: "B", criterion: 2, group: "transport", need: 442_049_999_999, identified: ["district": 28_100_000_000]),
            FundingLine(unitCode: "B", criterion: 15, group: "health-culture-education", need: 73_600_000_000, identified: ["commune": 1_200_000_000]),
        ]
        let total = FundingRollup.total(lines)
        let groups = FundingRollup.by({ $0.group }, lines, order: ["health-culture-education", "transport"])

        #expect(total.need == 1_215_700_000_000)
        #expect(total.identified == 329_300_000_000)
        #expect(total.unidentified == 886_400_000_000)
        #expect(groups.map(\.key) == ["health-culture-education", "transport"])
        #expect(groups[1].totals.need == 1_142_100_000_000)
        #expect(groups.reduce(0) { $0 + $1.totals.unidentified } == total.unidentified)
        #expect(total.bySource == ["provincial": 300_000_000_000, "district": 28_100_000_000, "commune": 1_200_000_000])
    }

    @Test("Sponsor money counts as identified, but never beyond the gap")
    func sponsorMoney() {
        let lines = [FundingLine(unitCode: "A", criterion: 2, group: "t", need: 10 * Self.tỷ, identified: ["central": 8 * Self.tỷ]),
                     FundingLine(unitCode: "A", criterion: 2, group: "t", need: 5 * Self.tỷ)]
        let with = FundingRollup.addingSponsorMoney(lines, delivered: ["A": [2: 4 * Self.tỷ]])
        #expect(with[0].identified["sponsors"] == 2 * Self.tỷ)
        #expect(with[1].identified["sponsors"] == 2 * Self.tỷ)
        #expect(FundingRollup.total(with).unidentified == 3 * Self.tỷ)
    }

    @Test("Identified more than the need, negative amounts and unknown sources are refused")
    func checks() {
        let problems = FundingCheck.problems(need: 10, identified: [("central", 8), ("credit", -1), ("lottery", 5)], knownSources: ["central", "credit"])
        #expect(problems.map(\.field) == ["identified[1].amount", "identified[2].source", "identified"])
        #expect(FundingCheck.problems(need: -1, identified: [], knownSources: []).map(\.field) == ["need"])
        #expect(FundingCheck.problems(need: 10, identified: [("central", 10)], knownSources: ["central"]).isEmpty)
    }
}

@Suite("Money and lags within range")
struct RangeTests {
    @Test("Amounts past 10^15 đồng are refused before they are added up; their sum cannot overflow")
    func money() {
        let huge: Dong = 9_000_000_000_000_000_000
        let problems = FundingCheck.problems(need: 1_000, identified: [("central", huge), ("central", huge)], knownSources: ["central"])
        #expect(problems.map(\.field) == ["identified[0].amount", "identified[1].amount"])
        #expect(MoneyRange.sum([huge, huge]) == nil)
        #expect(MoneyRange.sum([1, 2, 3]) == 6)
        #expect(MoneyRange.problem(MoneyRange.maximum, field: "x") == nil)
        #expect(MoneyRange.problem(-1, field: "x")?.field == "x")
    }

    @Test("A lag beyond ten years is refused, not scheduled into an overflow")
    func lag() {
        #expect(throws: DependencyList.ParseError.badLag("A:FS+9223372036854775807")) { try DependencyList.parse("A:FS+9223372036854775807") }
        #expect((try? DependencyList.parse("A:FS+3650"))?.first?.lag == 3650)
    }
}
