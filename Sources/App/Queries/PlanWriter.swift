import Fluent
import NTMDomain
import Vapor

/// Creates plans and replaces their task lists: every row is checked and the network scheduled
/// before anything is written, so a stored plan always schedules.
enum PlanWriter {
    /// All problems of a task list: fields per row, then the network (cycles name their tasks).
    /// `field` names a row the way the input did: `tasks[3]` for JSON, `row 4` for a file.
    static func problems(_ tasks: [PlanTaskDTO], set: CriteriaSet?, field: (Int) -> String = { "tasks[\($0)]" }) -> [InputProblem] {
        var problems: [InputProblem] = []
        var codes = Set<String>()
        var network: [PlanTask] = []
        for (k, task) in tasks.enumerated() {
            let row = field(k)
            func add(_ column: String, _ vi: String, _ en: String) {
                problems.append(InputProblem(field: "\(row).\(column)", vi: "\(row), \(column): \(vi)", en: "\(row), \(column): \(en)"))
            }
            if task.code.isEmpty { add("code", "thiếu mã công việc", "missing task code") }
            else if !codes.insert(task.code).inserted { add("code", "mã \(task.code) bị lặp", "code \(task.code) appears twice") }
            if task.name.isEmpty { add("name", "thiếu tên công việc", "missing task name") }
            if !(0...3650).contains(task.duration) { add("duration", "thời gian \(task.duration) ngày phải từ 0 đến 3650", "duration \(task.duration) must be 0–3650 days") }
            if let p = task.percentDone, !(0...100).contains(p) { add("percentDone", "tỷ lệ hoàn thành \(p) phải từ 0 đến 100", "percent done \(p) must be 0–100") }
            if let cost = task.plannedCost, let problem = MoneyRange.problem(cost, field: "plannedCost") { add("plannedCost", problem.reason.vi, problem.reason.text(.en)) }
            if let number = task.criterion, let set, set.criterion(number: number) == nil {
                add("criterion", "tiêu chí \(number) không có trong bộ \(set.code)", "criterion \(number) is not in set \(set.code)")
            }
            let start = task.actualStart.flatMap { $0.isEmpty ? nil : $0 }
            let finish = task.actualFinish.flatMap { $0.isEmpty ? nil : $0 }
            if let start, Day.typed(start) == nil { add("actualStart", "ngày không hợp lệ: \(start)", "not a date: \(start)") }
            if let finish, Day.typed(finish) == nil { add("actualFinish", "ngày không hợp lệ: \(finish)", "not a date: \(finish)") }
            if let s = start.flatMap(Day.init), let f = finish.flatMap(Day.init), f < s {
                add("actualFinish", "ngày kết thúc trước ngày bắt đầu", "finishes before it starts")
            }
            do {
                network.append(PlanTask(code: task.code, duration: max(0, task.duration), predecessors: try DependencyList.parse(task.predecessors ?? "")))
            } catch {
                add("predecessors", "không đọc được \"\(error.item)\" (viết: A, B:SS+2, C:FF-1)", "cannot read \"\(error.item)\" (write: A, B:SS+2, C:FF-1)")
            }
        }
        guard problems.isEmpty else { return problems }
        do {
            _ = try CPM.schedule(network)
        } catch {
            problems.append(describe(error, tasks: tasks, field: field))
        }
        return problems
    }

    static func describe(_ error: ScheduleError, tasks: [PlanTaskDTO], field: (Int) -> String) -> InputProblem {
        func row(_ code: String) -> String { tasks.firstIndex { $0.code == code }.map(field) ?? "tasks" }
        switch error {
        case .cycle(let codes):
            let chain = codes.joined(separator: " → ")
            return InputProblem(field: "\(row(codes[0])).predecessors", vi: "Các công việc phụ thuộc vòng tròn: \(chain)", en: "The tasks depend on each other in a cycle: \(chain)")
        case .selfDependency(let code):
            return InputProblem(field: "\(row(code)).predecessors", vi: "Công việc \(code) phụ thuộc chính nó", en: "Task \(code) depends on itself")
        case .unknownPredecessor(let task, let predecessor):
            return InputProblem(field: "\(row(task)).predecessors", vi: "Công việc \(task): không có công việc trước mã \(predecessor)", en: "Task \(task): no predecessor with code \(predecessor)")
        case .duplicateCode(let code):
            return InputProblem(field: "\(row(code)).code", vi: "Mã \(code) bị lặp", en: "Code \(code) appears twice")
        case .negativeDuration(let code):
            return InputProblem(field: "\(row(code)).duration", vi: "Thời gian âm", en: "Negative duration")
        case .emptyCode(let index):
            return InputProblem(field: "\(field(index)).code", vi: "Thiếu mã công việc", en: "Missing task code")
        }
    }

    static func create(_ input: NewPlanDTO, unitCode: String, actor: AuditActor, db: any Database,
                       authorize: (AdminUnit) async throws -> Void) async throws -> Plan {
        let start = try Day.parse(input.start, field: "start")
        let target = try Day.parse(input.target, field: "target")
        guard start <= target else {
            throw AppError(.unprocessableEntity, field: "target", vi: "Ngày mục tiêu trước ngày bắt đầu", en: "The target date is before the start date")
        }
        let name = TextFolding.normalized(input.name)
        guard !name.isEmpty else { throw AppError(.unprocessableEntity, field: "name", vi: "Cần tên kế hoạch", en: "The plan needs a name") }
        let unit = try await UnitQueries.require(code: unitCode, on: start, db: db)
        try await authorize(unit)
        let tasks = (input.tasks ?? []).map(\.normalized)
        let set = try await setFor(unit, on: start, db: db)
        let problems = problems(tasks, set: set)
        guard problems.isEmpty else { throw AppError(problems: problems) }
        let plan = Plan(unitID: try unit.requireID(), name: name, start: start, target: target, calendar: input.calendar ?? .calendarDays)
        plan.updatedBy = actor.name
        try await db.transaction { tx in
            try await plan.create(on: tx)
            try await write(tasks, to: plan, db: tx)
            try await Audit.record(tx, actor, action: "create", entity: "plan", id: plan.requireID().uuidString, unitCode: unit.code, new: input)
        }
        return plan
    }

    /// Replaces the whole task list; `version` must be the one the editor loaded.
    static func replaceTasks(_ tasks: [PlanTaskDTO], version: Int, plan: Plan, actor: AuditActor, db: any Database,
                             field: (Int) -> String = { "tasks[\($0)]" }) async throws {
        @Sendable func changed(_ current: Plan) -> AppError {
            AppError(.conflict, field: "version",
                     vi: "Kế hoạch đã được \(current.updatedBy ?? "người khác") sửa lúc \(current.updatedAt.map(TimestampFormat.format) ?? "?"); tải lại trang",
                     en: "The plan was changed by \(current.updatedBy ?? "someone else") at \(current.updatedAt.map(TimestampFormat.format) ?? "?"); reload")
        }
        guard plan.version == version else { throw changed(plan) }
        let unit = try await AdminUnit.stored(plan.$unit.id, db: db)
        let tasks = try await checked(tasks, plan: plan, unit: unit, db: db, field: field)
        let old = try await PlanTaskRecord.query(on: db).filter(\.$plan.$id == plan.requireID()).sort(\.$position).all().map(PlanTaskDTO.init)
        try await db.transaction { tx in
            guard try await VersionedRow.claim(Plan.schema, id: plan.requireID(), version: version, db: tx) else {
                throw changed(try await Plan.find(plan.id, on: tx) ?? plan)
            }
            try await PlanTaskRecord.query(on: tx).filter(\.$plan.$id == plan.requireID()).delete()
            try await write(tasks, to: plan, db: tx)
            plan.version = version + 1
            plan.updatedBy = actor.name
            try await plan.save(on: tx)
            try await Audit.record(tx, actor, action: "update", entity: "plan-tasks", id: plan.requireID().uuidString, unitCode: unit.code, old: old, new: tasks)
        }
    }

    /// The task list as it would be stored, or every problem of it at once (a 422); nothing is written.
    @discardableResult
    static func checked(_ tasks: [PlanTaskDTO], plan: Plan, unit: AdminUnit, db: any Database,
                        field: (Int) -> String = { "tasks[\($0)]" }) async throws -> [PlanTaskDTO] {
        let tasks = tasks.map(\.normalized)
        let set = try await setFor(unit, on: try Day.stored(plan.startDate, "plan start"), db: db)
        let problems = problems(tasks, set: set, field: field)
        guard problems.isEmpty else { throw AppError(problems: problems) }
        return tasks
    }

    private static func setFor(_ unit: AdminUnit, on day: Day, db: any Database) async throws -> CriteriaSet? {
        let catalog = try await CriteriaQueries.catalog(db: db)
        let level: AdminLevel = unit.level == .village ? .commune : unit.level
        return catalog.inForce(level: level, provinceCode: unit.provinceCode, on: day)
    }

    private static func write(_ tasks: [PlanTaskDTO], to plan: Plan, db: any Database) async throws {
        for (k, task) in tasks.enumerated() {
            let record = PlanTaskRecord()
            record.$plan.id = try plan.requireID()
            record.position = k
            record.code = TextFolding.normalized(task.code)
            record.name = TextFolding.normalized(task.name)
            record.criterionNumber = task.criterion
            record.indicatorCode = task.indicator.flatMap { $0.isEmpty ? nil : $0 }
            record.responsiblePerson = task.responsiblePerson.map(TextFolding.normalized).flatMap { $0.isEmpty ? nil : $0 }
            record.responsibleUnit = task.responsibleUnit.map(TextFolding.normalized).flatMap { $0.isEmpty ? nil : $0 }
            record.duration = task.duration
            record.predecessors = DependencyList.format((try? DependencyList.parse(task.predecessors ?? "")) ?? [])
            record.plannedCost = task.plannedCost
            record.actualStart = task.actualStart.flatMap(Day.init)?.iso
            record.actualFinish = task.actualFinish.flatMap(Day.init)?.iso
            record.percentDone = task.actualFinish.flatMap(Day.init) != nil ? 100 : (task.percentDone ?? 0)
            try await record.create(on: db)
        }
    }
}
