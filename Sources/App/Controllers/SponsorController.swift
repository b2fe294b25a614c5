import Fluent
import NTMDomain
import Vapor

/// Sponsorship (đỡ đầu): organisations, assignments, activities, evaluations; pages and exports.
struct SponsorController {
    func register(api: any RoutesBuilder, writes: any RoutesBuilder, pages: any RoutesBuilder) {
        api.get("organisations", use: organisations)
        api.get("units", ":code", "sponsors", use: list)
        api.get("units", ":code", "sponsors.csv", use: csv)
        api.get("units", ":code", "sponsors.xlsx", use: xlsx)
        writes.post("organisations", use: createOrganisation)
        writes.post("sponsor-assignments", use: assign)
        writes.post("sponsor-assignments", ":id", "activities", use: addActivity)
        writes.post("sponsor-assignments", ":id", "evaluations", use: evaluate)
        pages.get(SiteURL.unitPage(":code", "sponsors").pathComponents, use: page)
    }

    struct AssignmentRow: Content {
        var id: UUID
        var organisation: String
        var kind: Organisation.Kind
        var unitCode: String
        var unitName: String
        var unitLevel: AdminLevel
        var criteria: [Int]
        var decisionNumber: String
        var decisionDate: String
        var agreementDue: String
        var agreementSigned: String?
        var overdue: Bool
        var pledgedMoney: Int64
        var pledgedInKind: String?
        var deliveredMoney: Int64
        var activities: Int
        var lastRating: SponsorEvaluation.Rating?
    }

    @Sendable func organisations(req: Request) async throws -> [OrganisationDTO] {
        try await Organisation.query(on: req.db).sort(\.$name).all().map { OrganisationDTO(name: $0.name, kind: $0.kind, contact: $0.contact) }
    }

    @Sendable func list(req: Request) async throws -> [AssignmentRow] {
        let (_, day, rows) = try await load(req)
        return rows.map { Self.row($0.0, $0.1, on: day) }
    }

    static func row(_ a: SponsorAssignment, _ unit: AdminUnit, on day: Day) -> AssignmentRow {
        AssignmentRow(id: a.id!, organisation: a.organisation.name, kind: a.organisation.kind, unitCode: unit.code, unitName: unit.name, unitLevel: unit.level,
                      criteria: a.criterionNumbers, decisionNumber: a.decisionNumber, decisionDate: a.decisionDate, agreementDue: a.agreementDue,
                      agreementSigned: a.agreementSigned.flatMap { $0 <= day.iso ? $0 : nil }, overdue: a.isOverdue(on: day), pledgedMoney: a.pledgedMoney,
                      pledgedInKind: a.pledgedInKind, deliveredMoney: a.activities.filter { $0.date <= day.iso }.reduce(0) { $0 + $1.amount },
                      activities: a.activities.filter { $0.date <= day.iso }.count,
                      lastRating: a.evaluations.max { $0.period < $1.period }?.rating)
    }

    @Sendable func createOrganisation(req: Request) async throws -> Response {
        try await Self.authorizeOrganisations(req)
        let organisation = try await SponsorQueries.createOrganisation(try req.content.decode(OrganisationDTO.self), actor: req.actor, db: req.db)
        return try await OrganisationDTO(name: organisation.name, kind: organisation.kind, contact: organisation.contact).encodeResponse(status: .created, for: req)
    }

    /// Organisations are the provincial office's list: checked against the user's own scope.
    static func authorizeOrganisations(_ req: Request) async throws {
        var scope: AdminUnit?
        if let id = req.user?.$scopeUnit.id { scope = try await AdminUnit.find(id, on: req.db) }
        try await req.authorize(.manageSponsors, on: scope)
    }

    @Sendable func assign(req: Request) async throws -> Response {
        let assignment = try await Self.assign(try req.content.decode(AssignmentDTO.self), req: req)
        struct Created: Content { var id: UUID }
        return try await Created(id: assignment.id!).encodeResponse(status: .created, for: req)
    }

    static func assign(_ input: AssignmentDTO, req: Request) async throws -> SponsorAssignment {
        try await SponsorQueries.assign(input, actor: req.actor, db: req.db) { unit in
            try await req.authorize(.manageSponsors, on: unit)
        }
    }

    @Sendable func addActivity(req: Request) async throws -> Response {
        let (assignment, unit) = try await SponsorQueries.requireAssignment(req.parameters.get("id", as: UUID.self), db: req.db)
        try await Self.authorizeActivity(req, assignment, unit)
        _ = try await SponsorQueries.addActivity(try req.content.decode(ActivityDTO.self), to: assignment, unit: unit, actor: req.actor, db: req.db)
        return Response(status: .created)
    }

    /// A sponsor reports on its own assignments; the provincial office on any in its scope.
    static func authorizeActivity(_ req: Request, _ assignment: SponsorAssignment, _ unit: AdminUnit) async throws {
        let user = try req.requireUser()
        if user.role == .sponsor {
            guard user.organisation == assignment.organisation.name else {
                throw AppError.forbidden(user)
            }
        } else {
            try await req.authorize(.reportSponsorActivity, on: unit)
        }
    }

    @Sendable func evaluate(req: Request) async throws -> Response {
        let (assignment, unit) = try await SponsorQueries.requireAssignment(req.parameters.get("id", as: UUID.self), db: req.db)
        try await req.authorize(.manageSponsors, on: unit)
        _ = try await SponsorQueries.evaluate(try req.content.decode(EvaluationDTO.self), assignment: assignment, unit: unit, actor: req.actor, db: req.db)
        return Response(status: .created)
    }

    @Sendable func page(req: Request) async throws -> View {
        let (unit, day, rows) = try await load(req)
        let units = try await UnitQueries.subtree(unit, on: day, db: req.db)
        let villages = units.filter { $0.level == .village }
        let models = try await Recognition.query(on: req.db).filterUnit(under: unit).filter(\.$grade == .model).all()
            .filter { $0.inForce(on: day) }.map(\.$unit.id)
        let notModel = villages.filter { !models.contains($0.id!) }
        var model = SponsorsPageModel(request: req, unit: unit, day: day, ancestors: try await UnitQueries.ancestors(of: unit, db: req.db),
                                      rows: rows.map { Self.row($0.0, $0.1, on: day) }, villagesNotModel: notModel, units: units)
        let viewer = try await PageViewer.of(unit, request: req)
        model.formLinks = FormLinks.offered([
            .init(action: .manageSponsors, form: "organisation", vi: "Thêm đơn vị đỡ đầu", en: "Add an organisation"),
            .init(action: .manageSponsors, form: "sponsor-assignment", vi: "Phân công đỡ đầu", en: "Assign a sponsor"),
        ], to: viewer, on: unit, day: day, language: req.language)
        if let viewer {
            model.offerForms(manage: viewer.may(.manageSponsors),
                             reportAll: viewer.user.role != .sponsor && viewer.may(.reportSponsorActivity),
                             sponsorOrganisation: viewer.user.role == .sponsor ? viewer.user.organisation : nil, language: req.language)
        }
        return try await req.view.render("sponsors", model)
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let (unit, day, rows) = try await load(req)
        return Download.csv(SponsorSheet.sheet(rows.map { Self.row($0.0, $0.1, on: day) }), name: "do-dau-\(unit.code)-\(day.iso)")
    }

    @Sendable func xlsx(req: Request) async throws -> Response {
        let (unit, day, rows) = try await load(req)
        return try Download.xlsx(SponsorSheet.sheet(rows.map { Self.row($0.0, $0.1, on: day) }), name: "do-dau-\(unit.code)-\(day.iso)")
    }

    private func load(_ req: Request) async throws -> (AdminUnit, Day, [(SponsorAssignment, AdminUnit)]) {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        return (unit, day, try await SponsorQueries.assignments(under: unit, on: day, db: req.db))
    }
}

enum SponsorSheet {
    static func sheet(_ rows: [SponsorController.AssignmentRow]) -> Spreadsheet {
        var cells: [[Spreadsheet.Cell]] = [["Đơn vị đỡ đầu", "Loại", "Đỡ đầu cho", "Mã đơn vị", "Tiêu chí", "Quyết định", "Ngày quyết định", "Hạn ký",
                                            "Ngày ký", "Quá hạn", "Cam kết (đồng)", "Đã hỗ trợ (đồng)", "Hiện vật", "Số hoạt động", "Đánh giá gần nhất"].map { .text($0) }]
        for r in rows {
            cells.append([.text(r.organisation), .text(r.kind.text(.vi)), .text(r.unitName), .text(r.unitCode), .text(r.criteria.map(String.init).joined(separator: ", ")),
                          .text(r.decisionNumber), .text(DateFormat.format(stored: r.decisionDate)), .text(DateFormat.format(stored: r.agreementDue)),
                          r.agreementSigned.flatMap(Day.init).map { .text(DateFormat.format($0)) } ?? .empty, .text(r.overdue ? "quá hạn" : ""),
                          .number(Double(r.pledgedMoney)), .number(Double(r.deliveredMoney)), r.pledgedInKind.map { .text($0) } ?? .empty,
                          .number(Double(r.activities)), r.lastRating.map { .text($0.text(.vi)) } ?? .empty])
        }
        return Spreadsheet(sheetName: "Đỡ đầu", rows: cells)
    }
}
