import Fluent
import NTMDomain
import SQLKit
import Vapor

enum CriteriaQueries {
    /// All stored sets as a catalog. Parsing ~60 KB of JSON per request cost more than the rest of
    /// a page, so parsed catalogs are kept, keyed by each stored set's id and revision: one small
    /// query per request still sees an edit made by another instance at once.
    static func catalog(db: any Database) async throws -> CriteriaCatalog {
        let sql = db as! any SQLDatabase
        let stamps = try await sql.select().columns("id", "revision").from(CriteriaSetRecord.schema).all()
            .map { "\(try $0.decode(column: "id", as: UUID.self)):\(try $0.decode(column: "revision", as: Int.self))" }
        let key = stamps.sorted().joined(separator: ",")
        if let cached = CatalogCache.shared[key] { return cached }
        let records = try await CriteriaSetRecord.query(on: db).sort(\.$code).all()
        let catalog = CriteriaCatalog(try records.map { try $0.definition() })
        // Only a catalog whose records match the key read above may be kept under it.
        let readKey = records.map { "\($0.id?.uuidString ?? ""):\($0.revision)" }.sorted().joined(separator: ",")
        if readKey == key { CatalogCache.shared.store(catalog, for: key) }
        return catalog
    }

    static func resolve(code: String, catalog: CriteriaCatalog) throws -> CriteriaSet {
        do {
            return try catalog.resolve(code: code)
        } catch .unknownSet(let missing) {
            throw AppError(.notFound, field: "set", vi: "Không có bộ tiêu chí mã \(missing)", en: "No criteria set with code \(missing)")
        } catch .extensionCycle(let codes) {
            throw AppError(.unprocessableEntity, field: "set", vi: "Bộ tiêu chí kế thừa vòng: \(codes.joined(separator: " → "))",
                           en: "Criteria sets extend each other in a cycle: \(codes.joined(separator: " → "))")
        }
    }

    /// Stores a new set or a new revision of an existing one, after checking it whole.
    @discardableResult
    /// `rebuildScorecards: false` when the caller saves several sets and rebuilds once after them.
    static func save(_ definition: CriteriaSetDefinition, actor: AuditActor, db: any Database,
                     rebuildScorecards: Bool = true) async throws -> CriteriaSetRecord {
        var definition = definition
        definition.code = TextFolding.normalized(definition.code)
        let existing = try await CriteriaSetRecord.query(on: db).all()
        let known = Set(existing.map(\.code)).subtracting([definition.code])
        let problems = definition.problems(knownCodes: known)
        guard problems.isEmpty else { throw AppError(problems: problems) }
        if let parent = definition.extends {
            // Catch a cycle through the parent before anything is written.
            var others = try existing.filter { $0.code != definition.code }.map { try $0.definition() }
            others.append(definition)
            _ = try resolve(code: parent, catalog: CriteriaCatalog(others))
            _ = try resolve(code: definition.code, catalog: CriteriaCatalog(others))
        }
        if let record = existing.first(where: { $0.code == definition.code }) {
            let old = try record.definition()
            try record.apply(definition)
            record.revision += 1
            try await record.save(on: db)
            try await Audit.record(db, actor, action: "update", entity: "criteria-set", id: definition.code, unitCode: definition.province,
                                   old: old, new: definition)
            // Every stored scorecard may read the edited set (directly or through `extends`).
            if rebuildScorecards { try await ScorecardStore.rebuild(unitIDs: nil, db: db) }
            return record
        }
        let record = try CriteriaSetRecord(definition: definition)
        try await record.create(on: db)
        try await Audit.record(db, actor, action: "create", entity: "criteria-set", id: definition.code, unitCode: definition.province, new: definition)
        // A new set can be the one in force for units that already have records.
        if rebuildScorecards { try await ScorecardStore.rebuild(unitIDs: nil, db: db) }
        return record
    }
}

/// Parsed catalogs by the revisions they were parsed from.
enum CatalogCache {
    static let shared = BoundedCache<CriteriaCatalog>(capacity: 64)
}
