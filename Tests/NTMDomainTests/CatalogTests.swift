import Testing
@testable import NTMDomain

@Suite("Criteria catalog")
struct CatalogTests {
    @Test("An extension adds the province's criterion to the national ones")
    func extensionFolds() throws {
        let set = try Fixtures.catalog.resolve(code: "PROV")

        #expect(set.criteria.map(\.number) == [1, 2, 10, 11, 19, 20])
        #expect(set.lineage == ["NAT", "PROV"])
        #expect(set.groups.map(\.code) == ["transport"])
    }

    @Test("The set in force depends on the date and the unit's province")
    func inForce() {
        let catalog = Fixtures.catalog
        let day = Day("2022-04-26")!

        #expect(catalog.inForce(level: .commune, provinceCode: "42", on: day)?.code == "PROV")
        #expect(catalog.inForce(level: .commune, provinceCode: "01", on: day)?.code == "NAT")
        #expect(catalog.inForce(level: .commune, provinceCode: "42", on: Day("2020-09-08")!) == nil)
        #expect(catalog.inForce(level: .district, provinceCode: "42", on: day) == nil)
    }

    @Test("Unknown parents and cycles are reported, not looped on")
    func brokenChains() {
        var a = Fixtures.provincial
        a.code = "A"; a.extends = "B"
        var b = Fixtures.provincial
        b.code = "B"; b.extends = "A"
        let catalog = CriteriaCatalog([a, b])

        #expect(throws: CriteriaCatalog.ResolutionError.extensionCycle(["A", "B", "A"])) { try catalog.resolve(code: "A") }
        #expect(throws: CriteriaCatalog.ResolutionError.unknownSet("X")) { try catalog.resolve(code: "X") }
    }

    @Test("A definition with duplicate numbers, bad percentages or an unknown parent is refused")
    func definitionProblems() {
        var definition = Fixtures.national
        definition.criteria.append(Criterion(number: 2, name: .init(vi: "Lặp")))
        definition.criteria[1].indicators[0].thresholds.append(Threshold(value: 120))
        definition.extends = "NOPE"

        let fields = definition.problems(knownCodes: ["NAT"]).map(\.field)

        #expect(fields.contains("criteria[5].number"))
        #expect(fields.contains("criteria[1].indicators[0].thresholds[2].value"))
        #expect(fields.contains("extends"))
    }

    @Test("Input is checked against the set: unknown codes, wrong kinds, percentages over 100")
    func inputProblems() {
        let set = Fixtures.set()
        let values = [
            IndicatorEntry(indicatorCode: "9.9", value: .number(1)),
            IndicatorEntry(indicatorCode: "2.1", value: .number(100.5)),
            IndicatorEntry(indicatorCode: "1.1", value: .number(1)),
            IndicatorEntry(indicatorCode: "10.1", value: .yes(true)),
            IndicatorEntry(indicatorCode: "10.1", value: .number(-3)),
        ]

        let problems = set.problems(values: values, declarations: [(criterion: 42, met: true)])

        #expect(problems.map(\.field) == ["values[0].indicator", "values[1].value", "values[2].value", "values[3].value",
                                          "values[4].indicator", "values[4].value", "declarations[0].criterion"])
        #expect(problems[1].reason.vi.contains("0–100"))
    }
}
