import Fluent
import NTMDomain
import Vapor

/// `/api/v1/criteria-sets…`: list, read (as written or resolved with its parents), load or edit.
struct CriteriaSetAPIController {
    func register(public api: any RoutesBuilder, protected writes: any RoutesBuilder) {
        let sets = api.grouped("criteria-sets")
        sets.get(use: list)
        sets.get("in-force", use: inForce)
        sets.get(":code", use: show)
        writes.grouped("criteria-sets").on(.PUT, ":code", body: .collect(maxSize: "2mb"), use: save)
    }

    struct Summary: Content {
        var code: String
        var name: String
        var level: AdminLevel
        var grade: CriteriaSetDefinition.Grade
        var decision: String?
        var effectiveFrom: String?
        var effectiveTo: String?
        var province: String?
        var extends: String?
        var verified: Bool
        var criteriaCount: Int
        var revision: Int
    }

    @Sendable func list(req: Request) async throws -> [Summary] {
        let records = try await CriteriaSetRecord.query(on: req.db).sort(\.$code).all()
        let catalog = CriteriaCatalog(try records.map { try $0.definition() })
        return try records.map { record in
            let definition = try record.definition()
            let resolved = try? catalog.resolve(code: definition.code)
            return Summary(code: definition.code, name: definition.name.text(req.language), level: definition.level, grade: definition.grade,
                           decision: definition.decision, effectiveFrom: definition.effective.from?.iso, effectiveTo: definition.effective.to?.iso,
                           province: definition.province, extends: definition.extends, verified: definition.verified,
                           criteriaCount: resolved?.criteria.count ?? definition.criteria.count, revision: record.revision)
        }
    }

    /// The definition as stored; with `resolved=true`, with the parents' criteria folded in.
    @Sendable func show(req: Request) async throws -> CriteriaSetDefinition {
        let code = req.parameters.get("code")!
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let set = try CriteriaQueries.resolve(code: code, catalog: catalog)
        guard try req.flag("resolved") else { return set.definition }
        return set.resolvedDefinition
    }

    @Sendable func inForce(req: Request) async throws -> CriteriaSetDefinition {
        let day = try req.asOfDate()
        let unitCode = try req.query.get(String.self, at: "unit")
        let unit = try await UnitQueries.require(code: unitCode, on: day, db: req.db)
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        guard let set = catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day) else {
            throw AppError(.notFound, field: "unit", vi: "Không có bộ tiêu chí nào áp dụng cho \(unit.name) vào ngày \(DateFormat.format(day))",
                           en: "No criteria set applies to \(unit.name) on \(DateFormat.format(day))")
        }
        return set.resolvedDefinition
    }

    @Sendable func save(req: Request) async throws -> Response {
        let definition = try req.content.decode(CriteriaSetDefinition.self)
        let code = req.parameters.get("code")!
        guard definition.code == code else {
            throw AppError(.unprocessableEntity, field: "code", vi: "Mã trong nội dung (\(definition.code)) khác mã trên đường dẫn (\(code))",
                           en: "The body's code (\(definition.code)) differs from the path's (\(code))")
        }
        try await Self.authorize(definition, req: req)
        let existed = try await CriteriaSetRecord.query(on: req.db).filter(\.$code == code).count() > 0
        try await Self.save(definition, req: req)
        return try await definition.encodeResponse(status: existed ? .ok : .created, for: req)
    }

    /// A provincial set is edited within that province; a national set by administrators only.
    static func authorize(_ definition: CriteriaSetDefinition, req: Request) async throws {
        let province = try await definition.province.asyncMap { try await UnitQueries.find(code: $0, on: nil, db: req.db) } ?? nil
        try await req.authorize(.editCriteriaSet, on: province)
    }

    static func stored(_ code: String, db: any Database) async throws -> CriteriaSetDefinition? {
        try await CriteriaSetRecord.query(on: db).filter(\.$code == code).first()?.definition()
    }

    static func save(_ definition: CriteriaSetDefinition, req: Request) async throws {
        let actor = req.actor
        _ = try await req.db.transaction { tx in try await CriteriaQueries.save(definition, actor: actor, db: tx) }
    }
}

extension CriteriaSetDefinition: Content {}
