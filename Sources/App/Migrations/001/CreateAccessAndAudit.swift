import Fluent

struct CreateUsersAndAudit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("scope_unit_id", .uuid, .references(AdminUnit.schema, "id"))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("organisation", .string)
            .field("is_active", .bool, .required)
            .unique(on: "username")
            .create()
        try await database.schema(LoginFailure.schema)
            .id()
            .field("username", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.schema(AuditEvent.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("unit_code", .string)
            .field("old_value", .custom("TEXT"))
            .field("new_value", .custom("TEXT"))
            .field("address", .string)
            .create()
        try await database.createIndex(on: AuditEvent.schema, named: "audit_events_unit", columns: ["unit_code", "at"])
        try await database.createIndex(on: LoginFailure.schema, named: "login_failures_at", columns: ["at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema).delete()
        try await database.schema(LoginFailure.schema).delete()
        try await database.schema(User.schema).delete()
    }
}

struct CreateDossiers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Dossier.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id"))
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id"))
            .field("grade", .string, .required)
            .field("state", .string, .required)
            .create()
        try await database.schema(DossierEvent.schema)
            .id()
            .field("dossier_id", .uuid, .required, .references(Dossier.schema, "id", onDelete: .cascade))
            .field("step", .string, .required)
            .field("from_state", .string)
            .field("to_state", .string, .required)
            .field("actor_name", .string, .required)
            .field("at", .datetime, .required)
            .field("note", .string)
            .field("decision_number", .string)
            .field("decision_date", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DossierEvent.schema).delete()
        try await database.schema(Dossier.schema).delete()
    }
}
