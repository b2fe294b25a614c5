import Fluent

/// The unit tree's closure (every unit with each of its ancestors), filled for units already
/// stored; from now on the importers maintain it with the units.
struct CreateUnitClosure: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UnitTree.closureTable)
            .field("ancestor_id", .uuid, .required, .references(AdminUnit.schema, "id", onDelete: .cascade))
            .field("descendant_id", .uuid, .required, .references(AdminUnit.schema, "id", onDelete: .cascade))
            .field("depth", .int, .required)
            .unique(on: "ancestor_id", "descendant_id")
            .create()
        // "Everything under X" reads by ancestor; "the chain above X" by descendant.
        try await database.createIndex(on: UnitTree.closureTable, named: "unit_closure_descendant", columns: ["descendant_id", "depth"])
        try await UnitTree.rebuildClosure(db: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnitTree.closureTable).delete()
    }
}
