/// One task of a critical-path plan as the scheduler sees it: durations in whole days.
public struct PlanTask: Hashable, Sendable {
    public var code: String
    public var duration: Int
    public var predecessors: [Dependency]

    public init(code: String, duration: Int, predecessors: [Dependency] = []) {
        self.code = code
        self.duration = duration
        self.predecessors = predecessors
    }
}

public struct Dependency: Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        case finishToStart = "FS", startToStart = "SS", finishToFinish = "FF"
    }

    public var code: String
    public var kind: Kind
    /// Days added to the link (negative: overlap).
    public var lag: Int

    public init(_ code: String, _ kind: Kind = .finishToStart, lag: Int = 0) {
        self.code = code
        self.kind = kind
        self.lag = lag
    }
}

public struct ScheduledTask: Hashable, Sendable {
    public let code: String
    public let earlyStart: Int
    public let earlyFinish: Int
    public let lateStart: Int
    public let lateFinish: Int
    public let totalSlack: Int
    public let freeSlack: Int
    public var critical: Bool { totalSlack == 0 }
}

public struct Schedule: Hashable, Sendable {
    /// Day the last task finishes (days from the start).
    public let duration: Int
    /// In the order the tasks were given.
    public let tasks: [ScheduledTask]
    /// One critical path from a first task to a last one; `criticalPaths` lists up to 20.
    public let criticalPath: [String]
    public let criticalPaths: [[String]]

    public func task(_ code: String) -> ScheduledTask? { tasks.first { $0.code == code } }
}

public enum ScheduleError: Error, Equatable, Sendable {
    case emptyCode(index: Int)
    case duplicateCode(String)
    case negativeDuration(String)
    case selfDependency(String)
    case unknownPredecessor(task: String, predecessor: String)
    /// The tasks of one cycle, in dependency order, the first repeated at the end.
    case cycle([String])
}

/// The critical path method: a forward and a backward pass over the task network in
/// topological order. Time and memory are linear in tasks + links.
public enum CPM {
    public static func schedule(_ tasks: [PlanTask]) throws(ScheduleError) -> Schedule {
        let network = try Network(tasks)
        let order = try network.topologicalOrder()
        let n = tasks.count
        let duration = tasks.map(\.duration)
        var es = [Int](repeating: 0, count: n), ef = [Int](repeating: 0, count: n)
        for j in order {
            var start = 0 // no task starts before day 0
            for link in network.incoming[j] {
                let i = link.other
                switch link.kind {
                case .finishToStart: start = max(start, ef[i] + link.lag)
                case .startToStart: start = max(start, es[i] + link.lag)
                case .finishToFinish: start = max(start, ef[i] + link.lag - duration[j])
                }
            }
            es[j] = start
            ef[j] = start + duration[j]
        }
        let projectEnd = ef.max() ?? 0
        var lf = [Int](repeating: projectEnd, count: n), ls = [Int](repeating: 0, count: n)
        var freeSlack = [Int](repeating: 0, count: n)
        for i in order.reversed() {
            var finish = projectEnd
            var free = projectEnd - ef[i]
            for link in network.outgoing[i] {
                let j = link.other
                switch link.kind {
                case .finishToStart:
                    finish = min(finish, ls[j] - link.lag)
                    free = min(free, es[j] - link.lag - ef[i])
                case .startToStart:
                    finish = min(finish, ls[j] - link.lag + duration[i])
                    free = min(free, es[j] - link.lag - es[i])
                case .finishToFinish:
                    finish = min(finish, lf[j] - link.lag)
                    free = min(free, ef[j] - link.lag - ef[i])
                }
            }
            lf[i] = finish
            ls[i] = finish - duration[i]
            freeSlack[i] = max(0, free)
        }
        let scheduled = (0..<n).map { k in
            ScheduledTask(code: tasks[k].code, earlyStart: es[k], earlyFinish: ef[k], lateStart: ls[k], lateFinish: lf[k],
                          totalSlack: ls[k] - es[k], freeSlack: freeSlack[k])
        }
        let paths = criticalPaths(network: network, order: order, es: es, ef: ef, slack: scheduled.map(\.totalSlack), end: projectEnd, limit: 20)
        return Schedule(duration: projectEnd, tasks: scheduled, criticalPath: paths.first ?? [], criticalPaths: paths)
    }

    /// Chains of zero-slack tasks joined by driving links (the successor starts exactly when the
    /// link lets it), from a task starting on day 0 to one finishing on the last day.
    static func criticalPaths(network: Network, order: [Int], es: [Int], ef: [Int], slack: [Int], end: Int, limit: Int) -> [[String]] {
        var paths: [[String]] = []
        func driving(_ link: Network.Link, from i: Int, to j: Int) -> Bool {
            switch link.kind {
            case .finishToStart: ef[i] + link.lag == es[j]
            case .startToStart: es[i] + link.lag == es[j]
            case .finishToFinish: ef[i] + link.lag == ef[j]
            }
        }
        var stack: [(node: Int, path: [Int])] = order.filter { slack[$0] == 0 && es[$0] == 0 }
            .filter { j in !network.incoming[j].contains { slack[$0.other] == 0 && driving($0, from: $0.other, to: j) } }
            .reversed().map { ($0, [$0]) }
        var steps = 0
        while let (node, path) = stack.popLast(), paths.count < limit, steps < 100_000 {
            steps += 1
            let next = network.outgoing[node].filter { slack[$0.other] == 0 && driving($0, from: node, to: $0.other) }
            if next.isEmpty {
                if ef[node] == end { paths.append(path.map { network.codes[$0] }) }
                continue
            }
            for link in next.reversed() { stack.append((link.other, path + [link.other])) }
        }
        return paths
    }
}

/// Tasks as integer indices with adjacency lists both ways.
struct Network {
    struct Link {
        let other: Int
        let kind: Dependency.Kind
        let lag: Int
    }

    let codes: [String]
    let incoming: [[Link]]
    let outgoing: [[Link]]

    init(_ tasks: [PlanTask]) throws(ScheduleError) {
        var index: [String: Int] = [:]
        index.reserveCapacity(tasks.count)
        for (k, task) in tasks.enumerated() {
            if task.code.isEmpty { throw .emptyCode(index: k) }
            if index[task.code] != nil { throw .duplicateCode(task.code) }
            if task.duration < 0 { throw .negativeDuration(task.code) }
            index[task.code] = k
        }
        var incoming = [[Link]](repeating: [], count: tasks.count)
        var outgoing = [[Link]](repeating: [], count: tasks.count)
        for (j, task) in tasks.enumerated() {
            for dependency in task.predecessors {
                if dependency.code == task.code { throw .selfDependency(task.code) }
                guard let i = index[dependency.code] else { throw .unknownPredecessor(task: task.code, predecessor: dependency.code) }
                incoming[j].append(Link(other: i, kind: dependency.kind, lag: dependency.lag))
                outgoing[i].append(Link(other: j, kind: dependency.kind, lag: dependency.lag))
            }
        }
        self.codes = tasks.map(\.code)
        self.incoming = incoming
        self.outgoing = outgoing
    }

    /// Kahn's algorithm; when tasks remain, one cycle among them is named.
    func topologicalOrder() throws(ScheduleError) -> [Int] {
        var remaining = incoming.map(\.count)
        var queue = (0..<codes.count).filter { remaining[$0] == 0 }
        var head = 0
        while head < queue.count {
            let i = queue[head]
            head += 1
            for link in outgoing[i] {
                remaining[link.other] -= 1
                if remaining[link.other] == 0 { queue.append(link.other) }
            }
        }
        guard queue.count < codes.count else { return queue }
        throw .cycle(findCycle(among: Set((0..<codes.count).filter { remaining[$0] > 0 })))
    }

    /// Walks predecessors inside the unresolved set until a task repeats: every such task has one.
    private func findCycle(among stuck: Set<Int>) -> [String] {
        var node = stuck.min()!
        var seen: [Int: Int] = [:]
        var walk: [Int] = []
        while seen[node] == nil {
            seen[node] = walk.count
            walk.append(node)
            node = incoming[node].first { stuck.contains($0.other) }!.other
        }
        let cycle = Array(walk[seen[node]!...]).reversed() + [walk[seen[node]!...].last!]
        // Dependency order: predecessor first.
        return cycle.map { codes[$0] }
    }
}
