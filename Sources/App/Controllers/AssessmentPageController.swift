import Fluent
import NTMDomain
import Vapor

/// `/units/{code}/assessment`: the assessment entry form of a commune, town, ward, village or
/// district, for officers in scope. The same writer, checks and messages as the API; a refused
/// save comes back with everything typed and each problem next to its field.
struct AssessmentPageController {
    func register(_ pages: any RoutesBuilder) {
        pages.get(SiteURL.unitPage(":code", "assessment").pathComponents, use: form)
        pages.post(SiteURL.unitPage(":code", "assessment").pathComponents, use: save)
    }

    @Sendable func form(req: Request) async throws -> View {
        let day = try req.asOfDate()
        let context = try await load(req, day: day, setCode: try? req.query.get(String.self, at: "set"))
        try await req.authorize(.editAssessment, on: context.unit)
        return try await req.view.render("assessment-form", AssessmentFormModel(
            request: req, unit: context.unit, ancestors: context.ancestors, set: context.set, day: day,
            assessment: context.latest, entries: nil, problems: []))
    }

    @Sendable func save(req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        let day = try Day.parse(fields["date"] ?? "", field: "date")
        let context = try await load(req, day: day, setCode: fields["set"])
        try await req.authorize(.editAssessment, on: context.unit)
        let (input, entries, typeProblems) = Self.read(fields, set: context.set, day: day)
        func refused(_ problems: [InputProblem]) async throws -> Response {
            let model = AssessmentFormModel(request: req, unit: context.unit, ancestors: context.ancestors, set: context.set, day: day,
                                            assessment: context.latest, entries: entries, problems: problems)
            return try await req.view.render("assessment-form", model).encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard typeProblems.isEmpty else { return try await refused(typeProblems) }

        let catalog = try await CriteriaQueries.catalog(db: req.db)
        let before = try await ScorecardQueries.scorecard(for: context.unit, setCode: context.set.code, on: day, catalog: catalog, db: req.db)
        do {
            if let version = fields["version"].flatMap(Int.init) {
                _ = try await AssessmentWriter.correct(input, version: version, unitCode: context.unit.code, actor: req.actor, db: req.db) { _ in }
            } else {
                _ = try await AssessmentWriter.record(input, unitCode: context.unit.code, actor: req.actor, db: req.db)
            }
        } catch let error as AppError where [.unprocessableEntity, .conflict].contains(error.status) {
            return try await refused(Self.formProblems(error, input: input))
        }
        let after = try await ScorecardQueries.scorecard(for: context.unit, setCode: context.set.code, on: day, catalog: catalog, db: req.db)
        req.session.data[Flash.key] = Flash.change(before: before, after: after, language: req.language)
        return req.redirect(to: SiteURL.unit(context.unit.code, on: day))
    }

    private struct Context {
        var unit: AdminUnit
        var ancestors: [AdminUnit]
        var set: CriteriaSet
        var latest: Assessment?
    }

    private func load(_ req: Request, day: Day, setCode: String?) async throws -> Context {
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        let catalog = try await CriteriaQueries.catalog(db: req.db)
        guard let set = try ScorecardQueries.set(for: unit, code: setCode.flatMap { $0.isEmpty ? nil : $0 }, on: day, catalog: catalog) else {
            throw AppError(.unprocessableEntity, field: "set", vi: "Không có bộ tiêu chí nào áp dụng cho \(unit.name) vào ngày \(DateFormat.format(day))",
                           en: "No criteria set applies to \(unit.name) on \(DateFormat.format(day))")
        }
        let latest = try await Assessment.query(on: req.db).filter(\.$unit.$id == unit.requireID()).filter(\.$setCode == set.code)
            .filter(\.$asOf <= day.iso).sort(\.$asOf, .descending).with(\.$values).with(\.$declarations).first()
        return Context(unit: unit, ancestors: try await UnitQueries.ancestors(of: unit, db: req.db), set: set, latest: latest)
    }

    /// The form's fields as the API's input, the entries to show again, and every value that is
    /// not of its indicator's type (named by indicator, in the user's words).
    static func read(_ fields: [String: String], set: CriteriaSet, day: Day)
        -> (AssessmentInputDTO, AssessmentFormModel.Entries, [InputProblem]) {
        var entries = AssessmentFormModel.Entries()
        var problems: [InputProblem] = []
        var values: [AssessmentInputDTO.ValueDTO] = []
        var declarations: [AssessmentInputDTO.DeclarationDTO] = []
        func text(_ key: String) -> String? { fields[key].map(TextFolding.normalized).flatMap { $0.isEmpty ? nil : $0 } }
        for (criterion, fields) in AssessmentFormModel.fields(of: set) {
            // An unknown choice reads as "from the indicators", as an empty one does.
            let verdict = AssessmentFormModel.Verdict(rawValue: text("c\(criterion.number)") ?? "") ?? .fromIndicators
            let note = text("cn\(criterion.number)")
            entries.verdicts[criterion.number] = verdict
            entries.criterionNotes[criterion.number] = note ?? ""
            if let declaration = verdict.declaration(criterion: criterion.number, note: note) { declarations.append(declaration) }
            for (index, indicator) in fields {
                let raw = text("i\(index)") ?? ""
                let note = text("in\(index)")
                let evidence = text("ie\(index)")
                entries.values[indicator.code] = raw
                entries.notes[indicator.code] = note ?? ""
                entries.evidence[indicator.code] = evidence ?? ""
                guard !raw.isEmpty else { continue }
                let value: IndicatorValue?
                if indicator.kind == .yesNo {
                    value = raw == "yes" ? .yes(true) : raw == "no" ? .yes(false) : nil
                } else {
                    value = FormNumber.parse(raw).map(IndicatorValue.number)
                }
                guard let value else {
                    problems.append(InputProblem(field: "i-\(indicator.code)",
                                                 vi: "Chỉ tiêu \(indicator.code): \"\(raw)\" không phải là số",
                                                 en: "Indicator \(indicator.code): \"\(raw)\" is not a number"))
                    continue
                }
                values.append(.init(indicator: indicator.code, value: IndicatorValueDTO(value), note: note, evidence: evidence))
            }
        }
        entries.source = text("source") ?? ""
        entries.note = text("note") ?? ""
        let input = AssessmentInputDTO(set: set.code, date: day.iso, note: text("note"), source: text("source"),
                                       values: values, declarations: declarations)
        return (input, entries, problems)
    }

    /// The writer's problems addressed to the form's fields: `values[3].value` → that indicator.
    static func formProblems(_ error: AppError, input: AssessmentInputDTO) -> [InputProblem] {
        let problems = error.problems.isEmpty
            ? [InputProblem(field: error.field ?? "", vi: error.message.vi, en: error.message.en ?? error.message.vi)] : error.problems
        return problems.map { problem in
            var mapped = problem
            if let i = Self.index(in: problem.field, prefix: "values["), let values = input.values, values.indices.contains(i) {
                mapped.field = "i-\(values[i].indicator)"
            } else if let i = Self.index(in: problem.field, prefix: "declarations["), let declarations = input.declarations, declarations.indices.contains(i) {
                mapped.field = "c-\(declarations[i].criterion)"
            } else {
                mapped.field = "form"
            }
            return mapped
        }
    }

    private static func index(in field: String, prefix: String) -> Int? {
        guard field.hasPrefix(prefix), let end = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(field.startIndex, offsetBy: prefix.count)..<end])
    }
}

/// A one-time message shown at the top of the next page ("Đã lưu: 11 → 13 tiêu chí…").
enum Flash {
    static let key = "flash"

    /// "Đã lưu đánh giá. 11/19 → 13/19 tiêu chí đạt (+2): Giao thông, Thu nhập đạt; Môi trường không còn đạt."
    static func change(before: UnitScorecard, after: UnitScorecard, language: Language) -> String {
        let vi = language == .vi
        let old = Dictionary(uniqueKeysWithValues: (before.scorecard?.results ?? []).map { ($0.criterion.number, $0.status) })
        let results = after.scorecard?.results ?? []
        func names(_ keep: (CriterionResult) -> Bool) -> String { results.filter(keep).map { $0.criterion.name.text(language) }.joined(separator: ", ") }
        let nowMet = names { $0.status == .met && old[$0.criterion.number] != .met }
        let lost = names { $0.status == .notMet && old[$0.criterion.number] == .met }
        let notApplicable = names { $0.status == .notApplicable && old[$0.criterion.number] != .notApplicable }
        let delta = after.met - before.met
        var parts: [String] = []
        if !nowMet.isEmpty { parts.append(nowMet + (vi ? " đạt" : " now met")) }
        if !lost.isEmpty { parts.append(lost + (vi ? " không còn đạt" : " no longer met")) }
        if !notApplicable.isEmpty { parts.append(notApplicable + (vi ? ": không áp dụng" : ": not applicable")) }
        let counts = "\(before.met)/\(before.total) → \(after.met)/\(after.total)"
        let head = vi ? "Đã lưu đánh giá. " : "Assessment saved. "
        guard !parts.isEmpty else {
            return head + (vi ? "Số tiêu chí đạt không đổi: \(after.met)/\(after.total)." : "Criteria met unchanged: \(after.met)/\(after.total).")
        }
        return head + counts + (vi ? " tiêu chí đạt" : " criteria met") + " (\(delta >= 0 ? "+" : "")\(delta)): " + parts.joined(separator: "; ") + "."
    }
}
