import Fluent

/// A criterion declared not applicable to a unit (không áp dụng); nil on earlier rows, which all applied.
struct AddDeclarationApplicable: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AssessmentDeclaration.schema).field("applicable", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AssessmentDeclaration.schema).deleteField("applicable").update()
    }
}
