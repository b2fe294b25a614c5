import Fluent
import NTMDomain
import Vapor

/// `/api/v1/units…`: the unit tree, search, scorecards and assessments.
struct UnitAPIController {
    func register(public api: any RoutesBuilder, protected writes: any RoutesBuilder) {
        let units = api.grouped("units")
        units.get(use: list)
        units.get(":code", use: show)
        units.get(":code", "children", use: children)
        units.get(":code", "scorecard", use: scorecard)
        units.get(":code", "scorecards.csv", use: scorecardsCSV)
        units.get(":code", "scorecards.xlsx", use: scorecardsXLSX)
        units.get(":code", "assessments", use: history)
        let protectedUnits = writes.grouped("units")
        protectedUnits.post(":code", "assessments", use: createAssessment)
        protectedUnits.put(":code", "assessments", use: correctAssessment)
        protectedUnits.post(":code", "dossier", use: dossierStep)
        units.get(":code", "dossier", use: dossier)
        protectedUnits.post(":code", "villages", use: createVillage)
        protectedUnits.post(":code", "recognitions", use: createRecognition)
        units.get(":code", "recognitions", use: recognitions)
        writes.on(.POST, "villages", "import", body: .collect(maxSize: "5mb"), use: importVillages)
    }

    @Sendable func list(req: Request) async throws -> UnitListDTO {
        let q = (try? req.query.get(String.self, at: "q")) ?? ""
        let day = try req.optionalDate("date")
        let limitText = req.query[String.self, at: "limit"]
        guard let limit = limitText.map({ Int($0) }) ?? 50, (1...500).contains(limit) else {
            throw AppError(.badRequest, field: "limit", vi: "limit là số từ 1 đến 500 (nhận \"\(limitText ?? "")\")", en: "limit is a number from 1 to 500 (got \"\(limitText ?? "")\")")
        }
        var level: AdminLevel?
        if let text = try? req.query.get(String.self, at: "level") {
            guard let parsed = AdminLevel(rawValue: text) else {
                throw AppError(.badRequest, field: "level", vi: "Cấp không hợp lệ: \(text)", en: "Unknown level: \(text)")
            }
            level = parsed
        }
        if let parent = try? req.query.get(String.self, at: "parent") {
            let parentUnit = try await UnitQueries.require(code: parent, on: day, db: req.db)
            let found = try await UnitQueries.children(of: parentUnit, on: day ?? .today, db: req.db)
            return UnitListDTO(items: found.filter { level == nil || $0.level == level }.map { UnitDTO($0, parentCode: parentUnit.code) })
        }
        // Neither a text nor a parent: the top of the tree, the provinces. A text of no letters finds nothing.
        guard req.query[String.self, at: "q"] != nil else {
            let provinces = try await UnitQueries.provinces(on: day ?? .today, db: req.db)
            return UnitListDTO(items: provinces.filter { level == nil || $0.level == level }.prefix(limit).map { UnitDTO($0, parentCode: nil) })
        }
        guard !TextFolding.searchKey(q).isEmpty else { return UnitListDTO(items: []) }
        let found = try await UnitQueries.search(q, on: day, level: level, limit: limit, db: req.db)
        return UnitListDTO(items: try await dtos(found, db: req.db))
    }

    @Sendable func show(req: Request) async throws -> UnitDTO {
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: try req.asOfDate(), db: req.db)
        var dto = try await dtos([unit], db: req.db)[0]
        let lineage = try await UnitLineageQueries.links(of: unit, db: req.db)
        dto.predecessors = lineage.predecessors.map(LineageLinkDTO.init)
        dto.successors = lineage.successors.map(LineageLinkDTO.init)
        return dto
    }

    @Sendable func children(req: Request) async throws -> UnitListDTO {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let children = try await UnitQueries.children(of: unit, on: day, db: req.db)
        return UnitListDTO(items: children.map { UnitDTO($0, parentCode: unit.code) })
    }

    /// Answered from the response cache while the read model has not changed (one statement).
    @Sendable func scorecard(req: Request) async throws -> Response {
        let day = try req.asOfDate()
        let setCode = try? req.query.get(String.self, at: "set")
        let key = "scorecard|\(req.parameters.get("code")!)|\(day.iso)|\(setCode ?? "")|\(req.language.rawValue)"
        return try await ResponseCache.json(key, request: req) {
            try await scorecardDTO(code: req.parameters.get("code")!, setCode: setCode, on: day, req: req)
        }
    }

    private func scorecardDTO(code: String, setCode: String?, on day: Day, req: Request) async throws -> ScorecardDTO {
        let unit = try await UnitQueries.require(code: code, on: day, db: req.db)
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let card = try await ScorecardQueries.scorecard(for: unit, setCode: setCode, on: day, catalog: catalog, db: req.db)
        var dto = ScorecardDTO(card, parentCode: try await parentCode(of: unit, db: req.db), day: day, language: req.language)
        if [.country, .province, .district].contains(unit.level) {
            dto.addChildren(try await DistrictRollup.load(unit, on: day, catalog: catalog, db: req.db))
        }
        if [.country, .province].contains(unit.level) {
            let rollups = try await DistrictRollup.loadChildren(of: unit, on: day, catalog: catalog, db: req.db)
            dto.addRollups(rollups)
            // The country has no criteria set of its own: its total is its communes'.
            if unit.level == .country { dto.totalMet = rollups.reduce(0) { $0 + $1.counts.totalMet } }
        }
        dto.ladder = try await LadderQueries.ladder(for: unit, on: day, catalog: catalog, db: req.db)
        return dto
    }

    /// Every commune below the unit with its scorecard (`detail=criteria`: a row per criterion), streamed.
    @Sendable func scorecardsCSV(req: Request) async throws -> Response {
        try await scorecardExport(req).sheet.csvResponse(filename: "tieu-chi-\(req.parameters.get("code")!)")
    }

    @Sendable func scorecardsXLSX(req: Request) async throws -> Response {
        try await scorecardExport(req).sheet.xlsxResponse(filename: "tieu-chi-\(req.parameters.get("code")!)")
    }

    private func scorecardExport(_ req: Request) async throws -> ScorecardExport {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let detailText = req.query[String.self, at: "detail"] ?? ""
        guard req.query[String.self, at: "detail"] == nil || detailText == "criteria" else {
            throw AppError(.badRequest, field: "detail", vi: "detail chỉ nhận giá trị criteria (nhận \"\(detailText)\")", en: "detail takes only the value criteria (got \"\(detailText)\")")
        }
        let detail = detailText == "criteria"
        return ScorecardExport(unit: unit, day: day, detail: detail, language: req.language,
                               catalog: try await CriteriaQueries.catalog(db: req.db), db: req.db)
    }

    struct HistoryEntry: Content {
        /// The unit the record is for: this one, or a predecessor whose history it continues.
        var unit: String
        var unitName: String
        var date: String
        var set: String
        var met: Int?
        var total: Int?
        var level: ScorecardLevel?
        var note: String?
        var source: String?
    }

    /// The unit's assessments, newest first, followed by those of the units it was formed from
    /// (up to the day they ended): a merged commune's history starts with its predecessors'.
    @Sendable func history(req: Request) async throws -> [HistoryEntry] {
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: try req.asOfDate(), db: req.db)
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        var entries: [HistoryEntry] = []
        for (member, until) in try await UnitLineageQueries.ancestry(of: unit, db: req.db) {
            for entry in try await ScorecardQueries.history(of: member, catalog: catalog, db: req.db) where until.map({ entry.assessment.asOf <= $0.iso }) ?? true {
                entries.append(HistoryEntry(unit: member.code, unitName: member.name, date: entry.assessment.asOf, set: entry.assessment.setCode,
                                            met: entry.scorecard?.met, total: entry.scorecard?.total, level: entry.scorecard?.level,
                                            note: entry.assessment.note, source: entry.assessment.source))
            }
        }
        return entries.sorted { $0.date > $1.date }
    }

    @Sendable func createAssessment(req: Request) async throws -> Response {
        let input = try req.content.decode(AssessmentInputDTO.self)
        let (unit, assessment) = try await AssessmentWriter.record(input, unitCode: req.parameters.get("code")!, actor: req.actor, db: req.db) { unit in
            try await req.authorize(.editAssessment, on: unit)
        }
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let day = try Day.stored(assessment.asOf, "assessment date")
        let card = try await ScorecardQueries.scorecard(for: unit, setCode: assessment.setCode, on: day, catalog: catalog, db: req.db)
        let dto = ScorecardDTO(card, parentCode: try await parentCode(of: unit, db: req.db), day: day, language: req.language)
        return try await dto.encodeResponse(status: .created, for: req)
    }

    @Sendable func correctAssessment(req: Request) async throws -> ScorecardDTO {
        let input = try req.content.decode(AssessmentCorrectionDTO.self)
        let (unit, assessment) = try await AssessmentWriter.correct(input.assessment, version: input.version, unitCode: req.parameters.get("code")!,
                                                                    actor: req.actor, db: req.db) { unit in
            try await req.authorize(.editAssessment, on: unit)
        }
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let day = try Day.stored(assessment.asOf, "assessment date")
        let card = try await ScorecardQueries.scorecard(for: unit, setCode: assessment.setCode, on: day, catalog: catalog, db: req.db)
        return ScorecardDTO(card, parentCode: try await parentCode(of: unit, db: req.db), day: day, language: req.language)
    }

    @Sendable func dossier(req: Request) async throws -> DossierDTO {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let grade = (try? req.query.get(CriteriaSetDefinition.Grade.self, at: "grade")) ?? .standard
        guard let dossier = try await DossierWriter.current(unit: unit, grade: grade, db: req.db) else {
            throw AppError(.notFound, vi: "\(unit.name) chưa có hồ sơ công nhận", en: "\(unit.name) has no recognition dossier")
        }
        let file = try await DossierProcedureStore.load(dossier, unit: unit, on: day, procedures: req.application.referenceData.procedures,
                                                       catalog: try await CriteriaQueries.catalog(db: req.db), db: req.db)
        return DossierDTO(dossier, unitCode: unit.code, assessmentDate: dossier.assessment.asOf, file: file, today: day, language: req.language)
    }

    @Sendable func dossierStep(req: Request) async throws -> DossierDTO {
        let input = try req.content.decode(DossierStepDTO.self)
        return try await DossierWriter.apply(input, unitCode: req.parameters.get("code")!, actor: req.actor,
                                             procedures: req.application.referenceData.procedures, db: req.db, language: req.language) { unit, action in
            try await req.authorize(action, on: unit)
        }
    }

    @Sendable func recognitions(req: Request) async throws -> [RecognitionDTO] {
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: try req.asOfDate(), db: req.db)
        return try await Recognition.query(on: req.db).filter(\.$unit.$id == unit.requireID()).sort(\.$decidedOn).all().map(RecognitionDTO.init)
    }

    @Sendable func createRecognition(req: Request) async throws -> Response {
        let recognition = try await Self.recordRecognition(try req.content.decode(RecognitionDTO.self), unitCode: req.parameters.get("code")!, req: req)
        return try await RecognitionDTO(recognition).encodeResponse(status: .created, for: req)
    }

    /// Historical decisions taken before NTM was in use; new ones come through the dossier workflow.
    /// Re-acknowledging a merged unit is the province's own decision, with no dossier.
    static func recordRecognition(_ input: RecognitionDTO, unitCode: String, req: Request) async throws -> Recognition {
        try await RecognitionWriter.record(input, unitCode: unitCode, actor: req.actor, db: req.db) { unit in
            try await authorizeRecognition(input.basis, unit: unit, req: req)
        }
    }

    static func authorizeRecognition(_ basis: Recognition.Basis?, unit: AdminUnit, req: Request) async throws {
        if basis == .acknowledgement {
            try await req.authorize(.recognise, on: unit)
        } else {
            try await req.authorize(.administer, on: nil)
        }
    }

    @Sendable func createVillage(req: Request) async throws -> Response {
        let commune = req.parameters.get("code")!
        let created = try await Self.createVillage(try req.content.decode(NewVillageDTO.self), communeCode: commune, on: try req.asOfDate(), req: req)
        return try await UnitDTO(created, parentCode: commune).encodeResponse(status: .created, for: req)
    }

    static func createVillage(_ input: NewVillageDTO, communeCode: String, on day: Day, req: Request) async throws -> AdminUnit {
        try await VillageImporter.create([.init(communeCode: communeCode, name: TextFolding.normalized(input.name), code: input.code)],
                                         on: day, actor: req.actor, db: req.db) { commune in
            try await req.authorize(.manageVillages, on: commune)
        }[0]
    }

    @Sendable func importVillages(req: Request) async throws -> Response {
        guard let body = req.body.string else {
            throw AppError(.badRequest, field: "body", vi: "Gửi nội dung tệp CSV trong thân yêu cầu", en: "Send the CSV file as the request body")
        }
        let created = try await VillageImporter.importCSV(body, on: try req.asOfDate(), actor: req.actor, db: req.db) { commune in
            try await req.authorize(.manageVillages, on: commune)
        }
        return try await UnitListDTO(items: try await dtos(created, db: req.db)).encodeResponse(status: .created, for: req)
    }

    private func parentCode(of unit: AdminUnit, db: any Database) async throws -> String? {
        guard let id = unit.$parent.id else { return nil }
        return try await AdminUnit.find(id, on: db)?.code
    }


    private func dtos(_ units: [AdminUnit], db: any Database) async throws -> [UnitDTO] {
        let parentIDs = Set(units.compactMap { $0.$parent.id })
        let parents = parentIDs.isEmpty ? [] : try await AdminUnit.query(on: db).filter(\.$id ~~ parentIDs).all()
        let codes = Dictionary(parents.compactMap { p in p.id.map { ($0, p.code) } }, uniquingKeysWith: { a, _ in a })
        return units.map { UnitDTO($0, parentCode: $0.$parent.id.flatMap { codes[$0] }) }
    }
}
