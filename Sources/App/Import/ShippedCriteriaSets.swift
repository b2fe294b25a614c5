import Fluent
import Foundation
import NTMDomain

/// The criteria sets that ship as data files in `Resources/CriteriaSets`.
enum ShippedCriteriaSets {
    static func files(resourcesDirectory: String) throws -> [String] {
        let folder = (resourcesDirectory as NSString).appendingPathComponent("CriteriaSets")
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".json") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    static func decode(file: String) throws -> CriteriaSetDefinition {
        do {
            return try JSONDecoder().decode(CriteriaSetDefinition.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        } catch let error as DecodingError {
            let (_, body) = NTMErrorMiddleware.describe(error, language: .vi)
            throw AppError(.unprocessableEntity, field: body.field, vi: "\(file): \(body.reason)", en: "\(file): \(body.reason)")
        }
    }

    /// Loads every shipped set, parents before extensions. Returns the codes written.
    @discardableResult
    static func load(resourcesDirectory: String, actor: AuditActor, db: any Database) async throws -> [String] {
        let definitions = try files(resourcesDirectory: resourcesDirectory).map(decode(file:))
        let ordered = definitions.filter { $0.extends == nil } + definitions.filter { $0.extends != nil }
        try await db.transaction { tx in
            for definition in ordered { try await CriteriaQueries.save(definition, actor: actor, db: tx, rebuildScorecards: false) }
            // Once for the whole batch: each rebuild reads every stored scorecard's records.
            try await ScorecardStore.rebuild(unitIDs: nil, db: tx)
        }
        return ordered.map(\.code)
    }

    /// A new database gets the shipped sets so it can score from the first day.
    static func loadIfEmpty(resourcesDirectory: String, db: any Database) async throws {
        if try await CriteriaSetRecord.query(on: db).count() == 0 {
            try await load(resourcesDirectory: resourcesDirectory, actor: AuditActor(userID: nil, name: "system", address: nil), db: db)
        }
    }
}
