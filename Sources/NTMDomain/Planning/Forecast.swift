/// What has actually happened to a task, in day offsets from the plan's start.
public struct TaskProgress: Hashable, Sendable {
    public var actualStart: Int?
    public var actualFinish: Int?
    public var percentDone: Int

    public init(actualStart: Int? = nil, actualFinish: Int? = nil, percentDone: Int = 0) {
        self.actualStart = actualStart
        self.actualFinish = actualFinish
        self.percentDone = percentDone
    }

    public var isDone: Bool { actualFinish != nil || percentDone >= 100 }
}

public struct Forecast: Hashable, Sendable {
    /// Projected start and finish per task (input order), given progress up to the status day.
    public let starts: [Int]
    public let finishes: [Int]
    /// Day the last task is now expected to finish.
    public let projectedFinish: Int
}

extension CPM {
    /// Re-runs the forward pass with what is known on `statusDay`: finished tasks keep their actual
    /// dates, started ones finish their remaining share from the status day, the rest cannot start
    /// before it. The baseline schedule is untouched; this answers "does the target still hold?".
    public static func forecast(_ tasks: [PlanTask], progress: [String: TaskProgress], statusDay: Int) throws(ScheduleError) -> Forecast {
        let network = try Network(tasks)
        let order = try network.topologicalOrder()
        var start = [Int](repeating: 0, count: tasks.count), finish = [Int](repeating: 0, count: tasks.count)
        for j in order {
            let task = tasks[j]
            let p = progress[task.code] ?? TaskProgress()
            if let done = p.actualFinish {
                start[j] = p.actualStart ?? (done - task.duration)
                finish[j] = done
                continue
            }
            if let started = p.actualStart {
                let remaining = (task.duration * (100 - min(100, max(0, p.percentDone))) + 99) / 100
                start[j] = started
                finish[j] = max(statusDay, started) + remaining
                continue
            }
            var earliest = max(0, statusDay)
            for link in network.incoming[j] {
                let i = link.other
                switch link.kind {
                case .finishToStart: earliest = max(earliest, finish[i] + link.lag)
                case .startToStart: earliest = max(earliest, start[i] + link.lag)
                case .finishToFinish: earliest = max(earliest, finish[i] + link.lag - task.duration)
                }
            }
            start[j] = earliest
            finish[j] = earliest + task.duration
        }
        return Forecast(starts: start, finishes: finish, projectedFinish: finish.max() ?? 0)
    }
}
