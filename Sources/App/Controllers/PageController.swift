import Fluent
import NTMDomain
import Vapor

/// Server-rendered pages: start page, search, the unit drill-down, criteria sets.
struct PageController {
    func register(_ pages: any RoutesBuilder) {
        pages.get(use: home)
        pages.get("search", use: search)
        pages.get("units", ":code", use: unit)
        pages.get("criteria-sets", use: criteriaSets)
        pages.get("criteria-sets", ":code", use: criteriaSet)
        pages.post("units", ":code", "dossier", use: dossierStep)
    }

    /// The workflow form on the commune page: apply the step, then show the page again.
    @Sendable func dossierStep(req: Request) async throws -> Response {
        let input = try req.content.decode(DossierStepDTO.self)
        let code = req.parameters.get("code")!
        // From the dossier's own page: back to it, with what was done or what to fix.
        if (try? req.content.get(String.self, at: "returnTo")) == "dossier" {
            return try await DossierProcedureController.attempt(req) {
                let dto = try await DossierWriter.apply(input, unitCode: code, actor: req.actor, procedures: req.application.referenceData.procedures,
                                                        db: req.db, language: req.language) { unit, action in
                    try await req.authorize(action, on: unit)
                }
                let state = WorkflowPanel.stateWord(dto.state, vi: true), stateEN = WorkflowPanel.stateWord(dto.state, vi: false)
                return ("Hồ sơ: \(state).", "Dossier: \(stateEN).")
            }
        }
        _ = try await DossierWriter.apply(input, unitCode: code, actor: req.actor, procedures: req.application.referenceData.procedures,
                                          db: req.db, language: req.language) { unit, action in
            try await req.authorize(action, on: unit)
        }
        return req.redirect(to: SiteURL.unit(code, on: input.date.flatMap(Day.init)))
    }

    @Sendable func home(req: Request) async throws -> View {
        let day = try req.asOfDate()
        let provinces = try await UnitQueries.provinces(on: day, db: req.db)
        return try await req.view.render("home", HomePageModel(request: req, provinces: provinces, day: day))
    }

    @Sendable func search(req: Request) async throws -> View {
        let q = (try? req.query.get(String.self, at: "q")) ?? ""
        let found = try await UnitQueries.search(q, on: nil, level: nil, limit: 100, db: req.db)
        let parents = try await AdminUnit.query(on: req.db).filter(\.$id ~~ Set(found.compactMap { $0.$parent.id })).all()
        return try await req.view.render("search", SearchPageModel(request: req, query: q, found: found, parents: parents))
    }

    @Sendable func unit(req: Request) async throws -> View {
        let day = try req.asOfDate()
        let code = req.parameters.get("code")!
        let unit = try await UnitQueries.require(code: code, on: day, db: req.db)
        let ancestors = try await UnitQueries.ancestors(of: unit, db: req.db)
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let lineage = try await LineageNotice.load(for: unit, request: req, catalog: catalog)
        switch unit.level {
        case .country, .province:
            let rollups = try await RollupCache.children(of: unit, on: day, catalog: catalog, db: req.db)
            let own = try await DistrictRollup.load(unit, on: day, catalog: catalog, db: req.db)
            var model = ProvincePageModel(request: req, unit: unit, ancestors: ancestors, day: day, own: own, districts: rollups)
            model.layout.lineage = lineage
            model.reports = try await ReportsPanel.load(for: unit, request: req)
            model.deadlines = try await DeadlinesPanel.load(for: unit, on: day, request: req)
            return try await req.view.render("province", model)
        case .district:
            let rollup = try await DistrictRollup.load(unit, on: day, catalog: catalog, db: req.db)
            var model = DistrictPageModel(request: req, rollup: rollup, ancestors: ancestors)
            model.layout.lineage = lineage
            if catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day) != nil, try await req.may(.editAssessment, on: unit) {
                model.assessmentURL = SiteURL.unit(unit.code, "assessment", on: day)
            }
            model.reports = try await ReportsPanel.load(for: unit, request: req)
            model.deadlines = try await DeadlinesPanel.load(for: unit, on: day, request: req)
            return try await req.view.render("district", model)
        case .commune, .town, .ward, .village:
            let card = try await ScorecardQueries.scorecard(for: unit, setCode: try? req.query.get(String.self, at: "set"),
                                                            on: day, catalog: catalog, db: req.db)
            let history = try await ScorecardQueries.history(of: unit, catalog: catalog, db: req.db)
            let villages = try await UnitQueries.children(of: unit, on: day, db: req.db)
            let workflow = try await WorkflowPanel.load(for: unit, ancestors: ancestors, request: req)
            let plans = try await PlanQueries.plans(under: unit, on: day, holidays: req.holidays, db: req.db).filter { $0.unit.id == unit.id }
            let ladder = try await LadderQueries.ladder(for: unit, on: day, catalog: catalog, db: req.db)
            var model = CommunePageModel(request: req, card: card, ancestors: ancestors, day: day,
                                         history: history, villages: villages, workflow: workflow, plans: plans, ladder: ladder)
            model.layout.lineage = lineage
            if card.set != nil, try await req.may(.editAssessment, on: unit) {
                model.assessmentURL = SiteURL.unit(unit.code, "assessment", on: day)
            }
            model.evidenceURL = SiteURL.unit(unit.code, "evidence", on: day)
            model.attach(evidence: try await EvidenceFile.query(on: req.db).filter(\.$unit.$id == unit.requireID()).all())
            model.reports = try await ReportsPanel.load(for: unit, request: req)
            return try await req.view.render("commune", model)
        }
    }

    @Sendable func criteriaSets(req: Request) async throws -> View {
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        return try await req.view.render("criteria-sets", CriteriaSetsPageModel(request: req, catalog: catalog))
    }

    @Sendable func criteriaSet(req: Request) async throws -> View {
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let set = try CriteriaQueries.resolve(code: req.parameters.get("code")!, catalog: catalog)
        return try await req.view.render("criteria-set", CriteriaSetPageModel(request: req, set: set))
    }
}

/// Remembers `?lang=` in a cookie so the choice follows the user across links.
struct LanguageCookieMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if let lang = try? request.query.get(String.self, at: "lang"), let language = Language(rawValue: lang) {
            response.cookies["lang"] = HTTPCookies.Value(string: language.rawValue, maxAge: 31_536_000, path: "/", isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
