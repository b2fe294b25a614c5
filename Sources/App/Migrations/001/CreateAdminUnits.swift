import Fluent

struct CreateAdminUnits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AdminUnit.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("code", .string, .required)
            .field("parent_id", .uuid, .references(AdminUnit.schema, "id"))
            .field("province_code", .string, .required)
            .field("valid_from", .string)
            .field("valid_to", .string)
            .field("source", .string, .required)
            .field("name", .string, .required)
            .field("level", .string, .required)
            .field("official_type", .string, .required)
            .field("search_key", .string, .required)
            .field("region", .string)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("area_km2", .double)
            .unique(on: "code", "level", "valid_from", "parent_id")
            .create()
        // Lookups by code and by parent are on every page; search scans the folded key.
        try await database.createIndex(on: AdminUnit.schema, named: "admin_units_code", columns: ["code"])
        try await database.createIndex(on: AdminUnit.schema, named: "admin_units_parent", columns: ["parent_id"])
        try await database.createIndex(on: AdminUnit.schema, named: "admin_units_search", columns: ["search_key"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AdminUnit.schema).delete()
    }
}

struct CreateCriteriaSets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CriteriaSetRecord.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("revision", .int, .required)
            .field("code", .string, .required)
            .field("level", .string, .required)
            .field("province_code", .string)
            .field("extends_code", .string)
            .field("effective_from", .string)
            .field("effective_to", .string)
            .field("definition", .custom("TEXT"), .required)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CriteriaSetRecord.schema).delete()
    }
}

struct CreateAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Assessment.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id"))
            .field("set_code", .string, .required)
            .field("as_of", .string, .required)
            .field("note", .string)
            .field("source", .string)
            .field("version", .int, .required)
            .field("updated_by", .string)
            .unique(on: "unit_id", "set_code", "as_of")
            .create()
        try await database.schema(AssessmentValue.schema)
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id", onDelete: .cascade))
            .field("indicator_code", .string, .required)
            .field("number_value", .double)
            .field("flag_value", .bool)
            .field("note", .string)
            .field("evidence", .string)
            .unique(on: "assessment_id", "indicator_code")
            .create()
        try await database.schema(AssessmentDeclaration.schema)
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id", onDelete: .cascade))
            .field("criterion_number", .int, .required)
            .field("met", .bool, .required)
            .field("note", .string)
            .unique(on: "assessment_id", "criterion_number")
            .create()
        try await database.createIndex(on: Assessment.schema, named: "assessments_unit_date", columns: ["unit_id", "as_of"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AssessmentDeclaration.schema).delete()
        try await database.schema(AssessmentValue.schema).delete()
        try await database.schema(Assessment.schema).delete()
    }
}

struct CreateApiTokensAndFacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ApiToken.schema)
            .id()
            .field("created_at", .datetime)
            .field("name", .string, .required)
            .field("user_id", .uuid, .required)
            .field("token_hash", .string, .required)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(SystemFact.schema)
            .id()
            .field("key", .string, .required)
            .field("value", .string, .required)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SystemFact.schema).delete()
        try await database.schema(ApiToken.schema).delete()
    }
}
