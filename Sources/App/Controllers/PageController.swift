import Fluent
import NTMDomain
import Vapor

/// Server-rendered pages: start page, search, the unit drill-down, criteria sets.
struct PageController {
    func register(_ pages: any RoutesBuilder) {
        pages.get(SiteURL.home.pathComponents, use: home)
        pages.get(SiteURL.search.pathComponents, use: search)
        pages.get(SiteURL.unit(":code").pathComponents, use: unit)
        pages.get(SiteURL.criteriaSets.pathComponents, use: criteriaSets)
        pages.get(SiteURL.criteriaSet(":code").pathComponents, use: criteriaSet)
        pages.post(SiteURL.unitPage(":code", "dossier").pathComponents, use: dossierStep)
    }

    /// The workflow form on the commune page: apply the step, then show the page again.
    @Sendable func dossierStep(req: Request) async throws -> Response {
        let input = try req.content.decode(DossierStepDTO.self)
        let code = req.parameters.get("code")!
        // Steps that cannot be taken back ask first, on a page of their own (no script needed).
        if Self.confirmedSteps.contains(input.step), (try? req.content.get(String.self, at: "confirmed")) != "1" {
            return try await confirmStep(req, input: input, code: code).encodeResponse(for: req)
        }
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
        let dto = try await DossierWriter.apply(input, unitCode: code, actor: req.actor, procedures: req.application.referenceData.procedures,
                                                db: req.db, language: req.language) { unit, action in
            try await req.authorize(action, on: unit)
        }
        req.session.data[Flash.key] = (req.language == .vi ? "Hồ sơ: " : "Dossier: ") + WorkflowPanel.stateWord(dto.state, vi: req.language == .vi) + "."
        return req.redirect(to: SiteURL.unit(code, on: input.date.flatMap(Day.init)))
    }

    static let confirmedSteps: Set<DossierStep> = [.pass, .returnForRework, .recognise, .startRevocation, .keep, .revoke]

    /// "Công nhận Xã Hương Bình…?": what the step will do, with every field of the form carried over.
    private func confirmStep(_ req: Request, input: DossierStepDTO, code: String) async throws -> View {
        let vi = req.language == .vi
        let day = input.date.flatMap(Day.init) ?? .today
        let unit = try await UnitQueries.require(code: code, on: day, db: req.db)
        let toDossier = (try? req.content.get(String.self, at: "returnTo")) == "dossier"
        let back = toDossier ? SiteURL.unit(code, "dossier", on: day) : SiteURL.unit(code, on: day)
        let decision = [input.decisionNumber, input.decisionDate.flatMap(Day.init).map(DateFormat.format)].compactMap { $0 }.joined(separator: vi ? " ngày " : " of ")
        let note = input.note ?? ""
        let consequence: String
        switch input.step {
        case .pass: consequence = vi ? "Hồ sơ chuyển lên tỉnh thẩm định." : "The dossier goes on to the province's appraisal."
        case .returnForRework: consequence = vi ? "Hồ sơ trả về xã với lý do: \(note). Xã phải lập và nộp lại." : "The dossier goes back to the commune with the reason: \(note). It must be prepared and submitted again."
        case .recognise: consequence = vi ? "\(unit.name) được ghi nhận đạt chuẩn theo quyết định \(decision); báo cáo tính theo quyết định này."
                                          : "\(unit.name) is recorded at standard by decision \(decision); reports count it from then."
        case .startRevocation: consequence = vi ? "Bắt đầu thủ tục thu hồi (lý do: \(note)). \(unit.name) vẫn đạt chuẩn cho tới khi có quyết định thu hồi."
                                                : "The revocation procedure starts (reason: \(note)). \(unit.name) stays recognised until a revocation decision."
        case .keep: consequence = vi ? "Dừng thủ tục thu hồi; \(unit.name) giữ công nhận." : "The revocation stops; \(unit.name) keeps its recognition."
        default: consequence = vi ? "Công nhận của \(unit.name) bị thu hồi; lịch sử vẫn giữ quyết định công nhận." : "\(unit.name)'s recognition is revoked; the history keeps the recognition."
        }
        let label = WorkflowPanel.label(input.step, vi: vi)
        var fields: [ConfirmPageModel.Field] = [.init(name: "step", value: input.step.rawValue), .init(name: "confirmed", value: "1")]
        for (name, value) in [("date", input.date), ("note", input.note), ("decisionNumber", input.decisionNumber), ("decisionDate", input.decisionDate),
                              ("signer", input.signer), ("version", input.version.map(String.init)), ("grade", input.grade?.rawValue),
                              ("returnTo", try? req.content.get(String.self, at: "returnTo")), ("pageDate", try? req.content.get(String.self, at: "pageDate"))] {
            if let value, !value.isEmpty { fields.append(.init(name: name, value: value)) }
        }
        let model = ConfirmPageModel(
            layout: LayoutModel(request: req, title: "\(label): \(unit.name)?", withForms: true),
            question: "\(label): \(unit.name)?", consequence: consequence, action: SiteURL.unitPage(code, "dossier").path, fields: fields,
            confirmLabel: label, cancelURL: back, cancelLabel: vi ? "Không, quay lại" : "No, go back")
        return try await req.view.render("confirm", model)
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
        // The signed-in viewer's scope, read once for every panel and form the page offers.
        let viewer = try await PageViewer.of(unit, request: req)
        switch unit.level {
        case .country, .province:
            let rollups = try await RollupCache.children(of: unit, on: day, catalog: catalog, db: req.db)
            let own = try await DistrictRollup.load(unit, on: day, catalog: catalog, db: req.db)
            var model = ProvincePageModel(request: req, unit: unit, ancestors: ancestors, day: day, own: own, districts: rollups)
            model.layout.lineage = lineage
            model.reports = try await ReportsPanel.load(for: unit, viewer: viewer, request: req)
            model.deadlines = try await DeadlinesPanel.load(for: unit, on: day, request: req)
            model.formLinks = FormLinks.offered((unit.level == .province ? [
                .init(action: .recognise, form: "merger-rule", vi: "Quy tắc công nhận khi sáp nhập", en: "Recognition rule for merged units"),
                .init(action: .manageSponsors, form: "organisation", vi: "Thêm đơn vị đỡ đầu", en: "Add a sponsoring organisation"),
            ] : []) + [
                .init(action: .manageSponsors, form: "sponsor-assignment", vi: "Phân công đỡ đầu", en: "Assign a sponsor"),
            ], to: viewer, on: unit, day: day, language: req.language)
            return try await req.view.render("province", model)
        case .district:
            let rollup = try await DistrictRollup.load(unit, on: day, catalog: catalog, db: req.db)
            var model = DistrictPageModel(request: req, rollup: rollup, ancestors: ancestors)
            model.layout.lineage = lineage
            if catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day) != nil, viewer?.may(.editAssessment) == true {
                model.assessmentURL = SiteURL.unit(unit.code, "assessment", on: day)
            }
            model.reports = try await ReportsPanel.load(for: unit, viewer: viewer, request: req)
            model.deadlines = try await DeadlinesPanel.load(for: unit, on: day, request: req)
            model.formLinks = FormLinks.offered([
                .init(action: .manageSponsors, form: "sponsor-assignment", vi: "Phân công đỡ đầu", en: "Assign a sponsor"),
            ], to: viewer, on: unit, day: day, language: req.language)
            return try await req.view.render("district", model)
        case .commune, .town, .ward, .village:
            let card = try await ScorecardQueries.scorecard(for: unit, setCode: try? req.query.get(String.self, at: "set"),
                                                            on: day, catalog: catalog, db: req.db)
            let history = try await ScorecardQueries.history(of: unit, catalog: catalog, db: req.db)
            let villages = try await UnitQueries.children(of: unit, on: day, db: req.db)
            let workflow = try await WorkflowPanel.load(for: unit, ancestors: ancestors, request: req, viewer: viewer,
                                                        reached: card.scorecard?.allCriteriaMet ?? false)
            let plans = try await PlanQueries.plans(under: unit, on: day, holidays: req.holidays, db: req.db).filter { $0.unit.id == unit.id }
            let ladder = try await LadderQueries.ladder(for: unit, on: day, catalog: catalog, db: req.db)
            var model = CommunePageModel(request: req, card: card, ancestors: ancestors, day: day,
                                         history: history, villages: villages, workflow: workflow, plans: plans, ladder: ladder)
            model.layout.lineage = lineage
            if card.set != nil, viewer?.may(.editAssessment) == true {
                model.assessmentURL = SiteURL.unit(unit.code, "assessment", on: day)
            }
            model.evidenceURL = SiteURL.unit(unit.code, "evidence", on: day)
            model.attach(evidence: try await EvidenceFile.query(on: req.db).filter(\.$unit.$id == unit.requireID()).all())
            model.reports = try await ReportsPanel.load(for: unit, viewer: viewer, request: req)
            model.formLinks = FormLinks.offered(Self.communeForms(unit.level), to: viewer, on: unit, day: day, language: req.language)
            return try await req.view.render("commune", model)
        }
    }

    /// The write forms a commune's (or village's) page offers.
    static func communeForms(_ level: AdminLevel) -> [FormLinks.Offer] {
        var offers: [FormLinks.Offer] = []
        if level != .village {
            offers.append(.init(action: .manageVillages, form: "village", vi: "Thêm thôn", en: "Add a village"))
            offers.append(.init(action: .manageVillages, form: "villages-file", vi: "Nhập danh sách thôn (CSV)", en: "Import villages (CSV)"))
            offers.append(.init(action: .editCriteriaSet, form: "commune-group", vi: "Xếp nhóm xã", en: "Set the commune group"))
        }
        offers.append(.init(action: .editFunding, form: "funding-need", vi: "Thêm nhu cầu vốn", en: "Add a funding need"))
        offers.append(.init(action: .manageSponsors, form: "sponsor-assignment", vi: "Phân công đỡ đầu", en: "Assign a sponsor"))
        offers.append(.init(action: .administer, form: "recognition", vi: "Ghi quyết định công nhận đã có", en: "Record an earlier recognition decision"))
        return offers
    }

    @Sendable func criteriaSets(req: Request) async throws -> View {
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        var model = CriteriaSetsPageModel(request: req, catalog: catalog)
        model.formLinks = Self.criteriaSetLinks(req, code: nil)
        return try await req.view.render("criteria-sets", model)
    }

    @Sendable func criteriaSet(req: Request) async throws -> View {
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let set = try CriteriaQueries.resolve(code: req.parameters.get("code")!, catalog: catalog)
        var model = CriteriaSetPageModel(request: req, set: set)
        model.formLinks = Self.criteriaSetLinks(req, code: set.code)
        return try await req.view.render("criteria-set", model)
    }

    /// Loading or editing a set: offered to whoever edits criteria sets (which one is checked on save).
    static func criteriaSetLinks(_ req: Request, code: String?) -> [FormLink] {
        guard let user = req.user, user.isActive, AccessPolicy.allows(user.role, .editCriteriaSet, inScope: true) else { return [] }
        let vi = req.language == .vi
        return [FormLink(label: code == nil ? (vi ? "Nạp bộ tiêu chí (JSON)" : "Load a criteria set (JSON)") : (vi ? "Sửa bộ tiêu chí này" : "Edit this set"),
                         url: SiteURL.form("criteria-set").link([("code", code)]))]
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
