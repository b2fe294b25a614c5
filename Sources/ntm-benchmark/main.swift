import Foundation
import NTMDomain

// Prints how long the CPM engine takes on generated networks of 1k, 10k and 100k tasks
// (each depending on up to 3 earlier tasks, mixed link kinds). Run in release:
//   swift run -c release ntm-benchmark
// Linear growth means time per task stays flat as the network grows.

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
