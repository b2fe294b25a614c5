import Fluent

/// A resident's report can be a comment on a dossier's public posting (issue 17, point 2): the
/// comments and their answers become part of the dossier.
struct AddResidentReportDossier: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ResidentReport.schema)
            .field("dossier_id", .uuid, .references(Dossier.schema, "id", onDelete: .setNull))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResidentReport.schema).deleteField("dossier_id").update()
    }
}
