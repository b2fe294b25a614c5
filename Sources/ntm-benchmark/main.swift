import Foundation
import NTMDomain

// Benchmarks, run on a release build (`swift build -c release`):
//   ntm-benchmark            CPM engine on generated networks of 1k, 10k and 100k tasks
//   ntm-benchmark national   a generated national data set served by `ntm serve` (see NationalBenchmark.swift)
//   ntm-benchmark demo       wrk against /health and the district scorecard on the demo data
//   ntm-benchmark outlook    allocation on 3,321 communes; forecast back-test on a generated history
//   ntm-benchmark import     a 600-commune province's assessment sheet: template, upload, write
// Linear growth in the CPM table means time per task stays flat as the network grows.

switch CommandLine.arguments.dropFirst().first {
case "national":
    try NationalBenchmark.run(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
case "demo":
    try DemoBenchmark.run()
    exit(0)
case "outlook":
    OutlookBenchmark.run()
    exit(0)
case "import":
    try ImportBenchmark.run()
    exit(0)
default:
    break
}

struct LCG {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}

func network(size: Int) -> [PlanTask] {
    var rng = LCG(state: 42)
    let kinds = Dependency.Kind.allCases
    return (0..<size).map { k in
        let count = k == 0 ? 0 : rng.next(min(3, k) + 1)
        let predecessors = (0..<count).map { _ in Dependency("T\(rng.next(k))", kinds[rng.next(3)], lag: rng.next(3)) }
        return PlanTask(code: "T\(k)", duration: rng.next(20), predecessors: Array(Set(predecessors)))
    }
}

print("tasks      links     best of 5 (ms)   µs per task   project days")
for size in [1_000, 10_000, 100_000] {
    let tasks = network(size: size)
    let links = tasks.reduce(0) { $0 + $1.predecessors.count }
    var best = Double.infinity
    var days = 0
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        let schedule = try CPM.schedule(tasks)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        best = min(best, elapsed)
        days = schedule.duration
    }
    print(String(format: "%-10d %-9d %-16.1f %-13.2f %d", size, links, best, best * 1000 / Double(size), days))
}
