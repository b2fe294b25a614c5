import Testing
@testable import NTMDomain

@Suite("Critical path method")
struct CPMTests {
    /// The textbook network: A → B → D → F and A → C → E → F.
    static let textbook = [
        PlanTask(code: "A", duration: 3),
        PlanTask(code: "B", duration: 4, predecessors: [Dependency("A")]),
        PlanTask(code: "C", duration: 2, predecessors: [Dependency("A")]),
        PlanTask(code: "D", duration: 5, predecessors: [Dependency("B")]),
        PlanTask(code: "E", duration: 1, predecessors: [Dependency("C")]),
        PlanTask(code: "F", duration: 2, predecessors: [Dependency("D"), Dependency("E")]),
    ]

    @Test("Forward and backward pass of the textbook network, worked by hand")
    func textbookNetwork() throws {
        let s = try CPM.schedule(Self.textbook)

        #expect(s.duration == 14)
        #expect(s.tasks.map(\.earlyStart) == [0, 3, 3, 7, 5, 12])
        #expect(s.tasks.map(\.earlyFinish) == [3, 7, 5, 12, 6, 14])
        #expect(s.tasks.map(\.lateStart) == [0, 3, 9, 7, 11, 12])
        #expect(s.tasks.map(\.lateFinish) == [3, 7, 11, 12, 12, 14])
        #expect(s.tasks.map(\.totalSlack) == [0, 0, 6, 0, 6, 0])
        #expect(s.tasks.map(\.freeSlack) == [0, 0, 0, 0, 6, 0])
        #expect(s.criticalPath == ["A", "B", "D", "F"])
    }

    @Test("A finish-to-start lag delays the successor")
    func lag() throws {
        let s = try CPM.schedule([PlanTask(code: "A", duration: 2), PlanTask(code: "B", duration: 3, predecessors: [Dependency("A", lag: 2)])])
        #expect(s.task("B")?.earlyStart == 4)
        #expect(s.duration == 7)
        #expect(s.criticalPath == ["A", "B"])
    }

    @Test("Start-to-start and finish-to-finish links")
    func ssAndFF() throws {
        let ss = try CPM.schedule([PlanTask(code: "A", duration: 4), PlanTask(code: "B", duration: 3, predecessors: [Dependency("A", .startToStart, lag: 1)])])
        #expect(ss.task("B")?.earlyStart == 1)
        #expect(ss.duration == 4)
        #expect(ss.tasks.allSatisfy { $0.critical })
        #expect(ss.criticalPath == ["A", "B"])

        let ff = try CPM.schedule([PlanTask(code: "A", duration: 5), PlanTask(code: "B", duration: 2, predecessors: [Dependency("A", .finishToFinish)]),
                                   PlanTask(code: "C", duration: 1)])
        #expect(ff.task("B")?.earlyStart == 3)
        #expect(ff.task("B")?.earlyFinish == 5)
        #expect(ff.task("C")?.totalSlack == 4)
    }

    @Test("No task starts before day 0, even with a negative lag")
    func clampAtZero() throws {
        let s = try CPM.schedule([PlanTask(code: "A", duration: 2), PlanTask(code: "B", duration: 6, predecessors: [Dependency("A", .finishToFinish)])])
        #expect(s.task("B")?.earlyStart == 0)
        #expect(s.duration == 6)
    }

    @Test("Several critical paths are all found")
    func severalPaths() throws {
        let s = try CPM.schedule([
            PlanTask(code: "A", duration: 2),
            PlanTask(code: "B", duration: 3, predecessors: [Dependency("A")]),
            PlanTask(code: "C", duration: 3, predecessors: [Dependency("A")]),
            PlanTask(code: "D", duration: 1, predecessors: [Dependency("B"), Dependency("C")]),
        ])
        #expect(s.criticalPaths == [["A", "B", "D"], ["A", "C", "D"]])
    }

    @Test("Cycles, self-dependencies, unknown predecessors and duplicates are named")
    func errors() {
        #expect(throws: ScheduleError.cycle(["B", "C", "A", "B"])) {
            try CPM.schedule([PlanTask(code: "A", duration: 1, predecessors: [Dependency("C")]), PlanTask(code: "B", duration: 1, predecessors: [Dependency("A")]),
                              PlanTask(code: "C", duration: 1, predecessors: [Dependency("B")])])
        }
        #expect(throws: ScheduleError.selfDependency("A")) { try CPM.schedule([PlanTask(code: "A", duration: 1, predecessors: [Dependency("A")])]) }
        #expect(throws: ScheduleError.unknownPredecessor(task: "A", predecessor: "Z")) { try CPM.schedule([PlanTask(code: "A", duration: 1, predecessors: [Dependency("Z")])]) }
        #expect(throws: ScheduleError.duplicateCode("A")) { try CPM.schedule([PlanTask(code: "A", duration: 1), PlanTask(code: "A", duration: 2)]) }
        #expect(throws: ScheduleError.negativeDuration("A")) { try CPM.schedule([PlanTask(code: "A", duration: -1)]) }
    }

    @Test("Random networks: slack never negative, critical tasks have none, a critical path spans the project", arguments: 0..<40)
    func randomNetworks(seed: Int) throws {
        var rng = SplitMix(seed: UInt64(seed))
        let tasks = RandomNetwork.make(size: 5 + seed * 7, rng: &rng, finishToStartOnly: seed % 2 == 0)

        let s = try CPM.schedule(tasks)

        for t in s.tasks {
            #expect(t.totalSlack >= 0)
            #expect(t.freeSlack >= 0 && t.freeSlack <= t.totalSlack)
            #expect(t.earlyStart >= 0)
        }
        for (task, scheduled) in zip(tasks, s.tasks) {
            for d in task.predecessors where d.kind == .finishToStart {
                #expect(scheduled.earlyStart >= s.task(d.code)!.earlyFinish + d.lag)
            }
        }
        #expect(!s.criticalPath.isEmpty)
        #expect(s.criticalPath.allSatisfy { s.task($0)!.critical })
        if seed % 2 == 0 {
            // Finish-to-start only: a critical path's durations and lags add up to the project's length.
            var length = 0
            for (k, code) in s.criticalPath.enumerated() {
                let task = tasks.first { $0.code == code }!
                length += task.duration
                if k > 0 { length += task.predecessors.first { $0.code == s.criticalPath[k - 1] }!.lag }
            }
            #expect(length == s.duration)
        }
    }
}

enum RandomNetwork {
    /// A DAG: each task depends on up to 3 earlier tasks, so there is never a cycle.
    static func make(size: Int, rng: inout SplitMix, finishToStartOnly: Bool) -> [PlanTask] {
        (0..<size).map { k in
            let count = k == 0 ? 0 : Int.random(in: 0...min(3, k), using: &rng)
            let predecessors = Set((0..<count).map { _ in Int.random(in: 0..<k, using: &rng) }).sorted().map { i in
                Dependency("T\(i)", finishToStartOnly ? .finishToStart : Dependency.Kind.allCases.randomElement(using: &rng)!,
                           lag: Int.random(in: 0...2, using: &rng))
            }
            return PlanTask(code: "T\(k)", duration: Int.random(in: 0...10, using: &rng), predecessors: predecessors)
        }
    }
}

@Suite("Forecast and working-day calendar")
struct ForecastTests {
    @Test("Progress moves the projected finish: a slipping critical task delays the end")
    func forecast() throws {
        let tasks = CPMTests.textbook
        let onTime = try CPM.forecast(tasks, progress: ["A": .init(actualStart: 0, actualFinish: 3)], statusDay: 3)
        let late = try CPM.forecast(tasks, progress: ["A": .init(actualStart: 0, actualFinish: 3), "B": .init(actualStart: 3, percentDone: 25)], statusDay: 8)

        #expect(onTime.projectedFinish == 14)
        // B: 3 of 4 days left from day 8 → 11; D 11–16; F 16–18.
        #expect(late.finishes[1] == 11)
        #expect(late.projectedFinish == 18)
    }

    @Test("Day arithmetic and weekdays")
    func days() {
        #expect(Day("2022-04-26")!.weekday == 2) // Tuesday
        #expect(Day("2020-09-08")!.adding(days: 114) == Day("2020-12-31"))
        #expect(Day("2024-02-28")!.adding(days: 2) == Day("2024-03-01"))
        #expect(Day(ordinal: Day("1999-12-31")!.ordinal) == Day("1999-12-31"))
    }

    @Test("Working days skip weekends and holidays")
    func workingDays() {
        let calendar = WorkCalendar(mode: .workingDays, start: Day("2022-04-29")!, holidays: [Day("2022-05-02")!])
        // Fri 29/04 is day 0; Sat, Sun and the holiday on Mon 02/05 are skipped.
        #expect(calendar.day(at: 0) == Day("2022-04-29"))
        #expect(calendar.day(at: 1) == Day("2022-05-03"))
        #expect(calendar.finishDay(start: 0, duration: 3) == Day("2022-05-04"))
        #expect(calendar.offset(of: Day("2022-05-04")!) == 2)
        #expect(WorkCalendar(mode: .calendarDays, start: Day("2022-04-29")!).day(at: 3) == Day("2022-05-02"))
    }
}

@Suite("Predecessor notation")
struct DependencyListTests {
    @Test("Codes, link kinds and lags read and write back")
    func roundTrip() throws {
        let parsed = try DependencyList.parse(" A, B:SS+2 ;C:ff-1,GT-01, D:FS+3 ")
        #expect(parsed == [Dependency("A"), Dependency("B", .startToStart, lag: 2), Dependency("C", .finishToFinish, lag: -1), Dependency("GT-01"),
                           Dependency("D", lag: 3)])
        #expect(DependencyList.format(parsed) == "A, B:SS+2, C:FF-1, GT-01, D:FS+3")
        #expect(try DependencyList.parse("") == [])
        #expect(throws: DependencyList.ParseError.badKind("A:XX")) { try DependencyList.parse("A:XX") }
        #expect(throws: DependencyList.ParseError.badLag("A:FS+x")) { try DependencyList.parse("A:FS+x") }
    }
}
