import Fluent

/// Evidence files (PDF, JPEG, PNG) uploaded for a unit's indicator; the bytes live under
/// NTM_DATA_DIR/evidence, the row says what they are and who brought them.
struct CreateEvidenceFiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EvidenceFile.schema)
            .id()
            .field("created_at", .datetime)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id", onDelete: .cascade))
            .field("indicator_code", .string)
            .field("original_name", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int, .required)
            .field("note", .string)
            .field("uploaded_by", .string, .required)
            .create()
        try await database.createIndex(on: EvidenceFile.schema, named: "evidence_files_unit", columns: ["unit_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EvidenceFile.schema).delete()
    }
}
