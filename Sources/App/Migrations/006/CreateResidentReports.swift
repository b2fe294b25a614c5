import Fluent

/// Residents' reports and their photos (issue 14). Status is a plain string: a new status is data,
/// not an ALTER TYPE on PostgreSQL.
struct CreateResidentReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ResidentReport.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id", onDelete: .cascade))
            .field("tracking_code", .string, .required)
            .field("criterion_number", .int)
            .field("village_id", .uuid, .references(AdminUnit.schema, "id", onDelete: .setNull))
            .field("place", .string)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("description", .string, .required)
            .field("phone", .string)
            .field("sender_key", .string, .required)
            .field("status", .string, .required)
            .field("assignee_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("answer", .string)
            .field("answered_at", .datetime)
            .field("closed_at", .datetime)
            .unique(on: "tracking_code")
            .create()
        try await database.createIndex(on: ResidentReport.schema, named: "resident_reports_unit", columns: ["unit_id", "created_at"])
        try await database.createIndex(on: ResidentReport.schema, named: "resident_reports_sender", columns: ["sender_key", "created_at"])
        try await database.schema(ResidentReportPhoto.schema)
            .id()
            .field("report_id", .uuid, .required, .references(ResidentReport.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int, .required)
            .create()
        try await database.createIndex(on: ResidentReportPhoto.schema, named: "resident_report_photos_report", columns: ["report_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResidentReportPhoto.schema).delete()
        try await database.schema(ResidentReport.schema).delete()
    }
}
