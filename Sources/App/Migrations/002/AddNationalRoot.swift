import Fluent
import SQLKit

/// Puts Việt Nam above the provinces, so the country is a unit like any other (one page, one
/// API call for all provinces). Existing provinces are attached to it.
struct AddNationalRoot: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let rootID = try await UnitTree.ensureRoot(db: database)
        try await AdminUnit.query(on: database).filter(\.$level == .province).filter(\.$parent.$id == nil)
            .set(\.$parent.$id, to: rootID).update()
        try await UnitTree.rebuildClosure(db: database)
    }

    func revert(on database: any Database) async throws {
        try await AdminUnit.query(on: database).filter(\.$level == .province).set(\.$parent.$id, to: nil).update()
        try await AdminUnit.query(on: database).filter(\.$level == .country).delete()
        try await UnitTree.rebuildClosure(db: database)
    }
}
