import Fluent
import NTMDomain
import Vapor

/// `/api/v1/schedule` (stateless CPM) and the stored plans of units.
struct PlanAPIController {
    func register(public api: any RoutesBuilder, protected writes: any RoutesBuilder) {
        // A scratch schedule of up to 2000 tasks: well above the default 16 KB body.
        api.on(.POST, "schedule", body: .collect(maxSize: "1mb"), use: schedule)
        api.get("units", ":code", "plans", use: unitPlans)
        api.get("plans", ":id", use: show)
        api.get("plans", ":id", "tasks.csv", use: exportCSV)
        api.get("plans", ":id", "tasks.xlsx", use: exportXLSX)
        writes.post("units", ":code", "plans", use: create)
        writes.put("plans", ":id", "tasks", use: replaceTasks)
        writes.on(.POST, "plans", ":id", "tasks", "import", body: .collect(maxSize: "5mb"), use: importTasks)
    }

    /// Computes a schedule from the request alone; a cycle is a 422 naming its tasks.
    @Sendable func schedule(req: Request) async throws -> ScheduleResponseDTO {
        let input = try req.content.decode(ScheduleRequestDTO.self)
        // The same ranges as a stored plan's: beyond them the sums of a long chain would overflow.
        var problems: [InputProblem] = []
        for (k, task) in input.tasks.enumerated() {
            if !(0...3650).contains(task.duration) {
                problems.append(InputProblem(field: "tasks[\(k)].duration", vi: "Thời gian \(task.duration) ngày phải từ 0 đến 3650", en: "Duration \(task.duration) must be 0–3650 days"))
            }
            for (j, dependency) in (task.predecessors ?? []).enumerated() where !(-3650...3650).contains(dependency.lag ?? 0) {
                problems.append(InputProblem(field: "tasks[\(k)].predecessors[\(j)].lag", vi: "Độ trễ phải từ −3650 đến 3650 ngày", en: "The lag must be −3650 to 3650 days"))
            }
        }
        if input.tasks.count > 2000 {
            problems.append(InputProblem(field: "tasks", vi: "Tối đa 2000 công việc", en: "2000 tasks at most"))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        let tasks = input.tasks.map { task in
            PlanTask(code: task.code, duration: task.duration,
                     predecessors: (task.predecessors ?? []).map { Dependency($0.code, $0.type ?? .finishToStart, lag: $0.lag ?? 0) })
        }
        let schedule: Schedule
        do {
            schedule = try CPM.schedule(tasks)
        } catch {
            let asRows = input.tasks.map { PlanTaskDTO(code: $0.code, name: $0.code, duration: $0.duration) }
            throw AppError(problems: [PlanWriter.describe(error, tasks: asRows, field: { "tasks[\($0)]" })])
        }
        var finishDate: String?
        if let text = input.start {
            let start = try Day.parse(text, field: "start")
            let finish = WorkCalendar(mode: .calendarDays, start: start).finishDay(start: 0, duration: schedule.duration)
            guard Day.sensibleYears.contains(finish.year) else {
                throw AppError(.unprocessableEntity, field: "tasks", vi: "Tiến độ kết thúc năm \(finish.year), ngoài khoảng 1990–2100", en: "The schedule ends in \(finish.year), outside 1990–2100")
            }
            finishDate = finish.iso
        }
        return ScheduleResponseDTO(duration: schedule.duration, tasks: schedule.tasks.map {
            .init(code: $0.code, earlyStart: $0.earlyStart, earlyFinish: $0.earlyFinish, lateStart: $0.lateStart, lateFinish: $0.lateFinish,
                  totalSlack: $0.totalSlack, freeSlack: $0.freeSlack, critical: $0.critical)
        }, criticalPath: schedule.criticalPath, criticalPaths: schedule.criticalPaths, finishDate: finishDate)
    }

    /// The plans of a unit and of every unit below it (a district sees its communes' plans).
    @Sendable func unitPlans(req: Request) async throws -> [PlanSummaryDTO] {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        return try await PlanQueries.plans(under: unit, on: day, holidays: req.holidays, db: req.db).map(\.summary)
    }

    @Sendable func show(req: Request) async throws -> PlanDetailDTO {
        try await PlanSchedule.load(try await PlanQueries.require(req), on: try req.asOfDate(), holidays: req.holidays, db: req.db).detail
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(NewPlanDTO.self)
        let plan = try await PlanWriter.create(input, unitCode: req.parameters.get("code")!, actor: req.actor, db: req.db) { unit in
            try await req.authorize(.editPlan, on: unit)
        }
        let loaded = try await PlanSchedule.load(plan, on: try req.asOfDate(), holidays: req.holidays, db: req.db)
        return try await loaded.detail.encodeResponse(status: .created, for: req)
    }

    @Sendable func replaceTasks(req: Request) async throws -> PlanDetailDTO {
        let input = try req.content.decode(ReplaceTasksDTO.self)
        let plan = try await PlanQueries.require(req)
        try await req.authorize(.editPlan, on: try await AdminUnit.find(plan.$unit.id, on: req.db))
        try await PlanWriter.replaceTasks(input.tasks, version: input.version, plan: plan, actor: req.actor, db: req.db)
        return try await PlanSchedule.load(plan, on: try req.asOfDate(), holidays: req.holidays, db: req.db).detail
    }

    /// Replaces the tasks from a CSV or .xlsx file (the officers' one-row-per-task format); all rows or none.
    @Sendable func importTasks(req: Request) async throws -> PlanDetailDTO {
        let plan = try await PlanQueries.require(req)
        try await req.authorize(.editPlan, on: try await AdminUnit.find(plan.$unit.id, on: req.db))
        guard let body = req.body.data else {
            throw AppError(.badRequest, field: "body", vi: "Gửi tệp CSV hoặc .xlsx trong thân yêu cầu", en: "Send the CSV or .xlsx file as the request body")
        }
        let rows = try TaskSheet.read(Data(buffer: body))
        let version = (try? req.query.get(Int.self, at: "version")) ?? plan.version
        try await PlanWriter.replaceTasks(rows, version: version, plan: plan, actor: req.actor, db: req.db, field: { "row \($0 + 2)" })
        return try await PlanSchedule.load(plan, on: try req.asOfDate(), holidays: req.holidays, db: req.db).detail
    }

    @Sendable func exportCSV(req: Request) async throws -> Response {
        let loaded = try await PlanSchedule.load(try await PlanQueries.require(req), on: try req.asOfDate(), holidays: req.holidays, db: req.db)
        return Download.csv(TaskSheet.sheet(loaded), name: "ke-hoach-\(loaded.unit.code)")
    }

    @Sendable func exportXLSX(req: Request) async throws -> Response {
        let loaded = try await PlanSchedule.load(try await PlanQueries.require(req), on: try req.asOfDate(), holidays: req.holidays, db: req.db)
        return try Download.xlsx(TaskSheet.sheet(loaded), name: "ke-hoach-\(loaded.unit.code)")
    }
}

enum PlanQueries {
    static func require(_ req: Request) async throws -> Plan {
        guard let id = req.parameters.get("id", as: UUID.self), let plan = try await Plan.find(id, on: req.db) else {
            throw AppError(.notFound, field: "id", vi: "Không tìm thấy kế hoạch", en: "No such plan")
        }
        return plan
    }

    /// Plans of `unit` and every unit below it, as of `day`.
    static func plans(under unit: AdminUnit, on day: Day, holidays: Set<Day>, db: any Database) async throws -> [PlanSchedule] {
        let units = try await UnitQueries.subtree(unit, on: day, db: db)
        let byID = Dictionary(uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0, u) } })
        // Plans with their tasks in two statements, whatever the number of plans.
        let plans = try await Plan.query(on: db).filterUnit(under: unit).with(\.$tasks).all().filter { byID[$0.$unit.id] != nil }
        let loaded = try plans.map { plan in
            try PlanSchedule.make(plan, tasks: plan.tasks, unit: byID[plan.$unit.id]!, on: day, holidays: holidays)
        }
        return loaded.sorted { ($0.marginDays ?? 0, $0.unit.name) < ($1.marginDays ?? 0, $1.unit.name) }
    }
}

/// A file download with a UTF-8 name that Excel and browsers both accept.
enum Download {
    /// The sheet as CSV (UTF-8 with BOM), streamed; `name` without extension.
    static func csv(_ sheet: Spreadsheet, name: String) -> Response {
        StreamedSheet(sheet).csvResponse(filename: name)
    }

    /// The sheet as an .xlsx workbook, streamed; `name` without extension.
    static func xlsx(_ sheet: Spreadsheet, name: String) throws -> Response {
        StreamedSheet(sheet).xlsxResponse(filename: name)
    }
}
