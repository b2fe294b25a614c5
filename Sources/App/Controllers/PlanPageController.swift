import Fluent
import NTMDomain
import Vapor

/// Plan pages: the plan with its Gantt chart and task forms, and the plans of a unit's subtree.
struct PlanPageController {
    func register(_ pages: any RoutesBuilder) {
        pages.get("plans", ":id", use: show)
        pages.post("plans", ":id", "tasks", use: saveTask)
        pages.post("plans", ":id", "tasks", ":code", "delete", use: deleteTask)
        pages.on(.POST, "plans", ":id", "import", body: .collect(maxSize: "5mb"), use: importFile)
        pages.get("units", ":code", "plans", use: unitPlans)
        pages.post("units", ":code", "plans", use: createPlan)
    }

    /// The task form: every field a string, as browsers send them.
    struct TaskForm: Content {
        var version: Int
        var originalCode: String?
        var code: String
        var name: String
        var criterion: String?
        var indicator: String?
        var responsiblePerson: String?
        var responsibleUnit: String?
        var duration: String
        var predecessors: String?
        var plannedCost: String?
        var actualStart: String?
        var actualFinish: String?
        var percentDone: String?
        var date: String?
    }

    @Sendable func show(req: Request) async throws -> View {
        let (plan, unit) = try await load(req)
        let loaded = try await PlanSchedule.load(plan, on: try req.asOfDate(), holidays: req.holidays, db: req.db)
        let canEdit = try await mayEdit(req, unit)
        let editing = (try? req.query.get(String.self, at: "edit")).flatMap { code in loaded.tasks.first { $0.code == code } }.map(PlanTaskDTO.init)
        return try await req.view.render("plan", PlanPageModel(request: req, plan: loaded, ancestors: try await UnitQueries.ancestors(of: unit, db: req.db),
                                                                canEdit: canEdit, edit: editing))
    }

    @Sendable func saveTask(req: Request) async throws -> Response {
        let (plan, unit) = try await load(req)
        try await req.authorize(.editPlan, on: unit)
        let form = try req.content.decode(TaskForm.self)
        let task = try dto(form)
        var tasks = try await PlanTaskRecord.query(on: req.db).filter(\.$plan.$id == plan.requireID()).sort(\.$position).all().map(PlanTaskDTO.init)
        let original = form.originalCode.flatMap { $0.isEmpty ? nil : $0 }
        if let original, let k = tasks.firstIndex(where: { $0.code == original }) {
            tasks[k] = task
        } else {
            tasks.append(task)
        }
        try await PlanWriter.replaceTasks(tasks, version: form.version, plan: plan, actor: req.actor, db: req.db)
        return req.redirect(to: "/plans/\(plan.id!.uuidString)?date=\(form.date ?? Day.today.iso)")
    }

    @Sendable func deleteTask(req: Request) async throws -> Response {
        let (plan, unit) = try await load(req)
        try await req.authorize(.editPlan, on: unit)
        struct Form: Content { var version: Int; var date: String? }
        let form = try req.content.decode(Form.self)
        let code = req.parameters.get("code")!
        let tasks = try await PlanTaskRecord.query(on: req.db).filter(\.$plan.$id == plan.requireID()).sort(\.$position).all()
            .map(PlanTaskDTO.init).filter { $0.code != code }
        try await PlanWriter.replaceTasks(tasks, version: form.version, plan: plan, actor: req.actor, db: req.db)
        return req.redirect(to: "/plans/\(plan.id!.uuidString)?date=\(form.date ?? Day.today.iso)")
    }

    @Sendable func importFile(req: Request) async throws -> Response {
        let (plan, unit) = try await load(req)
        try await req.authorize(.editPlan, on: unit)
        struct Form: Content { var version: Int; var file: File; var date: String? }
        let form = try req.content.decode(Form.self)
        let rows = try TaskSheet.read(Data(buffer: form.file.data))
        try await PlanWriter.replaceTasks(rows, version: form.version, plan: plan, actor: req.actor, db: req.db, field: { "row \($0 + 2)" })
        return req.redirect(to: "/plans/\(plan.id!.uuidString)?date=\(form.date ?? Day.today.iso)")
    }

    @Sendable func unitPlans(req: Request) async throws -> View {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let plans = try await PlanQueries.plans(under: unit, on: day, holidays: req.holidays, db: req.db)
        let canCreate = [.commune, .town, .ward, .village].contains(unit.level) ? try await mayEdit(req, unit) : false
        return try await req.view.render("plans", PlansPageModel(request: req, unit: unit, ancestors: try await UnitQueries.ancestors(of: unit, db: req.db),
                                                                  day: day, plans: plans, canCreate: canCreate))
    }

    @Sendable func createPlan(req: Request) async throws -> Response {
        struct Form: Content { var name: String; var start: String; var target: String; var calendar: WorkCalendar.Mode? }
        let form = try req.content.decode(Form.self)
        let plan = try await PlanWriter.create(NewPlanDTO(name: form.name, start: form.start, target: form.target, calendar: form.calendar, tasks: []),
                                               unitCode: req.parameters.get("code")!, actor: req.actor, db: req.db) { unit in
            try await req.authorize(.editPlan, on: unit)
        }
        return req.redirect(to: "/plans/\(plan.id!.uuidString)?date=\(form.start)")
    }

    private func load(_ req: Request) async throws -> (Plan, AdminUnit) {
        let plan = try await PlanQueries.require(req)
        return (plan, try await AdminUnit.stored(plan.$unit.id, db: req.db))
    }

    private func mayEdit(_ req: Request, _ unit: AdminUnit) async throws -> Bool {
        guard let user = req.user else { return false }
        return AccessPolicy.allows(user.role, .editPlan, inScope: try await AccessScope.contains(user: user, unit: unit, db: req.db))
    }

    /// Form strings to a task, every unreadable number named.
    private func dto(_ form: TaskForm) throws -> PlanTaskDTO {
        var problems: [InputProblem] = []
        func int(_ text: String?, _ field: String) -> Int? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let n = Int(text) else {
                problems.append(InputProblem(field: field, vi: "\(field): \"\(text)\" không phải số nguyên", en: "\(field): \"\(text)\" is not a whole number"))
                return nil
            }
            return n
        }
        func empty(_ s: String?) -> String? { s.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        let duration = int(form.duration, "duration")
        if duration == nil && problems.isEmpty {
            problems.append(InputProblem(field: "duration", vi: "Cần số ngày", en: "The duration is required"))
        }
        let task = PlanTaskDTO(code: TextFolding.normalized(form.code), name: TextFolding.normalized(form.name), criterion: int(form.criterion, "criterion"),
                               indicator: empty(form.indicator), responsiblePerson: empty(form.responsiblePerson), responsibleUnit: empty(form.responsibleUnit),
                               duration: duration ?? 0, predecessors: empty(form.predecessors),
                               plannedCost: empty(form.plannedCost).flatMap { Int64($0.replacingOccurrences(of: ".", with: "")) },
                               actualStart: empty(form.actualStart), actualFinish: empty(form.actualFinish), percentDone: int(form.percentDone, "percentDone"))
        guard problems.isEmpty else { throw AppError(problems: problems) }
        return task
    }
}
