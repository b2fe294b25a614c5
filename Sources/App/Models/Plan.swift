import Fluent
import NTMDomain
import Vapor

/// A critical-path plan (kế hoạch đường găng) of a commune or village to reach a target date.
final class Plan: Model, @unchecked Sendable {
    static let schema = "plans"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int
    @OptionalField(key: "updated_by") var updatedBy: String?

    // reference
    @Parent(key: "unit_id") var unit: AdminUnit

    // data
    @Field(key: "name") var name: String
    @Field(key: "start_date") var startDate: String
    @Field(key: "target_date") var targetDate: String
    @Field(key: "calendar") var calendar: WorkCalendar.Mode
    @Field(key: "status") var status: String
    @Children(for: \.$plan) var tasks: [PlanTaskRecord]

    init() {}

    init(unitID: UUID, name: String, start: Day, target: Day, calendar: WorkCalendar.Mode) {
        self.$unit.id = unitID
        self.name = TextFolding.normalized(name)
        self.startDate = start.iso
        self.targetDate = target.iso
        self.calendar = calendar
        self.status = "active"
        self.version = 1
    }
}

/// One task row of a plan, as officers keep it in their spreadsheets.
final class PlanTaskRecord: Model, @unchecked Sendable {
    static let schema = "plan_tasks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: Plan
    @Field(key: "position") var position: Int
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "criterion_number") var criterionNumber: Int?
    @OptionalField(key: "indicator_code") var indicatorCode: String?
    @OptionalField(key: "responsible_person") var responsiblePerson: String?
    @OptionalField(key: "responsible_unit") var responsibleUnit: String?
    @Field(key: "duration") var duration: Int
    @Field(key: "predecessors") var predecessors: String
    @OptionalField(key: "planned_cost") var plannedCost: Int64?
    @OptionalField(key: "actual_start") var actualStart: String?
    @OptionalField(key: "actual_finish") var actualFinish: String?
    @Field(key: "percent_done") var percentDone: Int

    init() {}
}

struct CreatePlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Plan.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .field("updated_by", .string)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id"))
            .field("name", .string, .required)
            .field("start_date", .string, .required)
            .field("target_date", .string, .required)
            .field("calendar", .string, .required)
            .field("status", .string, .required)
            .create()
        try await database.schema(PlanTaskRecord.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(Plan.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("criterion_number", .int)
            .field("indicator_code", .string)
            .field("responsible_person", .string)
            .field("responsible_unit", .string)
            .field("duration", .int, .required)
            .field("predecessors", .string, .required)
            .field("planned_cost", .int64)
            .field("actual_start", .string)
            .field("actual_finish", .string)
            .field("percent_done", .int, .required)
            .unique(on: "plan_id", "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlanTaskRecord.schema).delete()
        try await database.schema(Plan.schema).delete()
    }
}
