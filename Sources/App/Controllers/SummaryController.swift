import Fluent
import NTMDomain
import Vapor

/// The district's yearly summary (contract: `GET /api/v1/units/{code}/summary?year=`), its page, the
/// statistics writes, and exports of each table.
struct SummaryController {
    func register(api: any RoutesBuilder, writes: any RoutesBuilder, pages: any RoutesBuilder) {
        api.get("units", ":code", "summary", use: summary)
        api.get("units", ":code", "targets.csv", use: targetsCSV)
        api.get("units", ":code", "targets.xlsx", use: targetsXLSX)
        api.get("units", ":code", "ocop.csv", use: ocopCSV)
        api.get("units", ":code", "ocop.xlsx", use: ocopXLSX)
        writes.post("units", ":code", "targets", use: saveTarget)
        writes.post("ocop-products", use: saveOcop)
        writes.post("household-models", use: saveModels)
        pages.get(SiteURL.unitPage(":code", "summary").pathComponents, use: page)
    }

    struct SummaryDTO: Content {
        struct Count: Content { var met: Int; var total: Int }
        struct Target: Content { var code: String; var name: String; var unit: String?; var direction: SocioTarget.Direction; var plan: Double; var actual: Double?; var status: Status }
        struct Ocop: Content { var new3Star: Int; var newByStars: [String: Int]; var currentByStars: [String: Int]; var expiringSoon: Int }
        struct Communes: Content { var total: Int; var recognised: Int; var advanced: Int; var newlyRecognised: Int; var newlyDecided: Int; var newlyAdvanced: Int }
        struct Town: Content { var code: String; var name: String; var set: String?; var met: Int; var total: Int }
        struct Models: Content { var total: Int; var new: Int }

        var unit: String
        var year: Int
        var targets: Count
        var targetItems: [Target]
        var nextYearTargets: [Target]
        var districtCriteria: Count
        var districtConditions: [String: Status]
        var towns: [Town]
        var communes: Communes
        var ocop: Ocop
        var householdModels: Models
    }

    @Sendable func summary(req: Request) async throws -> SummaryDTO {
        let s = try await load(req)
        func dto(_ t: SocioTarget) -> SummaryDTO.Target { .init(code: t.code, name: t.name, unit: t.unit, direction: t.direction, plan: t.plan, actual: t.actual, status: t.status) }
        func byStars(_ products: [OcopProduct]) -> [String: Int] { Dictionary(grouping: products, by: { "\($0.stars)" }).mapValues(\.count) }
        return SummaryDTO(unit: s.unit.code, year: s.year, targets: .init(met: s.targets.metCount, total: s.targets.count), targetItems: s.targets.map(dto),
                          nextYearTargets: s.nextYearTargets.map(dto),
                          districtCriteria: .init(met: s.own.met, total: s.own.scorecard == nil ? 0 : s.own.total),
                          districtConditions: Dictionary(uniqueKeysWithValues: (s.own.scorecard?.conditions ?? []).map { ($0.indicator.code, $0.status) }),
                          towns: s.towns.map { .init(code: $0.unit.code, name: $0.unit.name, set: $0.set?.code, met: $0.met, total: $0.total) },
                          communes: .init(total: s.communes, recognised: s.communesRecognised, advanced: s.advanced, newlyRecognised: s.newlyRecognised, newlyDecided: s.newlyDecided, newlyAdvanced: s.newlyAdvanced),
                          ocop: .init(new3Star: s.newThreeStar, newByStars: byStars(s.ocopNew), currentByStars: byStars(s.ocopCurrent), expiringSoon: s.ocopExpiring.count),
                          householdModels: .init(total: s.models, new: s.newModels))
    }

    @Sendable func page(req: Request) async throws -> View {
        let s = try await load(req)
        var model = SummaryPageModel(request: req, summary: s, ancestors: try await UnitQueries.ancestors(of: s.unit, db: req.db))
        model.formLinks = try await FormLinks.offered([
            .init(action: .editStatistics, form: "target", vi: "Thêm/sửa chỉ tiêu", en: "Add or update a target", query: [("year", String(s.year))]),
            .init(action: .editStatistics, form: "ocop-product", vi: "Thêm sản phẩm OCOP", en: "Add an OCOP product"),
            .init(action: .editStatistics, form: "household-models", vi: "Ghi số mô hình kinh tế hộ", en: "Record household models", query: [("year", String(s.year))]),
        ], on: s.unit, day: Day(year: s.year, month: 12, day: 31), request: req)
        return try await req.view.render("summary", model)
    }

    @Sendable func saveTarget(req: Request) async throws -> Response {
        let input = try req.content.decode(TargetDTO.self)
        let record = try await Self.saveTarget(input, unitCode: req.parameters.get("code")!, req: req)
        return try await TargetDTO(year: record.year, code: record.code, name: record.name, unit: record.unitLabel, direction: record.direction,
                                   plan: record.plan, actual: record.actual, linkedIndicator: record.linkedIndicator).encodeResponse(status: .created, for: req)
    }

    @Sendable func saveOcop(req: Request) async throws -> Response {
        try await Self.saveOcop(try req.content.decode(OcopDTO.self), req: req)
        return Response(status: .created)
    }

    @Sendable func saveModels(req: Request) async throws -> Response {
        try await Self.saveModels(try req.content.decode(HouseholdModelDTO.self), req: req)
        return Response(status: .created)
    }

    // The writes, from the API or the page forms.

    static func saveTarget(_ input: TargetDTO, unitCode: String, req: Request) async throws -> SocioTargetRecord {
        let unit = try await UnitQueries.require(code: unitCode, on: Day(year: max(1990, min(2100, input.year)), month: 12, day: 31), db: req.db)
        try await req.authorize(.editStatistics, on: unit)
        return try await StatisticsWriter.saveTarget(input, unit: unit, actor: req.actor, db: req.db)
    }

    static func saveOcop(_ input: OcopDTO, req: Request) async throws {
        let unit = try await unitFor(input.unit, on: Day(input.certifiedOn), req)
        try await req.authorize(.editStatistics, on: unit)
        _ = try await StatisticsWriter.saveOcop(input, unit: unit, actor: req.actor, db: req.db)
    }

    static func saveModels(_ input: HouseholdModelDTO, req: Request) async throws {
        let unit = try await unitFor(input.unit, on: Day(year: max(1990, min(2100, input.year)), month: 12, day: 31), req)
        try await req.authorize(.editStatistics, on: unit)
        _ = try await StatisticsWriter.saveHouseholdModels(input, unit: unit, actor: req.actor, db: req.db)
    }

    @Sendable func targetsCSV(req: Request) async throws -> Response {
        let s = try await load(req)
        return Download.csv(StatisticsSheets.targets(s), name: "chi-tieu-\(s.unit.code)-\(s.year)")
    }

    @Sendable func targetsXLSX(req: Request) async throws -> Response {
        let s = try await load(req)
        return try Download.xlsx(StatisticsSheets.targets(s), name: "chi-tieu-\(s.unit.code)-\(s.year)")
    }

    @Sendable func ocopCSV(req: Request) async throws -> Response {
        let s = try await load(req)
        return Download.csv(StatisticsSheets.ocop(s), name: "ocop-\(s.unit.code)-\(s.year)")
    }

    @Sendable func ocopXLSX(req: Request) async throws -> Response {
        let s = try await load(req)
        return try Download.xlsx(StatisticsSheets.ocop(s), name: "ocop-\(s.unit.code)-\(s.year)")
    }

    private static func unitFor(_ code: String, on day: Day?, _ req: Request) async throws -> AdminUnit {
        guard let unit = try await UnitQueries.find(code: code, on: day, db: req.db) else {
            throw AppError(.unprocessableEntity, field: "unit", vi: "Không có đơn vị mã \(code)", en: "No unit with code \(code)")
        }
        return unit
    }

    private func load(_ req: Request) async throws -> DistrictSummary {
        let yearText = req.query[String.self, at: "year"]
        guard let year = yearText.map({ Int($0) }) ?? Day.today.year else {
            throw AppError(.badRequest, field: "year", vi: "Năm không hợp lệ: \(yearText ?? "")", en: "Not a valid year: \(yearText ?? "")")
        }
        guard (1990...2100).contains(year) else { throw AppError(.badRequest, field: "year", vi: "Năm không hợp lệ", en: "Not a valid year") }
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: Day(year: year, month: 12, day: 31), db: req.db)
        return try await DistrictSummary.load(unit, year: year, db: req.db)
    }
}

enum StatisticsSheets {
    static func targets(_ s: DistrictSummary) -> Spreadsheet {
        var rows: [[Spreadsheet.Cell]] = [["Mã", "Chỉ tiêu", "Đơn vị", "Chiều", "Kế hoạch", "Thực hiện", "Kết quả"].map { .text($0) }]
        for t in s.targets {
            rows.append([.text(t.code), .text(t.name), t.unit.map { .text($0) } ?? .empty, .text(StatisticsWords.direction(t.direction, .vi)), .number(t.plan),
                         t.actual.map { .number($0) } ?? .empty, .text(t.status == .met ? "đạt" : (t.status == .notMet ? "chưa đạt" : "chưa có số liệu"))])
        }
        return Spreadsheet(sheetName: "Chỉ tiêu \(s.year)", rows: rows)
    }

    static func ocop(_ s: DistrictSummary) -> Spreadsheet {
        var rows: [[Spreadsheet.Cell]] = [["Sản phẩm", "Nhóm", "Chủ thể", "Loại chủ thể", "Số sao", "Cấp", "Chứng nhận", "Ngày cấp", "Hết hạn"].map { .text($0) }]
        for p in s.ocop {
            rows.append([.text(p.name), .text(p.productGroup), .text(p.producer), .text(StatisticsWords.producerKind(p.producerKind, .vi)), .number(Double(p.stars)),
                         .text(StatisticsWords.ratingLevel(p.ratingLevel, .vi)),
                         .text(p.certificate), .text(DateFormat.format(stored: p.certifiedOn)), .text(DateFormat.format(stored: p.expiresOn))])
        }
        return Spreadsheet(sheetName: "OCOP", rows: rows)
    }
}

/// The words for the statistics' codes, in pages, forms and sheets alike.
enum StatisticsWords {
    static func direction(_ direction: SocioTarget.Direction, _ language: Language) -> String {
        switch (direction, language) {
        case (.higher, .vi): "bằng hoặc cao hơn kế hoạch"
        case (.lower, .vi): "bằng hoặc thấp hơn kế hoạch"
        case (.higher, .en): "at or above the plan"
        case (.lower, .en): "at or below the plan"
        }
    }

    static let ratingLevels = ["province", "district", "national"]

    static func ratingLevel(_ code: String, _ language: Language) -> String {
        let vi = language == .vi
        return switch code {
        case "province": vi ? "cấp tỉnh" : "province"
        case "district": vi ? "cấp huyện" : "district"
        case "national": vi ? "cấp trung ương" : "national"
        default: code
        }
    }

    static let producerKinds = ["cooperative", "household", "company", "cooperative-group", "other"]

    /// Kinds of producer as stored (the API takes any text; these are the usual ones).
    static func producerKind(_ code: String, _ language: Language) -> String {
        let vi = language == .vi
        return switch code {
        case "cooperative": vi ? "Hợp tác xã" : "Cooperative"
        case "household": vi ? "Hộ sản xuất, kinh doanh" : "Household business"
        case "company": vi ? "Doanh nghiệp" : "Company"
        case "cooperative-group": vi ? "Tổ hợp tác" : "Cooperative group"
        case "other": vi ? "Khác" : "Other"
        default: code
        }
    }
}
