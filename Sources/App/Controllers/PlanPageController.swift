import Fluent
import NTMDomain
import Vapor

/// Plan pages: the plan with its Gantt chart and task forms, and the plans of a unit's subtree.
struct PlanPageController {
    func register(_ pages: any RoutesBuilder) {
        pages.get(SiteURL.plan(":id").pathComponents, use: show)
        pages.post(SiteURL.planPage(":id", "tasks").pathComponents, use: saveTask)
        pages.get(SiteURL.planPage(":id", "tasks/:code/delete").pathComponents, use: confirmDelete)
        pages.post(SiteURL.planPage(":id", "tasks/:code/delete").pathComponents, use: deleteTask)
        pages.on(.POST, SiteURL.planPage(":id", "import").pathComponents, body: .collect(maxSize: "5mb"), use: importFile)
        pages.on(.POST, SiteURL.planPage(":id", "import/confirm").pathComponents, body: .collect(maxSize: "5mb"), use: confirmImport)
        pages.get(SiteURL.unitPage(":code", "plans").pathComponents, use: unitPlans)
        pages.post(SiteURL.unitPage(":code", "plans").pathComponents, use: createPlan)
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
        let canEdit = try await req.may(.editPlan, on: unit)
        let editing = (try? req.query.get(String.self, at: "edit")).flatMap { code in loaded.tasks.first { $0.code == code } }
            .map { TaskForm(editing: PlanTaskDTO($0), version: plan.version) }
        return try await req.view.render("plan", PlanPageModel(request: req, plan: loaded, ancestors: try await UnitQueries.ancestors(of: unit, db: req.db),
                                                                canEdit: canEdit, edit: editing))
    }

    @Sendable func saveTask(req: Request) async throws -> Response {
        let (plan, unit) = try await load(req)
        try await req.authorize(.editPlan, on: unit)
        let form = try req.content.decode(TaskForm.self)
        do {
            let task = try dto(form)
            var tasks = try await PlanTaskRecord.query(on: req.db).filter(\.$plan.$id == plan.requireID()).sort(\.$position).all().map(PlanTaskDTO.init)
            let original = form.originalCode.flatMap { $0.isEmpty ? nil : $0 }
            if let original, let k = tasks.firstIndex(where: { $0.code == original }) {
                tasks[k] = task
            } else {
                tasks.append(task)
            }
            try await PlanWriter.replaceTasks(tasks, version: form.version, plan: plan, actor: req.actor, db: req.db)
        } catch let error as AppError where [.badRequest, .conflict, .unprocessableEntity].contains(error.status) {
            // The plan page again, the task form holding what was typed and the reasons above it.
            let day = form.date.flatMap { try? Day.parse($0, field: "date") } ?? .today
            let loaded = try await PlanSchedule.load(plan, on: day, holidays: req.holidays, db: req.db)
            var model = PlanPageModel(request: req, plan: loaded, ancestors: try await UnitQueries.ancestors(of: unit, db: req.db),
                                      canEdit: true, edit: form)
            model.taskProblems = error.problems.isEmpty ? [error.reason(req.language)] : error.problems.map { $0.reason.text(req.language) }
            let response = try await req.view.render("plan", model).encodeResponse(for: req)
            response.status = error.status
            return response
        }
        req.session.data[Flash.key] = req.language == .vi ? "Đã lưu công việc \(form.code); lịch đã được tính lại." : "Task \(form.code) saved; the schedule was recomputed."
        return req.redirect(to: SiteURL.plan(plan.id!.uuidString).link([("date", form.date ?? Day.today.iso)]))
    }

    /// Deleting a task cannot be undone: this page says what will go, and what stops it (tasks that
    /// depend on it), before anything is deleted. No script needed.
    @Sendable func confirmDelete(req: Request) async throws -> View {
        let (plan, unit) = try await load(req)
        try await req.authorize(.editPlan, on: unit)
        let code = req.parameters.get("code")!
        let day = (try? req.asOfDate()) ?? .today
        let tasks = try await PlanTaskRecord.query(on: req.db).filter(\.$plan.$id == plan.requireID()).sort(\.$position).all()
        guard let task = tasks.first(where: { $0.code == code }) else {
            throw AppError(.notFound, field: "code", vi: "Kế hoạch không có việc \(code)", en: "The plan has no task \(code)")
        }
        let dependents = tasks.filter { other in ((try? DependencyList.parse(other.predecessors)) ?? []).contains { $0.code == code } }
        let vi = req.language == .vi
        let back = SiteURL.plan(plan.id!.uuidString).link([("date", day.iso)])
        var model = ConfirmPageModel(
            layout: LayoutModel(request: req, title: vi ? "Xóa việc \(code)?" : "Delete task \(code)?", withForms: true),
            question: vi ? "Xóa việc \(code) «\(task.name)» khỏi \(plan.name)?" : "Delete task \(code) “\(task.name)” from \(plan.name)?",
            consequence: vi ? "Lịch đường găng được tính lại; việc đã xóa không khôi phục được (nhật ký vẫn ghi lại)."
                            : "The critical-path schedule is recomputed; a deleted task cannot be restored (the audit trail keeps it).",
            action: SiteURL.taskDelete(plan: plan.id!.uuidString, task: code).path,
            fields: [.init(name: "version", value: String(plan.version)), .init(name: "date", value: day.iso)],
            confirmLabel: vi ? "Xóa việc \(code)" : "Delete task \(code)", cancelURL: back, cancelLabel: vi ? "Không xóa, quay lại" : "Keep it, go back")
        if !dependents.isEmpty {
            model.blocked = (vi ? "Chưa xóa được: các việc sau phụ thuộc vào việc \(code) — sửa phần \"việc trước\" của chúng trước: "
                                : "Cannot delete yet: these tasks depend on \(code) — change their predecessors first: ")
                + dependents.map { "\($0.code) \($0.name)" }.joined(separator: "; ")
        }
        return try await req.view.render("confirm", model)
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
        req.session.data[Flash.key] = req.language == .vi ? "Đã xóa việc \(code); lịch đã được tính lại." : "Task \(code) deleted; the schedule was recomputed."
        return req.redirect(to: SiteURL.plan(plan.id!.uuidString).link([("date", form.date ?? Day.today.iso)]))
    }

    @Sendable func importFile(req: Request) async throws -> Response {
        let (plan, unit) = try await load(req)
        try await req.authorize(.editPlan, on: unit)
        struct Form: Content { var version: Int; var file: File; var date: String? }
        let form = try req.content.decode(Form.self)
        let rows = try TaskSheet.read(Data(buffer: form.file.data))
        // A file with mistakes is refused with every row named before anything is asked.
        try await PlanWriter.checked(rows, plan: plan, unit: unit, db: req.db, field: { "row \($0 + 2)" })
        // Replacing every task cannot be undone from the page: say what will happen and ask first.
        let current = try await PlanTaskRecord.query(on: req.db).filter(\.$plan.$id == plan.requireID()).count()
        let vi = req.language == .vi
        let id = plan.id!.uuidString
        let back = SiteURL.plan(id).link([("date", form.date ?? Day.today.iso)])
        let model = ConfirmPageModel(
            layout: LayoutModel(request: req, title: vi ? "Thay toàn bộ công việc?" : "Replace every task?", withForms: true),
            question: vi ? "Thay \(current) việc của \(plan.name) bằng \(rows.count) việc trong tệp \(form.file.filename)?"
                         : "Replace the \(current) tasks of \(plan.name) with the \(rows.count) tasks of \(form.file.filename)?",
            consequence: vi ? "Các việc hiện có (cả tiến độ đã ghi) được thay bằng nội dung tệp; lịch đường găng được tính lại. Nhật ký vẫn giữ danh sách cũ."
                            : "The current tasks (with the progress recorded) are replaced by the file's; the schedule is recomputed. The audit trail keeps the old list.",
            action: SiteURL.planPage(id, "import/confirm").path,
            fields: [.init(name: "version", value: String(form.version)), .init(name: "date", value: form.date ?? ""),
                     .init(name: "rows", value: String(decoding: try JSONEncoder().encode(rows), as: UTF8.self))],
            confirmLabel: vi ? "Thay toàn bộ công việc" : "Replace every task", cancelURL: back, cancelLabel: vi ? "Không thay, quay lại" : "Keep them, go back")
        return try await req.view.render("confirm", model).encodeResponse(for: req)
    }

    @Sendable func confirmImport(req: Request) async throws -> Response {
        let (plan, unit) = try await load(req)
        try await req.authorize(.editPlan, on: unit)
        struct Form: Content { var version: Int; var rows: String; var date: String? }
        let form = try req.content.decode(Form.self)
        let rows = try JSONDecoder().decode([PlanTaskDTO].self, from: Data(form.rows.utf8))
        try await PlanWriter.replaceTasks(rows, version: form.version, plan: plan, actor: req.actor, db: req.db, field: { "row \($0 + 2)" })
        req.session.data[Flash.key] = req.language == .vi ? "Đã thay danh sách công việc bằng \(rows.count) việc trong tệp; lịch đã được tính lại."
                                                           : "The task list was replaced by the file's \(rows.count) tasks; the schedule was recomputed."
        let date = form.date.flatMap { $0.isEmpty ? nil : $0 } ?? Day.today.iso
        return req.redirect(to: SiteURL.plan(plan.id!.uuidString).link([("date", date)]))
    }

    @Sendable func unitPlans(req: Request) async throws -> View {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let plans = try await PlanQueries.plans(under: unit, on: day, holidays: req.holidays, db: req.db)
        let canCreate = [.commune, .town, .ward, .village].contains(unit.level) ? try await req.may(.editPlan, on: unit) : false
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
        req.session.data[Flash.key] = req.language == .vi ? "Đã tạo kế hoạch \(plan.name); thêm các công việc bên dưới." : "Plan \(plan.name) created; add its tasks below."
        return req.redirect(to: SiteURL.plan(plan.id!.uuidString).link([("date", form.start)]))
    }

    private func load(_ req: Request) async throws -> (Plan, AdminUnit) {
        let plan = try await PlanQueries.require(req)
        return (plan, try await AdminUnit.stored(plan.$unit.id, db: req.db))
    }

    /// The task form's fields as the form names them.
    static let fieldWords: [String: (String, String)] = [
        "criterion": ("Tiêu chí", "Criterion"), "duration": ("Số ngày", "Duration"), "percentDone": ("% hoàn thành", "% done"),
    ]

    /// Form strings to a task, every unreadable number named.
    private func dto(_ form: TaskForm) throws -> PlanTaskDTO {
        var problems: [InputProblem] = []
        func int(_ text: String?, _ field: String) -> Int? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let n = Int(text) else {
                let (vi, en) = Self.fieldWords[field] ?? (field, field)
                problems.append(InputProblem(field: field, vi: "\(vi): \"\(text)\" không phải số nguyên", en: "\(en): \"\(text)\" is not a whole number"))
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

extension PlanPageController.TaskForm {
    /// A stored task in the form, to edit it.
    init(editing task: PlanTaskDTO, version: Int) {
        self.init(version: version, originalCode: task.code, code: task.code, name: task.name, criterion: task.criterion.map(String.init),
                  indicator: task.indicator, responsiblePerson: task.responsiblePerson, responsibleUnit: task.responsibleUnit,
                  duration: String(task.duration), predecessors: task.predecessors, plannedCost: task.plannedCost.map(String.init),
                  actualStart: task.actualStart, actualFinish: task.actualFinish, percentDone: task.percentDone.map(String.init), date: nil)
    }
}
