import Fluent

/// Whether a decision recognised a unit after appraisal or re-acknowledged (thừa nhận) a merged
/// unit's inherited standing; nil on the rows before it, which were all appraisals.
struct AddRecognitionBasis: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Recognition.schema).field("basis", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Recognition.schema).deleteField("basis").update()
    }
}
