import Fluent
import SQLKit

/// Every migration in order. Landed migrations are never edited; new ones go in a new folder.
enum Migrations {
    static let all: [any Migration] = [
        CreateAdminUnits(),
        CreateCriteriaSets(),
        CreateAssessments(),
        CreateApiTokensAndFacts(),
        CreateRecognitions(),
        CreateUsersAndAudit(),
        CreateDossiers(),
        SessionRecord.migration,
        CreatePlans(),
        CreateFunding(),
        CreateSponsors(),
        CreateStatistics(),
        // 002: national scale (issue 9)
        CreateReadModelVersion(),
        CreateUnitClosure(),
        AddNationalRoot(),
        CreateScorecardReadModel(),
        // 003: units through the reforms (issue 12)
        CreateUnitLineage(),
        AddRecognitionResultYear(),
        AddUserScopeLineage(),
        // 004: recognition across mergers, commune groups of 2026–2030 (issue 12)
        CreateCommuneGroups(),
        CreateMergerRecognitionRules(),
        AddRecognitionBasis(),
        AddDeclarationApplicable(),
        CreateEvidenceFiles(),
        // 005: what-if scenarios (issue 15)
        CreateWhatIfScenarios(),
        // 006: residents' reports and real boundaries for the map (issue 14)
        CreateResidentReports(),
        CreateUnitBoundaries(),
        // 007: the recognition procedure (issue 17)
        CreateDossierProcedures(),
        AddResidentReportDossier(),
    ]
}

extension Database {
    /// Plain CREATE INDEX, the same statement on SQLite and PostgreSQL.
    func createIndex(on table: String, named name: String, columns: [String]) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
