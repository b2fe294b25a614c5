import NTMDomain
import Vapor

/// One task as it travels: API body, CSV row, spreadsheet row. Dates `YYYY-MM-DD`, money in đồng.
struct PlanTaskDTO: Content, Equatable {
    var code: String
    var name: String
    var criterion: Int?
    var indicator: String?
    var responsiblePerson: String?
    var responsibleUnit: String?
    var duration: Int
    /// "A, B:SS+2" — see `DependencyList`.
    var predecessors: String?
    var plannedCost: Int64?
    var actualStart: String?
    var actualFinish: String?
    var percentDone: Int?
}

extension PlanTaskDTO {
    /// The task as it will be stored: codes, names and links without invisible characters, so the
    /// network checked before writing is exactly the one read back (a code of only control
    /// characters is empty and refused, not stored and failing later).
    var normalized: PlanTaskDTO {
        var task = self
        task.code = TextFolding.normalized(code)
        task.name = TextFolding.normalized(name)
        task.predecessors = predecessors.map(TextFolding.normalized)
        return task
    }
}

struct NewPlanDTO: Content {
    var name: String
    var start: String
    var target: String
    var calendar: WorkCalendar.Mode?
    var tasks: [PlanTaskDTO]?
}

struct ReplaceTasksDTO: Content {
    var version: Int
    var tasks: [PlanTaskDTO]
}

/// `POST /api/v1/schedule` (api-contract.md): compute only, store nothing.
struct ScheduleRequestDTO: Content {
    var tasks: [Task]
    var start: String?

    struct Task: Content {
        var code: String
        var duration: Int
        var predecessors: [Link]?
    }

    struct Link: Content {
        var code: String
        var type: Dependency.Kind?
        var lag: Int?
    }
}

struct ScheduleResponseDTO: Content {
    var duration: Int
    var tasks: [Task]
    var criticalPath: [String]
    var criticalPaths: [[String]]
    var finishDate: String?

    struct Task: Content {
        var code: String
        var earlyStart: Int
        var earlyFinish: Int
        var lateStart: Int
        var lateFinish: Int
        var totalSlack: Int
        var freeSlack: Int
        var critical: Bool
    }
}

struct PlanSummaryDTO: Content {
    var id: UUID
    var unitCode: String
    var unitName: String
    var name: String
    var start: String
    var target: String
    var calendar: WorkCalendar.Mode
    var version: Int
    var plannedFinish: String?
    var projectedFinish: String?
    /// Days between the target and the projected finish: negative means the target will be missed.
    var marginDays: Int?
    var lateTasks: Int
    var taskCount: Int
}

struct PlanDetailDTO: Content {
    var plan: PlanSummaryDTO
    var asOf: String
    var tasks: [Row]
    var criticalPath: [String]

    struct Row: Content {
        var task: PlanTaskDTO
        var earlyStart: String
        var earlyFinish: String
        var lateStart: String
        var lateFinish: String
        var totalSlack: Int
        var freeSlack: Int
        var critical: Bool
        var projectedStart: String
        var projectedFinish: String
        var late: Bool
        var done: Bool
    }
}
