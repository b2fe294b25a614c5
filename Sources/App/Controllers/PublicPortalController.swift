import Fluent
import NTMDomain
import Vapor

/// The residents' portal (no sign-in): find a commune by name typed without diacritics, read its
/// criteria in plain words, what is being built and when it is expected at standard, send a
/// report and follow it. The same records as the officers' pages, nothing private: no user names,
/// no audit, no dossiers, no phone numbers.
struct PublicPortalController {
    func register(_ pages: any RoutesBuilder) {
        pages.get(SiteURL.publicHome.pathComponents, use: home)
        pages.get(SiteURL.publicUnit(":code").pathComponents, use: unit)
        pages.on(.POST, SiteURL.publicUnit(":code").pathComponents + ["reports"], body: .collect(maxSize: ResidentReportController.maxBody), use: send)
        pages.get(SiteURL.publicHome.pathComponents + ["reports"], use: lookUp)
        pages.get(SiteURL.publicReport(":tracking").pathComponents, use: report)
    }

    @Sendable func home(req: Request) async throws -> View {
        let query = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let day = Day.today
        var found: [AdminUnit] = []
        if !query.isEmpty {
            found = try await UnitQueries.search(query, on: day, level: nil, limit: 60, db: req.db)
                .filter { UnitQueries.scoredLevels.contains($0.level) || $0.level == .village }
        }
        let parents = try await AdminUnit.query(on: req.db).filter(\.$id ~~ Set(found.compactMap { $0.$parent.id })).all()
        return try await req.view.render("public-home", PublicHomePageModel(request: req, query: query, found: found, parents: parents))
    }

    @Sendable func unit(req: Request) async throws -> View {
        try await renderUnit(req, form: nil, problems: [])
    }

    private func renderUnit(_ req: Request, form: ReportSubmission?, problems: [InputProblem]) async throws -> View {
        let day = try req.asOfDate()
        var unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        // A village's residents land on their commune's page.
        if unit.level == .village, let parentID = unit.$parent.id, let parent = try await AdminUnit.find(parentID, on: req.db) { unit = parent }
        guard UnitQueries.scoredLevels.contains(unit.level) else {
            throw AppError(.notFound, vi: "Trang công khai dành cho xã, phường, thị trấn; \(unit.name) không phải", en: "Public pages are for communes, wards and towns; \(unit.name) is not one")
        }
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let card = try await ScorecardQueries.scorecard(for: unit, setCode: nil, on: day, catalog: catalog, db: req.db)
        let ancestors = try await UnitQueries.ancestors(of: unit, db: req.db)
        let villages = try await UnitQueries.children(of: unit, on: day, db: req.db)
        let plans = try await PlanQueries.plans(under: unit, on: day, holidays: req.holidays, db: req.db).filter { $0.unit.id == unit.id }
        let sponsors = try await SponsorQueries.assignments(under: unit, on: day, db: req.db)
        let target = plans.map(\.target).max() ?? Day(year: day.year, month: 12, day: 31)!
        let forecast = try await OutlookQueries.forecast(unit, on: day, target: target, holidays: req.holidays, catalog: catalog, db: req.db)
            .forecasts.first { $0.code == unit.code }
        let history = try await ScorecardQueries.history(of: unit, catalog: catalog, db: req.db)
        let resolved = try await ResidentReportQueries.resolved(of: unit, db: req.db)
        var model = PublicUnitPageModel(request: req, unit: unit, ancestors: ancestors, day: day, card: card, villages: villages, plans: plans,
                                        sponsors: sponsors.map(\.0), forecast: forecast, history: history, resolved: resolved,
                                        form: form, problems: problems)
        // Comments are sent today, whatever day the page is read as of.
        if let open = try await DossierProcedureStore.openPosting(of: unit, on: .today, db: req.db) {
            model.attach(posting: open.record, report: open.report, chosen: form?.criterion, language: req.language)
        }
        return try await req.view.render("public-unit", model)
    }

    /// The form on the commune's page. A mistake shows the page again with what was typed and
    /// what to fix (photos must be chosen again: a browser cannot be handed files back).
    @Sendable func send(req: Request) async throws -> Response {
        let code = req.parameters.get("code")!
        do {
            let report = try await ResidentReportController.submit(req, unitCode: code)
            req.session.data[Flash.key] = ReportWords(req.language).sentThanks
            return req.redirect(to: SiteURL.publicReport(report.trackingCode).path)
        } catch let error as AppError where error.status == .unprocessableEntity && !error.problems.isEmpty {
            let body = req.body.data ?? ByteBuffer()
            var form = (try? ReportSubmission(multipart: body, contentType: req.headers.contentType ?? .formData)) ?? ReportSubmission()
            form.photos = []
            return try await renderUnit(req, form: form, problems: error.problems).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    /// `/public/reports?code=pa 7k3m 9qxh`: the code as typed, taken to its page.
    @Sendable func lookUp(req: Request) async throws -> Response {
        let text = req.query[String.self, at: "code"] ?? ""
        guard let code = ResidentReportRules.normalizedTrackingCode(text) else {
            throw AppError(.notFound, field: "code", vi: "Mã theo dõi \"\(text)\" không đúng dạng (ví dụ PA-7K3M-9QXH)",
                           en: "Tracking code \"\(text)\" is not in the right form (e.g. PA-7K3M-9QXH)")
        }
        return req.redirect(to: SiteURL.publicReport(code).path)
    }

    @Sendable func report(req: Request) async throws -> View {
        let report = try await ResidentReportController.require(req)
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let set = catalog.inForce(level: report.unit.level, provinceCode: report.unit.provinceCode, on: Day(report.createdAt ?? Date()))
        return try await req.view.render("public-report", PublicReportPageModel(request: req, report: report, set: set))
    }
}

