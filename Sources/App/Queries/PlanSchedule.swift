import Fluent
import Foundation
import NTMDomain
import Vapor

/// A stored plan scheduled by the engine and read as of a status day: dates, slack, the forecast
/// from actual progress, and what is late.
struct PlanSchedule {
    let plan: Plan
    let unit: AdminUnit
    let tasks: [PlanTaskRecord]
    let calendar: WorkCalendar
    let schedule: Schedule
    let forecast: Forecast
    let statusDay: Day
    let target: Day

    var plannedFinish: Day? { tasks.isEmpty ? nil : calendar.finishDay(start: 0, duration: schedule.duration) }
    var projectedFinish: Day? { tasks.isEmpty ? nil : calendar.finishDay(start: 0, duration: forecast.projectedFinish) }
    var marginDays: Int? { projectedFinish.map { target.ordinal - $0.ordinal } }

    /// Done as of the status day: finished on or before it. The share done is known only as it is now,
    /// so "100 %" without a finish day counts from today on, not on a day looked back at.
    func isDone(_ k: Int) -> Bool {
        if let finish = tasks[k].actualFinish.flatMap(Day.init) { return finish <= statusDay }
        return tasks[k].percentDone >= 100 && statusDay >= Day.today
    }

    /// Not finished although its planned finish has passed.
    func isLate(_ k: Int) -> Bool {
        !isDone(k) && calendar.finishDay(start: schedule.tasks[k].earlyStart, duration: tasks[k].duration) < statusDay
    }

    var lateIndices: [Int] { tasks.indices.filter(isLate) }

    /// Not started yet and planned to start within seven days of the status day.
    var startingThisWeek: [Int] {
        tasks.indices.filter { k in
            let start = calendar.day(at: schedule.tasks[k].earlyStart)
            return tasks[k].actualStart == nil && !isDone(k) && statusDay <= start && start.ordinal < statusDay.ordinal + 7
        }
    }

    static func load(_ plan: Plan, on statusDay: Day, holidays: Set<Day>, db: any Database) async throws -> PlanSchedule {
        let tasks = try await PlanTaskRecord.query(on: db).filter(\.$plan.$id == plan.requireID()).sort(\.$position).all()
        let unit = try await AdminUnit.stored(plan.$unit.id, db: db)
        return try make(plan, tasks: tasks, unit: unit, on: statusDay, holidays: holidays)
    }

    /// Schedules a plan whose tasks and unit are already loaded (lists load them all at once).
    /// With `knownOn`, progress recorded after that day is ignored: the plan as it stood then.
    static func make(_ plan: Plan, tasks: [PlanTaskRecord], unit: AdminUnit, on statusDay: Day, holidays: Set<Day>,
                     knownOn: Day? = nil) throws -> PlanSchedule {
        let tasks = tasks.sorted { $0.position < $1.position }
        let target = try Day.stored(plan.targetDate, "plan target")
        let calendar = WorkCalendar(mode: plan.calendar, start: try Day.stored(plan.startDate, "plan start"), holidays: holidays)
        let network = tasks.map { PlanTask(code: $0.code, duration: $0.duration, predecessors: (try? DependencyList.parse($0.predecessors)) ?? []) }
        // Stored plans were checked on save, so the engine cannot fail here.
        let schedule = try CPM.schedule(network)
        var progress: [String: TaskProgress] = [:]
        for task in tasks {
            let known = { (day: Day) in knownOn.map { day <= $0 } ?? true ? day : nil }
            let started = task.actualStart.flatMap(Day.init).flatMap(known)
            let finished = task.actualFinish.flatMap(Day.init).flatMap(known)
            // The share done is kept only as it is today; looking back, an unfinished task counts as not begun in share.
            let percent = knownOn == nil ? task.percentDone : (finished == nil ? 0 : 100)
            progress[task.code] = TaskProgress(actualStart: started.map(calendar.offset(of:)),
                                               actualFinish: finished.map { calendar.offset(of: $0) + 1 }, percentDone: percent)
        }
        let forecast = try CPM.forecast(network, progress: progress, statusDay: calendar.offset(of: statusDay))
        return PlanSchedule(plan: plan, unit: unit, tasks: tasks, calendar: calendar, schedule: schedule, forecast: forecast, statusDay: statusDay, target: target)
    }

    /// Criterion → the day its tasks are projected to finish and the task that finishes last.
    var criterionFinishes: [Int: (day: Day, task: String)] {
        var finishes: [Int: (day: Day, task: String)] = [:]
        for k in tasks.indices {
            guard let criterion = tasks[k].criterionNumber else { continue }
            let finish = calendar.finishDay(start: forecast.starts[k], duration: forecast.finishes[k] - forecast.starts[k])
            if finishes[criterion].map({ $0.day < finish }) ?? true { finishes[criterion] = (finish, tasks[k].name) }
        }
        return finishes
    }

    var summary: PlanSummaryDTO {
        PlanSummaryDTO(id: plan.id!, unitCode: unit.code, unitName: unit.name, name: plan.name, start: plan.startDate, target: plan.targetDate,
                       calendar: plan.calendar, version: plan.version, plannedFinish: plannedFinish?.iso, projectedFinish: projectedFinish?.iso,
                       marginDays: marginDays, lateTasks: lateIndices.count, taskCount: tasks.count)
    }

    var detail: PlanDetailDTO {
        let rows = tasks.indices.map { k in
            let s = schedule.tasks[k]
            let duration = tasks[k].duration
            return PlanDetailDTO.Row(task: PlanTaskDTO(tasks[k]), earlyStart: calendar.day(at: s.earlyStart).iso,
                                     earlyFinish: calendar.finishDay(start: s.earlyStart, duration: duration).iso,
                                     lateStart: calendar.day(at: s.lateStart).iso, lateFinish: calendar.finishDay(start: s.lateStart, duration: duration).iso,
                                     totalSlack: s.totalSlack, freeSlack: s.freeSlack, critical: s.critical,
                                     projectedStart: calendar.day(at: forecast.starts[k]).iso,
                                     projectedFinish: calendar.finishDay(start: forecast.starts[k], duration: forecast.finishes[k] - forecast.starts[k]).iso,
                                     late: isLate(k), done: isDone(k))
        }
        return PlanDetailDTO(plan: summary, asOf: statusDay.iso, tasks: rows, criticalPath: schedule.criticalPath)
    }
}

extension PlanTaskDTO {
    init(_ record: PlanTaskRecord) {
        self.init(code: record.code, name: record.name, criterion: record.criterionNumber, indicator: record.indicatorCode,
                  responsiblePerson: record.responsiblePerson, responsibleUnit: record.responsibleUnit, duration: record.duration,
                  predecessors: record.predecessors.isEmpty ? nil : record.predecessors, plannedCost: record.plannedCost,
                  actualStart: record.actualStart, actualFinish: record.actualFinish, percentDone: record.percentDone)
    }
}

/// Public holidays from `Resources/Data/holidays-vn.csv` (date,name): edit the file to configure.
enum Holidays {
    static func load(resourcesDirectory: String) throws -> Set<Day> {
        let table = try ReferenceFile.table("Data/holidays-vn.csv", required: ["date"], resourcesDirectory: resourcesDirectory)
        var days = Set<Day>()
        for row in table.rows {
            guard let day = row.fields["date"].flatMap(Day.init) else {
                throw AppError(.internalServerError, vi: "Data/holidays-vn.csv, dòng \(row.number): ngày \"\(row.fields["date"] ?? "")\" không đúng dạng YYYY-MM-DD",
                               en: "Data/holidays-vn.csv, row \(row.number): date \"\(row.fields["date"] ?? "")\" is not YYYY-MM-DD")
            }
            days.insert(day)
        }
        return days
    }
}
