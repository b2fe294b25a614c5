import Fluent
import NTMDomain
import Vapor

/// The yearly upkeep check (issue 17, point 6): `GET /api/v1/units/{code}/upkeep?year=…` lists the
/// recognised units below the unit whose scorecard on 31/12 of the year (or `date`) no longer meets
/// every criterion, with the criteria lost and how long they have been recognised. Read from the
/// stored scorecards: two statements whatever the number of units.
struct UpkeepController {
    func register(api: any RoutesBuilder, pages: any RoutesBuilder) {
        api.get("units", ":code", "upkeep", use: upkeep)
        pages.get(SiteURL.unitPage(":code", "upkeep").pathComponents, use: page)
    }

    /// The page: communes that lost criteria since their recognition, each with its dossier's state
    /// and, for the provincial office, the start of the revocation procedure (never a silent demotion).
    @Sendable func page(req: Request) async throws -> View {
        let day = try Self.checkDay(req)
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let findings = try await Self.findings(under: unit, on: day, db: req.db)
        let units = try await AdminUnit.query(on: req.db).filter(\.$code ~~ findings.map(\.unit.code)).all()
        let byCode = Dictionary(units.filter { $0.window.contains(day) }.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let dossiers = try await Dossier.query(on: req.db).filter(\.$unit.$id ~~ units.compactMap(\.id)).filter(\.$grade == .standard)
            .sort(\.$createdAt, .descending).all()
        var latest: [UUID: Dossier] = [:]
        for dossier in dossiers where latest[dossier.$unit.id] == nil { latest[dossier.$unit.id] = dossier }
        // Whoever may recognise on the page's unit may on every commune below it: one scope check for
        // the page; only someone whose scope is narrower than the page is checked commune by commune.
        let mayOnPage = try await req.may(.recognise, on: unit)
        let mayAtAll = req.user.map { AccessPolicy.allows($0.role, .recognise, inScope: true) } ?? false
        var rows: [UpkeepPageModel.Row] = []
        for finding in findings {
            let commune = byCode[finding.unit.code]
            let dossier = commune?.id.flatMap { latest[$0] }
            var mayStart = mayOnPage
            if !mayStart, mayAtAll, let commune { mayStart = try await req.may(.recognise, on: commune) }
            rows.append(UpkeepPageModel.Row(finding: finding, dossier: dossier, canStart: mayStart && dossier?.state == .recognised, day: day, language: req.language))
        }
        return try await req.view.render("upkeep", UpkeepPageModel(request: req, unit: unit, ancestors: try await UnitQueries.ancestors(of: unit, db: req.db),
                                                                   day: day, rows: rows))
    }

    struct UpkeepDTO: Content {
        struct Item: Content {
            var code: String
            var name: String
            var recognisedOn: String
            var daysSinceRecognition: Int
            var unmet: [Int]
        }

        var date: String
        var items: [Item]
    }

    @Sendable func upkeep(req: Request) async throws -> UpkeepDTO {
        let day = try Self.checkDay(req)
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        return UpkeepDTO(date: day.iso, items: try await Self.findings(under: unit, on: day, db: req.db).map {
            .init(code: $0.unit.code, name: $0.unit.name, recognisedOn: $0.unit.recognisedOn.iso, daysSinceRecognition: $0.daysSinceRecognition, unmet: $0.unit.unmet)
        })
    }

    /// `date`, else 31/12 of `year`, else 31/12 of this year.
    static func checkDay(_ req: Request) throws -> Day {
        var year = Day.today.year
        if let text = req.query[String.self, at: "year"] {
            guard let given = Int(text), Day.sensibleYears.contains(given) else {
                throw AppError(.badRequest, field: "year", vi: "Năm không hợp lệ: \(text)", en: "Not a valid year: \(text)")
            }
            year = given
        }
        if req.query[String.self, at: "date"] != nil { return try req.asOfDate() }
        return Day(year: year, month: 12, day: 31)!
    }

    static func findings(under root: AdminUnit, on day: Day, db: any Database) async throws -> [UpkeepCheck.Finding] {
        let (units, scope) = try await UnitQueries.scored(root, on: day, db: db)
        let cards = try await ScorecardQueries.stored(units, scope: scope, on: day, catalog: try await CriteriaQueries.catalog(db: db), db: db)
        let recognised = cards.compactMap { card -> UpkeepCheck.Unit? in
            guard let recognition = card.recognition, let decided = Day(recognition.decidedOn) else { return nil }
            return UpkeepCheck.Unit(code: card.unit.code, name: card.unit.name, recognisedOn: decided, unmet: card.summary?.unmet ?? [])
        }
        return UpkeepCheck.atRisk(recognised, on: day)
    }
}
