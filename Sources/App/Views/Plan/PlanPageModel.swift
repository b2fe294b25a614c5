import NTMDomain
import Vapor

/// A plan on a status day: its Gantt chart, what is late, what starts this week, the critical
/// tasks by responsible unit, and the task forms (no JavaScript needed).
struct PlanPageModel: Encodable {
    struct TaskRow: Encodable {
        var code: String
        var name: String
        var criterion: String
        var responsible: String
        var duration: Int
        var predecessors: String
        var start: String
        var finish: String
        var slack: Int
        var critical: Bool
        var late: Bool
        var done: Bool
        var percent: Int
        var projectedFinish: String
        var editURL: String
        /// The page that asks before the task is deleted.
        var deleteURL: String
    }

    struct Group: Encodable {
        var unit: String
        var tasks: String
    }

    var layout: LayoutModel
    var id: String
    var name: String
    var unitName: String
    var unitURL: String
    var date: String
    var dateText: String
    var target: String
    var plannedFinish: String
    var projectedFinish: String
    var margin: String
    var missing: Bool
    var calendar: String
    var version: Int
    var gantt: String
    var tasks: [TaskRow]
    var late: [TaskRow]
    var startingThisWeek: [TaskRow]
    var criticalByUnit: [Group]
    var canEdit: Bool
    var csvURL: String
    var xlsxURL: String
    var words: Words
    /// The task form's fields: a task being edited, or what was typed when a save was refused.
    var edit: PlanPageController.TaskForm?
    /// Why the last save was refused, each naming its field in words.
    var taskProblems: [String] = []

    struct Words: Encodable {
        var target, plannedFinish, projectedFinish, margin, late, thisWeek, criticalByUnit, tasks, code, name, criterion, responsible, duration,
            predecessors, start, finish, slack, done, addTask, save, delete, export, importFile, actualStart, actualFinish, percent, cost, person, none: String
        var replaceAll = "", problemsTitle = ""
    }

    init(request: Request, plan: PlanSchedule, ancestors: [AdminUnit], canEdit: Bool, edit: PlanPageController.TaskForm? = nil) {
        let vi = request.language == .vi
        let id = plan.plan.id!.uuidString
        layout = LayoutModel(request: request, title: "\(plan.plan.name) — \(plan.unit.name)",
                             crumbs: Crumbs.of(ancestors + [plan.unit], day: plan.statusDay), withForms: canEdit)
        self.id = id
        name = plan.plan.name
        unitName = plan.unit.name
        unitURL = SiteURL.unit(plan.unit.code, on: plan.statusDay)
        date = plan.statusDay.iso
        dateText = DateFormat.format(plan.statusDay)
        target = DateFormat.format(plan.target)
        plannedFinish = plan.plannedFinish.map(DateFormat.format) ?? "—"
        projectedFinish = plan.projectedFinish.map(DateFormat.format) ?? "—"
        let marginDays = plan.marginDays ?? 0
        missing = marginDays < 0
        margin = marginDays < 0 ? (vi ? "Trễ \(-marginDays) ngày so với mục tiêu" : "\(-marginDays) days past the target")
            : (vi ? "Còn dư \(marginDays) ngày" : "\(marginDays) days to spare")
        calendar = plan.plan.calendar == .workingDays ? (vi ? "ngày làm việc" : "working days") : (vi ? "ngày lịch" : "calendar days")
        version = plan.plan.version
        gantt = GanttChart.svg(plan, language: request.language)
        let rows = plan.tasks.indices.map { k in
            let t = plan.tasks[k], s = plan.schedule.tasks[k]
            return TaskRow(code: t.code, name: t.name, criterion: t.criterionNumber.map(String.init) ?? "",
                           responsible: [t.responsibleUnit, t.responsiblePerson].compactMap { $0 }.joined(separator: " · "),
                           duration: t.duration, predecessors: t.predecessors,
                           start: DateFormat.format(plan.calendar.day(at: s.earlyStart)),
                           finish: DateFormat.format(plan.calendar.finishDay(start: s.earlyStart, duration: t.duration)),
                           slack: s.totalSlack, critical: s.critical, late: plan.isLate(k), done: plan.isDone(k), percent: t.percentDone,
                           projectedFinish: DateFormat.format(plan.calendar.finishDay(start: plan.forecast.starts[k], duration: plan.forecast.finishes[k] - plan.forecast.starts[k])),
                           editURL: SiteURL.plan(id).link([("date", plan.statusDay.iso), ("edit", t.code)]) + "#task-form",
                           deleteURL: SiteURL.taskDelete(plan: id, task: t.code).link([("date", plan.statusDay.iso)]))
        }
        tasks = rows
        late = plan.lateIndices.map { rows[$0] }
        startingThisWeek = plan.startingThisWeek.map { rows[$0] }
        let critical = rows.filter { $0.critical && !$0.done }
        let unassigned = vi ? "(chưa giao)" : "(unassigned)"
        criticalByUnit = Dictionary(grouping: critical, by: { row in plan.tasks.first { $0.code == row.code }?.responsibleUnit ?? unassigned })
            .map { Group(unit: $0.key, tasks: $0.value.map { "\($0.code) \($0.name)" }.joined(separator: "; ")) }
            .sorted { $0.unit < $1.unit }
        self.canEdit = canEdit
        csvURL = "/api/v1/plans/\(id)/tasks.csv?date=\(plan.statusDay.iso)"
        xlsxURL = "/api/v1/plans/\(id)/tasks.xlsx?date=\(plan.statusDay.iso)"
        self.edit = edit
        words = Words(
            target: vi ? "Mục tiêu" : "Target", plannedFinish: vi ? "Hoàn thành theo kế hoạch" : "Planned finish",
            projectedFinish: vi ? "Dự báo hoàn thành" : "Projected finish", margin: vi ? "Biên" : "Margin",
            late: vi ? "Công việc trễ hạn" : "Late tasks", thisWeek: vi ? "Bắt đầu trong 7 ngày tới" : "Starting within 7 days",
            criticalByUnit: vi ? "Công việc găng theo đơn vị phụ trách" : "Critical tasks by responsible unit", tasks: vi ? "Công việc" : "Tasks",
            code: vi ? "Mã" : "Code", name: vi ? "Công việc" : "Task", criterion: vi ? "Tiêu chí" : "Criterion",
            responsible: vi ? "Phụ trách" : "Responsible", duration: vi ? "Số ngày" : "Days", predecessors: vi ? "Công việc trước" : "Predecessors",
            start: vi ? "Bắt đầu" : "Start", finish: vi ? "Kết thúc" : "Finish", slack: vi ? "Dự trữ" : "Slack", done: vi ? "Xong" : "Done",
            addTask: vi ? "Thêm / sửa công việc" : "Add / edit a task", save: vi ? "Lưu" : "Save", delete: vi ? "Xóa" : "Delete",
            export: vi ? "Tải về" : "Download", importFile: vi ? "Nhập từ tệp (CSV hoặc .xlsx, thay toàn bộ)" : "Import a file (CSV or .xlsx, replaces all)",
            actualStart: vi ? "Bắt đầu thực tế" : "Actual start", actualFinish: vi ? "Hoàn thành thực tế" : "Actual finish",
            percent: vi ? "% hoàn thành" : "% done", cost: vi ? "Kinh phí (đồng)" : "Cost (đồng)", person: vi ? "Người phụ trách" : "Person responsible",
            none: vi ? "Không có." : "None.")
        words.replaceAll = vi ? "Thay toàn bộ danh sách công việc bằng tệp" : "Replace every task with the file's"
        words.problemsTitle = vi ? "Chưa lưu công việc — sửa rồi lưu lại:" : "The task was not saved — correct and save again:"
    }
}

/// The district (or commune) view of plans: who is projected to miss the target, by how much.
struct PlansPageModel: Encodable {
    struct Row: Encodable {
        var unit: String
        var name: String
        var url: String
        var target: String
        var projected: String
        var margin: Int
        var missing: Bool
        var late: Int
    }

    var layout: LayoutModel
    var unitName: String
    var dateText: String
    var date: String
    var rows: [Row]
    var missingCount: Int
    var canCreate: Bool
    var code: String

    init(request: Request, unit: AdminUnit, ancestors: [AdminUnit], day: Day, plans: [PlanSchedule], canCreate: Bool) {
        let vi = request.language == .vi
        layout = LayoutModel(request: request, title: (vi ? "Kế hoạch đường găng — " : "Critical-path plans — ") + unit.name,
                             crumbs: Crumbs.of(ancestors + [unit], day: day), withForms: canCreate)
        unitName = unit.name
        code = unit.code
        dateText = DateFormat.format(day)
        date = day.iso
        rows = plans.map { p in
            Row(unit: p.unit.name, name: p.plan.name, url: SiteURL.plan(p.plan.id!.uuidString).link([("date", day.iso)]), target: DateFormat.format(p.target),
                projected: p.projectedFinish.map(DateFormat.format) ?? "—", margin: p.marginDays ?? 0, missing: (p.marginDays ?? 0) < 0, late: p.lateIndices.count)
        }
        missingCount = rows.filter(\.missing).count
        self.canCreate = canCreate
    }
}
