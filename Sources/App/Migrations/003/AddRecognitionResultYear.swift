import Fluent

/// The year a recognition's result was achieved: the 2021 results were decided in January 2022.
struct AddRecognitionResultYear: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Recognition.schema).field("result_year", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Recognition.schema).deleteField("result_year").update()
    }
}
