import Fluent
import NTMDomain
import Vapor

/// Beyond Excel: who reaches standard when (forecast and its back-test), where the unidentified
/// money does most (allocation), and "what if" — all reads, nothing written, on the page and the API.
struct OutlookController {
    func register(api: any RoutesBuilder, writes: any RoutesBuilder, pages: any RoutesBuilder) {
        api.get("units", ":code", "forecast", use: forecast)
        // POST because the question has a body; both write nothing and are open like every read.
        api.post("units", ":code", "allocation", use: allocation)
        api.post("units", ":code", "what-if", use: whatIf)
        // Saved scenarios carry who saved them: signed-in users only.
        writes.get("units", ":code", "what-if", "scenarios", use: scenarios)
        writes.post("units", ":code", "what-if", "scenarios", use: saveScenario)
        pages.get(SiteURL.unitPage(":code", "outlook").pathComponents, use: page)
        pages.post(SiteURL.unitPage(":code", "outlook/scenarios").pathComponents, use: saveScenarioForm)
    }

    // MARK: API

    struct ForecastDTO: Content {
        var unit: String
        var date: String
        var target: String
        /// Units not at standard on the date, and how many of them are expected by the target.
        var open: Int
        var onTime: Int
        var items: [Item]

        struct Item: Content {
            var code: String
            var name: String
            var met: Int
            var total: Int
            var atStandard: Bool
            var expectedDate: String?
            var onTime: Bool
            var daysLate: Int?
            var holdingCriteria: [Int]
            var criteria: [Criterion]
        }

        struct Criterion: Content {
            var number: Int
            var expectedDate: String?
            var basis: ForecastBasis
        }
    }

    @Sendable func forecast(req: Request) async throws -> ForecastDTO {
        let (unit, day) = try await unitAndDay(req)
        let target = try targetDay(req.query[String.self, at: "target"], day: day)
        let report = try await OutlookQueries.forecast(unit, on: day, target: target, holidays: req.holidays,
                                                       catalog: try await CriteriaQueries.catalog(db: req.db), db: req.db)
        return ForecastDTO(unit: unit.code, date: day.iso, target: target.iso, open: report.open.count, onTime: report.onTime.count,
                           items: report.forecasts.map { f in
                               .init(code: f.code, name: f.name, met: f.met, total: f.total, atStandard: f.atStandard, expectedDate: f.expected?.iso,
                                     onTime: f.onTime(target), daysLate: f.daysLate(target), holdingCriteria: f.holding(target),
                                     criteria: f.criteria.map { .init(number: $0.criterion, expectedDate: $0.expected?.iso, basis: $0.basis) })
                           })
    }

    struct AllocationRequest: Content {
        var date: String?
        var target: String?
        /// Integer đồng.
        var amount: Int64
        /// Count sponsors' pledged, undelivered money for the communes they sponsor.
        var usePledges: Bool?
        /// Treat every commune as finishing in time once paid for (ignore the forecast).
        var assumeInTime: Bool?
    }

    struct AllocationDTO: Content {
        var date: String
        var target: String
        var amount: Int64
        var communesAtStandard: Int
        var spent: Int64
        var communes: [String]
        var chosen: [Chosen]
        var greedy: Greedy
        /// Least money (đồng) that completes k communes, for k = 0, 1, 2…
        var curve: [Int64]
        /// Communes not at standard, and of them those that can count (forecast in time).
        var candidates: Int
        var eligible: Int

        struct Chosen: Content { var code: String; var criterion: Int; var amount: Int64 }
        struct Greedy: Content { var communesAtStandard: Int; var spent: Int64; var communes: [String] }
    }

    @Sendable func allocation(req: Request) async throws -> AllocationDTO {
        let input = try req.content.decode(AllocationRequest.self)
        if let problem = MoneyRange.problem(input.amount, field: "amount") { throw AppError(problems: [problem]) }
        let day = try bodyDay(input.date)
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let target = try targetDay(input.target, day: day)
        let outcome = try await allocate(unit, on: day, target: target, amount: input.amount, usePledges: input.usePledges ?? false,
                                         assumeInTime: input.assumeInTime ?? false, req: req)
        return outcome.dto
    }

    @Sendable func whatIf(req: Request) async throws -> ScorecardDTO {
        struct WhatIfRequest: Content { var date: String?; var changes: [HypotheticalVerdict] }
        let input = try req.content.decode(WhatIfRequest.self)
        let day = try bodyDay(input.date)
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let outcome = try await OutlookQueries.whatIf(unit, on: day, changes: input.changes,
                                                      catalog: try await CriteriaQueries.catalog(db: req.db), db: req.db)
        var dto = ScorecardDTO(outcome.after, parentCode: nil, day: day, language: req.language)
        if !outcome.children.isEmpty {
            dto.children = outcome.children.map { pair in
                let child = pair.after
                return .init(code: child.unit.code, name: child.unit.name, level: child.unit.level, set: child.set?.code,
                             met: child.met, total: child.total, status: child.level)
            }
            dto.totalMet = outcome.totalMetAfter
        }
        return dto
    }

    // MARK: Scenarios

    struct ScenarioRequest: Content {
        var name: String
        var date: String?
        var target: String?
        var changes: [HypotheticalVerdict]
        /// Integer đồng to allocate when the scenario is opened.
        var amount: Int64?
    }

    struct ScenarioDTO: Content {
        var id: UUID
        var name: String
        var date: String
        var target: String
        var changes: [HypotheticalVerdict]
        var amount: Int64?
        var createdBy: String
        /// The outlook page that recomputes it.
        var link: String

        init(_ scenario: WhatIfScenario, unitCode: String) {
            self.init(id: scenario.id!, name: scenario.name, date: scenario.asOf, target: scenario.target, changes: scenario.verdicts,
                      amount: scenario.amount, createdBy: scenario.createdBy, link: scenario.link(unitCode: unitCode))
        }

        init(id: UUID, name: String, date: String, target: String, changes: [HypotheticalVerdict], amount: Int64?, createdBy: String, link: String) {
            self.id = id; self.name = name; self.date = date; self.target = target; self.changes = changes
            self.amount = amount; self.createdBy = createdBy; self.link = link
        }
    }

    @Sendable func scenarios(req: Request) async throws -> [ScenarioDTO] {
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: nil, db: req.db)
        return try await WhatIfScenario.query(on: req.db).filter(\.$unit.$id == unit.requireID()).sort(\.$createdAt, .descending).all()
            .map { ScenarioDTO($0, unitCode: unit.code) }
    }

    @Sendable func saveScenario(req: Request) async throws -> Response {
        let input = try req.content.decode(ScenarioRequest.self)
        let scenario = try await save(input, code: req.parameters.get("code")!, req: req)
        return try await ScenarioDTO(scenario, unitCode: req.parameters.get("code")!).encodeResponse(status: .created, for: req)
    }

    /// The page's "save" button: the ticks and amount come as the same repeated fields as the page's link.
    @Sendable func saveScenarioForm(req: Request) async throws -> Response {
        let form = OutlookPageQuery(req.body.string)
        let amount = try form.first("amount").flatMap { $0.isEmpty ? nil : $0 }.map { text -> Int64 in
            guard let amount = MoneyFormat.parseBillions(text) else { throw AppError.badAmount(text) }
            return amount
        }
        let input = ScenarioRequest(name: form.first("name") ?? "", date: form.first("date"), target: form.first("target").flatMap { $0.isEmpty ? nil : $0 },
                                    changes: try form.changes(), amount: amount)
        let scenario = try await save(input, code: req.parameters.get("code")!, req: req)
        req.session.data[Flash.key] = req.language == .vi ? "Đã lưu giả định \"\(scenario.name)\"." : "Scenario \"\(scenario.name)\" saved."
        return req.redirect(to: scenario.link(unitCode: req.parameters.get("code")!))
    }

    /// Checks the whole question (unit that day, target, every change, amount, name) before keeping it.
    private func save(_ input: ScenarioRequest, code: String, req: Request) async throws -> WhatIfScenario {
        let day = try bodyDay(input.date)
        let unit = try await UnitQueries.require(code: code, on: day, db: req.db)
        let user = try await req.authorize(.saveScenario, on: unit)
        let target = try targetDay(input.target, day: day)
        let name = TextFolding.normalized(input.name)
        // The limit applies to what was sent (as the document says), not only to what is kept of it.
        guard !name.isEmpty, name.count <= 200, input.name.unicodeScalars.count <= 200 else {
            throw AppError(.unprocessableEntity, field: "name", vi: "Cần đặt tên cho giả định (tối đa 200 ký tự)",
                           en: "The scenario needs a name (at most 200 characters)")
        }
        if let amount = input.amount, let problem = MoneyRange.problem(amount, field: "amount") { throw AppError(problems: [problem]) }
        // The same checks as asking the question: a scenario that cannot be opened is not kept.
        _ = try await OutlookQueries.whatIf(unit, on: day, changes: input.changes, catalog: try await CriteriaQueries.catalog(db: req.db), db: req.db)
        let scenario = try WhatIfScenario(unitID: unit.requireID(), name: name, asOf: day, target: target, changes: input.changes,
                                          amount: input.amount, createdBy: user.username)
        try await req.db.transaction { tx in
            try await scenario.create(on: tx)
            try await Audit.record(tx, req.actor, action: "create", entity: "what-if-scenario", id: scenario.id!.uuidString, unitCode: unit.code,
                                   new: ScenarioDTO(scenario, unitCode: unit.code))
        }
        return scenario
    }

    // MARK: Page

    @Sendable func page(req: Request) async throws -> View {
        let (unit, day) = try await unitAndDay(req)
        let target = try targetDay(req.query[String.self, at: "target"], day: day, emptyAllowed: true)
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let query = OutlookPageQuery(req.url.query)
        let changes = try query.changes()
        let whatIf = changes.isEmpty ? nil : try await OutlookQueries.whatIf(unit, on: day, changes: changes, catalog: catalog, db: req.db)
        let report = try await OutlookQueries.forecast(unit, on: day, target: target, holidays: req.holidays, verdicts: whatIf?.verdicts ?? [:],
                                                       supposed: whatIf?.later ?? [:],
                                                       catalog: catalog, db: req.db)
        var backtests: [(year: Int, score: BacktestScore)] = []
        for year in try await OutlookQueries.backtestYears(unit, before: day, db: req.db).suffix(5) {
            backtests.append((year, try await OutlookQueries.backtest(unit, year: year, holidays: req.holidays, catalog: catalog, db: req.db)))
        }
        var allocation: AllocationOutcome?
        if let text = query.first("amount"), !text.isEmpty {
            guard let amount = MoneyFormat.parseBillions(text) else { throw AppError.badAmount(text) }
            allocation = try await allocate(report, amount: amount, usePledges: query.first("pledges") == "1",
                                            assumeInTime: query.first("assume") == "1", req: req)
        }
        let ancestors = try await UnitQueries.ancestors(of: unit, db: req.db)
        // Saved scenarios name who saved them: shown to signed-in users only.
        let saved = req.user == nil ? [] : try await WhatIfScenario.query(on: req.db).filter(\.$unit.$id == unit.requireID())
            .sort(\.$createdAt, .descending).all()
        var model = OutlookPageModel(request: req, unit: unit, ancestors: ancestors, report: report,
                                     backtests: backtests, allocation: allocation, whatIf: whatIf, query: query)
        model.saved = saved.map { UnitLink(name: $0.name, url: $0.link(unitCode: unit.code), detail: "\($0.createdBy) · \(DateFormat.format(stored: $0.asOf))") }
        model.canSave = try await req.may(.saveScenario, on: unit)
        return try await req.view.render("outlook", model)
    }

    // MARK: Shared

    struct AllocationOutcome {
        let amount: Dong
        let target: Day
        let day: Day
        let candidates: [AllocationCandidate]
        let optimal: AllocationResult
        let greedy: AllocationResult
        let curve: [Dong]

        var dto: AllocationDTO {
            AllocationDTO(date: day.iso, target: target.iso, amount: amount, communesAtStandard: optimal.communesAtStandard, spent: optimal.spent,
                          communes: optimal.communes, chosen: optimal.funded.map { .init(code: $0.code, criterion: $0.criterion, amount: $0.amount) },
                          greedy: .init(communesAtStandard: greedy.communesAtStandard, spent: greedy.spent, communes: greedy.communes),
                          curve: curve, candidates: candidates.count, eligible: candidates.filter(\.inTime).count)
        }
    }

    private func allocate(_ unit: AdminUnit, on day: Day, target: Day, amount: Dong, usePledges: Bool, assumeInTime: Bool,
                          req: Request) async throws -> AllocationOutcome {
        let report = try await OutlookQueries.forecast(unit, on: day, target: target, holidays: req.holidays,
                                                       catalog: try await CriteriaQueries.catalog(db: req.db), db: req.db)
        return try await allocate(report, amount: amount, usePledges: usePledges, assumeInTime: assumeInTime, req: req)
    }

    /// Allocates over a forecast already made (the page's, with its suppositions: a criterion supposed met needs no money).
    private func allocate(_ report: ForecastReport, amount: Dong, usePledges: Bool, assumeInTime: Bool, req: Request) async throws -> AllocationOutcome {
        let day = report.day, target = report.target
        let candidates = try await OutlookQueries.candidates(report, usePledges: usePledges, assumeInTime: assumeInTime, db: req.db)
        return AllocationOutcome(amount: amount, target: target, day: day, candidates: candidates,
                                 optimal: Allocation.optimal(candidates, budget: amount), greedy: Allocation.greedy(candidates, budget: amount),
                                 curve: Allocation.curve(candidates))
    }

    private func unitAndDay(_ req: Request) async throws -> (AdminUnit, Day) {
        let day = try req.asOfDate()
        return (try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db), day)
    }

    /// A body's `date`, or today when it has none.
    private func bodyDay(_ text: String?) throws -> Day {
        try text.map { try Day.parse($0, field: "date") } ?? Day.today
    }

    /// The target date given, or 31/12 of the day's year (the programme's yearly finish line).
    /// `emptyAllowed`: a page's form sends the field empty for "the default"; an API call that sends it empty is told.
    private func targetDay(_ text: String?, day: Day, emptyAllowed: Bool = false) throws -> Day {
        guard let text, !(text.isEmpty && emptyAllowed) else { return Day(year: day.year, month: 12, day: 31)! }
        let target = try Day.parse(text, field: "target")
        guard day <= target else {
            throw AppError(.unprocessableEntity, field: "target",
                           vi: "Ngày đích \(DateFormat.format(target)) phải sau ngày xem \(DateFormat.format(day))",
                           en: "The target \(target.iso) must not be before the date \(day.iso)")
        }
        return target
    }
}

extension AppError {
    static func badAmount(_ text: String) -> AppError {
        AppError(.unprocessableEntity, field: "amount",
                 vi: "Số tiền \"\(text)\" không phải số tỷ đồng (ví dụ 100 hoặc 1.017,4)",
                 en: "Amount \"\(text)\" is not a number of billion đồng (e.g. 100 or 1,017.4 written 1.017,4)")
    }
}

/// The outlook page's query: repeated `met=CODE:CRITERION` ticks (hypothetical verdicts), the
/// amount, the options. Read by hand because a repeated key is a list only in this page's sense.
struct OutlookPageQuery {
    let items: [(key: String, value: String)]

    init(_ query: String?) {
        items = URLEncodedPairs.parse(query ?? "")
    }

    func first(_ key: String) -> String? { items.first { $0.key == key }?.value }
    func all(_ key: String) -> [String] { items.filter { $0.key == key }.map(\.value) }

    /// `met=18502:2` → criterion 2 of unit 18502 met; `unmet=…` → not met; `met=18502:2:2022-09-30` →
    /// met on that day. `on=YYYY-MM-DD` dates every tick that has no day of its own.
    func changes() throws -> [HypotheticalVerdict] {
        let common = try first("on").flatMap { $0.isEmpty ? nil : try Day.parse($0, field: "on") }
        return try ["met", "unmet"].flatMap { key in
            try all(key).map { value in
                let parts = value.split(separator: ":").map(String.init)
                guard (2...3).contains(parts.count), let criterion = Int(parts[1]) else {
                    throw AppError(.badRequest, field: key, vi: "\"\(value)\" không có dạng MÃ-ĐƠN-VỊ:SỐ-TIÊU-CHÍ[:NGÀY]",
                                   en: "\"\(value)\" is not UNIT-CODE:CRITERION[:DATE]")
                }
                let on = parts.count == 3 ? try Day.parse(parts[2], field: key) : common
                return HypotheticalVerdict(unit: parts[0], criterion: criterion, met: key == "met", on: on)
            }
        }
    }
}
