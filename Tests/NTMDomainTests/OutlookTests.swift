import Testing
@testable import NTMDomain

@Suite("Forecast, allocation and what-if")
struct OutlookTests {
    static func day(_ text: String) -> Day { Day(text)! }

    // MARK: Allocation

    static func randomCandidates(_ rng: inout SplitMix, count: Int) -> [AllocationCandidate] {
        (0..<count).map { k in
            let gaps = (0..<Int(rng.next() % 4) + 1).map { c in
                AllocationCandidate.Gap(criterion: c + 1, amount: Dong(rng.next() % 6) * 1_000_000_000)
            }
            return AllocationCandidate(code: "C\(k)", met: Int(rng.next() % 20), gaps: gaps,
                                       pledged: Dong(rng.next() % 3) * 500_000_000, inTime: rng.next() % 5 != 0)
        }
    }

    /// Every subset, scored by the optimizer's own order: most communes, least money, most criteria.
    static func bruteForce(_ candidates: [AllocationCandidate], budget: Dong) -> (count: Int, spent: Dong, closed: Int) {
        var best = (count: 0, spent: Dong(0), closed: 0)
        for mask in 0..<(1 << candidates.count) {
            let chosen = candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
            guard chosen.allSatisfy(\.inTime) else { continue }
            let spent = chosen.reduce(Dong(0)) { $0 + $1.cost }
            guard spent <= budget else { continue }
            let closed = chosen.reduce(0) { $0 + $1.gaps.count }
            if (chosen.count, -spent, closed) > (best.count, -best.spent, best.closed) { best = (chosen.count, spent, closed) }
        }
        return best
    }

    @Test("The optimizer equals brute force on 400 random instances and never loses to the greedy")
    func optimalEqualsBruteForce() {
        var rng = SplitMix(seed: 15)
        for _ in 0..<400 {
            let candidates = Self.randomCandidates(&rng, count: Int(rng.next() % 10) + 1)
            let budget = Dong(rng.next() % 20) * 1_000_000_000
            let optimal = Allocation.optimal(candidates, budget: budget)
            let best = Self.bruteForce(candidates, budget: budget)
            #expect((optimal.communesAtStandard, optimal.spent, optimal.criteriaClosed) == (best.count, best.spent, best.closed))
            #expect(optimal.spent <= budget)
            #expect(optimal.funded.reduce(0) { $0 + $1.amount } == optimal.spent)
            let greedy = Allocation.greedy(candidates, budget: budget)
            #expect(greedy.communesAtStandard <= optimal.communesAtStandard)
            #expect(greedy.spent <= budget)
        }
    }

    @Test("Closest-to-standard first can waste the money: the gain is visible")
    func greedyLoses() {
        let candidates = [
            AllocationCandidate(code: "A", met: 19, gaps: [.init(criterion: 2, amount: 10)], inTime: true),
            AllocationCandidate(code: "B", met: 17, gaps: [.init(criterion: 2, amount: 4), .init(criterion: 5, amount: 1)], inTime: true),
            AllocationCandidate(code: "C", met: 16, gaps: [.init(criterion: 6, amount: 5)], inTime: true),
            AllocationCandidate(code: "D", met: 18, gaps: [.init(criterion: 6, amount: 0)], inTime: false),
        ]
        let optimal = Allocation.optimal(candidates, budget: 10)
        #expect(optimal.communes == ["B", "C"])  // equal cost: more criteria closed first
        #expect(optimal.spent == 10 && optimal.criteriaClosed == 3)
        #expect(Allocation.greedy(candidates, budget: 10).communes == ["A"])
        #expect(Allocation.curve(candidates) == [0, 5, 10, 20])
    }

    @Test("Pledges pay a commune's first gaps; the budget pays the rest")
    func pledges() {
        let candidate = AllocationCandidate(code: "A", met: 17, gaps: [.init(criterion: 5, amount: 3), .init(criterion: 2, amount: 4)],
                                            pledged: 5, inTime: true)
        #expect(candidate.cost == 2)
        #expect(candidate.budgetShares == [.init(criterion: 5, amount: 2)])
        #expect(Allocation.optimal([candidate], budget: 2).funded == [.init(code: "A", criterion: 5, amount: 2)])
        #expect(AllocationCandidate(code: "B", met: 1, gaps: [.init(criterion: 1, amount: -4)], inTime: true).cost == 0)
    }

    // MARK: Forecast

    static func observation(_ text: String, met: [Int], open: [Int]) -> CriteriaObservation {
        CriteriaObservation(day: day(text), met: Set(met), open: Set(open))
    }

    @Test("A criterion's history counts open-to-met runs; the median is taken among the slower cases")
    func history() {
        let history = CriterionHistory(timelines: [
            [Self.observation("2020-01-01", met: [], open: [2]), Self.observation("2020-04-10", met: [2], open: [])],  // 100 days
            [Self.observation("2020-01-01", met: [], open: [2]), Self.observation("2020-07-19", met: [2], open: [])],  // 200
            [Self.observation("2020-01-01", met: [], open: [2]), Self.observation("2020-10-27", met: [2], open: [])],  // 300
            [Self.observation("2020-01-01", met: [], open: [2, 5]), Self.observation("2021-01-01", met: [], open: [2, 5])],  // still open
        ])
        #expect(history.durations[2] == [100, 200, 300])
        #expect(history.durations[5] == nil)
        #expect(history.typicalDays(criterion: 2) == 200)
        #expect(history.remainingDays(criterion: 2, elapsed: 0) == 200)
        #expect(history.remainingDays(criterion: 2, elapsed: 150) == 300 - 150)
        #expect(history.remainingDays(criterion: 2, elapsed: 300) == nil)
        #expect(CriterionHistory(durations: [7: [10, 20]]).remainingDays(criterion: 7, elapsed: 0) == nil)
    }

    @Test("Plan first, then the province's history, then the unit's pace; none when nothing tells")
    func forecast() {
        let status = Self.day("2022-06-30"), target = Self.day("2022-12-31")
        let history = CriterionHistory(durations: [13: [60, 90, 400], 17: [30, 30, 30]])
        // No pace (nothing gained): criterion 13 from history, 2 from its plan, 9 from nothing.
        let still = ForecastSubject(code: "18502", name: "Phúc Đồng", met: 16, total: 19, open: [2, 9, 13],
                                    timeline: [Self.observation("2022-03-31", met: [1], open: [2, 9, 13]),
                                               Self.observation("2022-06-30", met: [1], open: [2, 9, 13])],
                                    planFinish: [2: Self.day("2023-02-16")])
        let outlook = StandardForecast.forecast(still, on: status, history: history)
        #expect(outlook.criteria.map(\.basis) == [.plan, .none, .history])
        #expect(outlook.criteria[0].expected == Self.day("2023-02-16"))
        // Open since 31/03 (91 days): only the 400-day case is slower, so 309 more days.
        #expect(outlook.criteria[2].expected == Day(ordinal: status.ordinal + 309))
        #expect(outlook.expected == nil)
        #expect(!outlook.onTime(target))
        #expect(outlook.holding(target) == [2, 9, 13])

        // Gained 2 criteria in 182 days: 91 days each. Criterion 13 has been open 182 days; of the
        // runs still open then (a third survive), half close by day 400: 218 more days. Criterion 17
        // is past every recorded case (30 days), so the record says nothing: the unit's pace.
        let moving = ForecastSubject(code: "18503", name: "B", met: 17, total: 19, open: [13, 17],
                                     timeline: [Self.observation("2021-12-30", met: [1], open: [2, 3, 13, 17]),
                                                Self.observation("2022-06-30", met: [1, 2, 3], open: [13, 17])])
        let paced = StandardForecast.forecast(moving, on: status, history: history)
        #expect(paced.criteria.map(\.basis) == [.history, .pace])
        #expect(paced.criteria.first { $0.criterion == 17 }?.expected == Day(ordinal: status.ordinal + 91))
        #expect(paced.criteria.first { $0.criterion == 13 }?.expected == Day(ordinal: status.ordinal + 218))
        #expect(paced.expected == Self.day("2023-02-03"))
        #expect(!paced.onTime(target) && paced.holding(target) == [13])
        #expect(paced.daysLate(target) == 34)
        let quick = ForecastSubject(code: "18504", name: "C", met: 18, total: 19, open: [17],
                                    timeline: [Self.observation("2021-12-30", met: [1], open: [2, 17]),
                                               Self.observation("2022-06-30", met: [1, 2], open: [17])])
        let soon = StandardForecast.forecast(quick, on: status, history: history)
        #expect(soon.criteria.map(\.basis) == [.pace] && soon.expected == Day(ordinal: status.ordinal + 182))
        #expect(soon.onTime(target) && soon.holding(target).isEmpty)

        var supposing = still
        supposing.supposedFinish = [2: Self.day("2022-09-01"), 9: Self.day("2022-01-01")]
        let supposed = StandardForecast.forecast(supposing, on: status, history: history)
        #expect(supposed.criteria.map(\.basis) == [.supposed, .supposed, .history])
        #expect(supposed.criteria[0].expected == Self.day("2022-09-01") && supposed.criteria[1].expected == status)

        let done = StandardForecast.forecast(ForecastSubject(code: "x", name: "x", met: 19, total: 19, open: [], atStandard: true),
                                             on: status, history: history)
        #expect(done.onTime(target) && done.expected == nil)
    }

    @Test("A back-test scores each forecast against what happened")
    func backtest() {
        let target = Self.day("2022-12-31")
        func unit(_ code: String, _ expected: String?) -> UnitForecast {
            UnitForecast(code: code, name: code, met: 18, total: 19, atStandard: false,
                         criteria: [CriterionForecast(criterion: 2, expected: expected.map(Self.day), basis: expected == nil ? .none : .plan)])
        }
        let forecasts = [unit("A", "2022-11-01"), unit("B", "2023-02-01"), unit("C", nil), unit("D", "2022-12-31"),
                         UnitForecast(code: "E", name: "E", met: 19, total: 19, atStandard: true, criteria: [])]
        let score = BacktestScore(forecasts: forecasts, target: target, reached: ["A", "C", "E"])
        #expect(score.cases == 4 && score.hits == 2 && score.percent == 50)
        #expect(score.reachedAsForecast == 1 && score.missedDespiteForecast == 1 && score.reachedUnforeseen == 1)
        #expect(BacktestScore().percent == nil)
    }

    // MARK: What-if

    @Test("A hypothetical verdict changes the count and the level, and nothing else")
    func whatIf() {
        let summary = ScoreSummary(setCode: "s", met: 17, total: 19, unmet: [2], notAssessed: [9], notApplicable: [7],
                                   level: .building, assessedOn: Self.day("2022-06-30"))
        let criteria = Array(1...20)
        let both = summary.applying([2: true, 9: true, 7: true, 99: true], criteria: criteria)
        #expect(both.met == 19 && both.level == .reachedStandard && both.unmet.isEmpty && both.notAssessed.isEmpty)
        #expect(both.notApplicable == [7] && both.total == 19)
        let worse = summary.applying([5: false], criteria: criteria)
        #expect(worse.met == 16 && worse.unmet == [2, 5] && worse.level == .building)
        #expect(summary.applying([:], criteria: criteria) == summary)
    }
}
