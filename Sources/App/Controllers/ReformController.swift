import Fluent
import NTMDomain
import Vapor

/// `/api/v1/units/{code}/merger-rules` (a province's rule for merged units' recognitions) and
/// `/api/v1/units/{code}/commune-groups` (a commune's dated group under QĐ 51/2025).
struct ReformController {
    func register(api: any RoutesBuilder, writes: any RoutesBuilder) {
        api.get("units", ":code", "merger-rules", use: mergerRules)
        writes.put("units", ":code", "merger-rules", use: saveMergerRule)
        api.get("units", ":code", "commune-groups", use: communeGroups)
        writes.post("units", ":code", "commune-groups", use: assignCommuneGroup)
    }

    @Sendable func mergerRules(req: Request) async throws -> [MergerRuleDTO] {
        let province = try await UnitQueries.require(code: req.parameters.get("code")!, on: try req.asOfDate(), db: req.db)
        return try await MergerRecognitionRuleRecord.query(on: req.db).filter(\.$provinceCode == province.provinceCode)
            .sort(\.$validFrom).all().map(MergerRuleDTO.init)
    }

    @Sendable func saveMergerRule(req: Request) async throws -> MergerRuleDTO {
        let input = try req.content.decode(MergerRuleDTO.self)
        let province = try await UnitQueries.require(code: req.parameters.get("code")!, on: try req.asOfDate(), db: req.db)
        return MergerRuleDTO(try await Self.saveMergerRule(input, province: province, req: req))
    }

    static func saveMergerRule(_ input: MergerRuleDTO, province: AdminUnit, req: Request) async throws -> MergerRecognitionRuleRecord {
        try await req.authorize(.recognise, on: province)
        return try await MergerRuleWriter.save(input, province: province, actor: req.actor, db: req.db)
    }

    @Sendable func communeGroups(req: Request) async throws -> [CommuneGroupDTO] {
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: try req.asOfDate(), db: req.db)
        return try await CommuneGroupAssignment.query(on: req.db).filter(\.$unit.$id == unit.requireID())
            .sort(\.$validFrom).all().map(CommuneGroupDTO.init)
    }

    @Sendable func assignCommuneGroup(req: Request) async throws -> Response {
        let written = try await Self.assignCommuneGroup(try req.content.decode(CommuneGroupInputDTO.self), unitCode: req.parameters.get("code")!, req: req)
        let response = try await CommuneGroupDTO(written).encodeResponse(for: req)
        response.status = .created
        return response
    }

    static func assignCommuneGroup(_ input: CommuneGroupInputDTO, unitCode: String, req: Request) async throws -> CommuneGroupAssignment {
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        return try await CommuneGroupWriter.assign([.init(code: unitCode, input: input)], catalog: catalog, actor: req.actor, db: req.db) { unit in
            try await req.authorize(.editCriteriaSet, on: unit)
        }[0]
    }
}

/// `ntm import-commune-groups --file F`: columns code,group,effective[,decision][,source].
struct ImportCommuneGroupsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "file", help: "CSV with columns code,group,effective and optionally decision,source") var file: String?
    }

    var help: String { "Imports communes' groups (QĐ 51/2025: 1, 2, 3) from a CSV file; all rows or none." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await reportingErrors(context) {
            let text = try String(contentsOfFile: try requireFile(signature.file), encoding: .utf8)
            let count = try await CommuneGroupWriter.importCSV(text, catalog: try await CriteriaQueries.catalog(db: app.db), actor: .cli, db: app.db)
            context.console.success("Imported \(count) commune groups.")
        }
    }
}
