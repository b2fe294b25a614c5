import Fluent
import NTMDomain
import Vapor

enum CriteriaQueries {
    /// All stored sets as a catalog. A handful of small JSON documents: read per request so
    /// several app instances never serve a stale set after an edit.
    static func catalog(db: any Database) async throws -> CriteriaCatalog {
        let records = try await CriteriaSetRecord.query(on: db).sort(\.$code).all()
        return CriteriaCatalog(try records.map { try $0.definition() })
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
    static func save(_ definition: CriteriaSetDefinition, actor: AuditActor, db: any Database) async throws -> CriteriaSetRecord {
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
            return record
        }
        let record = try CriteriaSetRecord(definition: definition)
        try await record.create(on: db)
        try await Audit.record(db, actor, action: "create", entity: "criteria-set", id: definition.code, unitCode: definition.province, new: definition)
        return record
    }
}
