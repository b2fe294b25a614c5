import Fluent

/// The recognition procedure's records (issue 17): per dossier its procedure, posting, council
/// vote and decision details; closed steps; documents (files kept as evidence files); the survey.
struct CreateDossierProcedures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DossierProcedureRecord.schema)
            .id()
            .field("updated_at", .datetime)
            .field("dossier_id", .uuid, .required, .references(Dossier.schema, "id", onDelete: .cascade))
            .field("procedure_code", .string, .required)
            .field("opened_on", .string, .required)
            .field("posted_from", .string)
            .field("posted_to", .string)
            .field("posting_places", .string)
            .field("council_members", .int)
            .field("council_for", .int)
            .field("council_against", .int)
            .field("council_abstain", .int)
            .field("council_voted_on", .string)
            .field("decision_signer", .string)
            .field("announced_on", .string)
            .unique(on: "dossier_id")
            .create()
        try await database.schema(DossierStepClosing.schema)
            .id()
            .field("created_at", .datetime)
            .field("dossier_id", .uuid, .required, .references(Dossier.schema, "id", onDelete: .cascade))
            .field("step", .string, .required)
            .field("closed_on", .string, .required)
            .field("closed_by", .string, .required)
            .unique(on: "dossier_id", "step")
            .create()
        try await database.schema(DossierDocument.schema)
            .id()
            .field("created_at", .datetime)
            .field("dossier_id", .uuid, .required, .references(Dossier.schema, "id", onDelete: .cascade))
            .field("evidence_id", .uuid, .required, .references(EvidenceFile.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("uploaded_by", .string, .required)
            .create()
        try await database.createIndex(on: DossierDocument.schema, named: "dossier_documents_dossier", columns: ["dossier_id", "kind"])
        try await database.schema(DossierSurveyVillage.schema)
            .id()
            .field("updated_at", .datetime)
            .field("dossier_id", .uuid, .required, .references(Dossier.schema, "id", onDelete: .cascade))
            .field("village_id", .uuid, .required, .references(AdminUnit.schema, "id", onDelete: .cascade))
            .field("households", .int, .required)
            .field("asked", .int, .required)
            .field("satisfied", .int, .required)
            .field("entered_by", .string, .required)
            .unique(on: "dossier_id", "village_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [DossierSurveyVillage.schema, DossierDocument.schema, DossierStepClosing.schema, DossierProcedureRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
