import Foundation
import NTMDomain

/// `ntm-benchmark outlook`: the allocation optimizer on a two-tier country (3,321 communes,
/// target ≤ 1 s), and the forecast with its back-test on a generated history.
enum OutlookBenchmark {
    static let communes = 3_321

    static func run() {
        var rng = SplitMix(seed: 2026)
        let candidates = (0..<communes).map { k in
            let open = Int(rng.next() % 8) + 1
            return AllocationCandidate(code: "X\(k)", met: 19 - open,
                                       gaps: (0..<open).map { c in .init(criterion: c + 1, amount: Dong(rng.next() % 50_000) * 1_000_000) },
                                       pledged: Dong(rng.next() % 3) * 1_000_000_000, inTime: rng.next() % 4 != 0)
        }
        let budget: Dong = 10_000 * MoneyFormat.tỷ
        var best = Double.infinity
        var optimal: AllocationResult?, greedy: AllocationResult?
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            optimal = Allocation.optimal(candidates, budget: budget)
            greedy = Allocation.greedy(candidates, budget: budget)
            _ = Allocation.curve(candidates)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print(String(format: "allocation, %d communes, 10.000 tỷ: optimal %d communes (%@ tỷ), greedy %d (%@ tỷ)",
                     communes, optimal!.communesAtStandard, MoneyFormat.billions(optimal!.spent), greedy!.communesAtStandard,
                     MoneyFormat.billions(greedy!.spent)))
        print(String(format: "  optimal + greedy + curve, best of 5: %.4f s   target ≤ 1 s   %@", best, best <= 1 ? "ok" : "MISSED"))
        backtest()
    }

    /// Each commune has some criteria open: from 2019, or falling short later (a stricter
    /// threshold, a new requirement) at a random day up to 2023; criterion c closes after a duration
    /// drawn around its own difficulty. Observed every 30/06 and 31/12. Forecast on 30/06/2023 from
    /// the observations up to then, scored against 31/12/2023.
    static func backtest() {
        var rng = SplitMix(seed: 7)
        let criteria = Array(1...19)
        let difficulty = Dictionary(uniqueKeysWithValues: criteria.map { ($0, 180 + Int(rng.next() % 1200)) })
        let start = Day(year: 2019, month: 1, day: 1)!
        let days = (2019...2024).flatMap { [Day(year: $0, month: 6, day: 30)!, Day(year: $0, month: 12, day: 31)!] }
        var truth: [[Int: (opens: Int, closes: Int)]] = []   // unit → criterion → open from, met from (ordinals)
        for _ in 0..<communes {
            let open = criteria.filter { _ in rng.next() % 3 == 0 }
            truth.append(Dictionary(uniqueKeysWithValues: open.map { c in
                let opens = start.ordinal + (rng.next() % 2 == 0 ? 0 : Int(rng.next() % 1600))
                return (c, (opens, opens + Int(Double(difficulty[c]!) * (0.5 + rng.unit()))))
            }))
        }
        func observation(_ unit: [Int: (opens: Int, closes: Int)], on day: Day) -> CriteriaObservation {
            let open = Set(unit.filter { $0.value.opens <= day.ordinal && day.ordinal < $0.value.closes }.keys)
            return CriteriaObservation(day: day, met: Set(criteria).subtracting(open), open: open)
        }
        let status = Day(year: 2023, month: 6, day: 30)!, target = Day(year: 2023, month: 12, day: 31)!
        let clock = DispatchTime.now().uptimeNanoseconds
        let timelines = truth.map { unit in days.filter { $0 <= status }.map { observation(unit, on: $0) } }
        let history = CriterionHistory(timelines: timelines)
        let forecasts = truth.indices.map { k -> UnitForecast in
            let now = observation(truth[k], on: status)
            let subject = ForecastSubject(code: "X\(k)", name: "X\(k)", met: now.met.count, total: criteria.count, open: now.open.sorted(),
                                          timeline: timelines[k], atStandard: now.open.isEmpty)
            return StandardForecast.forecast(subject, on: status, history: history)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
        let reached = Set(truth.indices.filter { k in observation(truth[k], on: target).open.isEmpty }.map { "X\($0)" })
        let score = BacktestScore(forecasts: forecasts, target: target, reached: reached)
        let nobody = score.cases - (score.reachedAsForecast + score.reachedUnforeseen)
        print(String(format: "forecast back-test, generated history of %d communes (30/06/2023 → 31/12/2023): %d of %d right (%d %%), in %.2f s",
                     communes, score.hits, score.cases, score.percent ?? 0, seconds))
        var bases: [ForecastBasis: Int] = [:]
        for f in forecasts { for c in f.criteria { bases[c.basis, default: 0] += 1 } }
        print("  criteria forecast by basis: " + bases.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
        print("  reached as forecast \(score.reachedAsForecast), forecast in time but missed \(score.missedDespiteForecast), reached unforeseen \(score.reachedUnforeseen)")
        print(String(format: "  baseline \"nobody still open makes it\": %d of %d right (%d %%)", nobody, score.cases,
                     score.cases == 0 ? 0 : nobody * 100 / score.cases))
    }
}
