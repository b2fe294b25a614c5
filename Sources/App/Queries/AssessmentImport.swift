import CSV
import Fluent
import Foundation
import NTMDomain
import SQLKit
import Vapor

/// What an uploaded assessment sheet would do: every cell checked first (all problems at once, by
/// sheet, row and column), then per unit what would change. Nothing is written until `apply`,
/// which writes every changed row in one transaction with an audit record per assessment.
struct AssessmentImportPlan {
    struct Change: Content {
        var code: String
        var name: String
        var metBefore: Int
        var metAfter: Int
        var total: Int
        /// Criteria met after and not before, and the reverse.
        var nowMet: [Int]
        var lost: [Int]
        /// An assessment of the same day exists and is corrected (history kept in the audit trail).
        var correction: Bool
    }

    struct Write {
        var unit: AdminUnit
        var set: CriteriaSet
        var input: AssessmentInputDTO
        var sameDay: RecordedAssessment?
    }

    var day: Day
    /// Data rows read.
    var rows: Int
    var unchanged: Int
    var changes: [Change]
    var writes: [Write]
}

enum AssessmentImport {
    /// The sheets of an .xlsx (recognised by its ZIP signature) or the one table of a CSV file
    /// (UTF-8 with or without BOM, `;` or `,` between fields).
    static func sheets(of body: Data) throws -> [(name: String?, rows: [[Spreadsheet.Cell]])] {
        if body.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do { return try Spreadsheet.readXLSXSheets(body).map { ($0.name, $0.rows) } } catch {
                throw AppError(.unprocessableEntity, field: "file", vi: "Không đọc được tệp .xlsx", en: "Cannot read the .xlsx file")
            }
        }
        guard var text = String(data: body, encoding: .utf8) else {
            throw AppError(.unprocessableEntity, field: "file", vi: "Tệp không phải .xlsx, cũng không phải CSV UTF-8",
                           en: "The file is neither .xlsx nor UTF-8 CSV")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let delimiter: UnicodeScalar = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        do {
            let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true, delimiter: delimiter)
            var rows: [[Spreadsheet.Cell]] = []
            while let row = reader.next() { rows.append(row.map { $0.isEmpty ? .empty : .text($0) }) }
            if let error = reader.error { throw error }
            return [(nil, rows)]
        } catch {
            throw AppError(.unprocessableEntity, field: "file", vi: "Không đọc được tệp CSV: \(error)", en: "Cannot read the CSV file: \(error)")
        }
    }

    /// Checks every row against the units of `root` on `day` and their sets; throws one 422 with
    /// every problem, or returns what would be written.
    static func plan(_ sheets: [(name: String?, rows: [[Spreadsheet.Cell]])], for root: AdminUnit, on day: Day,
                     catalog: CriteriaCatalog, db: any Database) async throws -> AssessmentImportPlan {
        let (rows, layoutProblems) = AssessmentSheet.rows(of: sheets)
        var problems = layoutProblems
        let units = try await UnitQueries.scored(root, on: day, db: db).units
        let byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let latest = try await latestAssessments(of: units, on: day, catalog: catalog, db: db)
        let stored = try await ScorecardStore.latest(.units(units.compactMap(\.id)), setCodes: Array(Set(latest.values.map(\.set.code))),
                                                     on: day, db: db)
        let groups = try await CommuneGroupQueries.assignments(of: units.compactMap(\.id), db: db)
        let linked = try await linkedValues(of: units, year: day.year, db: db)

        var seen: [String: Int] = [:]
        var writes: [AssessmentImportPlan.Write] = [], changes: [AssessmentImportPlan.Change] = []
        var unchanged = 0
        for row in rows {
            guard let unit = byCode[row.code], let id = unit.id, let current = latest[id] else {
                problems.append(InputProblem(sheet: row.sheet, row: row.number, column: AssessmentSheet.codeKey,
                                             vi: "Mã \(row.code) không phải xã, phường hay thị trấn của \(root.name) có bộ tiêu chí vào ngày \(DateFormat.format(day))",
                                             en: "Code \(row.code) is not a commune, ward or town of \(root.name) with a criteria set on \(day.iso)"))
                continue
            }
            if let first = seen[row.code] {
                problems.append(InputProblem(sheet: row.sheet, row: row.number, column: AssessmentSheet.codeKey,
                                             vi: "\(unit.name) đã có ở dòng \(first)", en: "\(unit.name) is already on row \(first)"))
                continue
            }
            seen[row.code] = row.number
            let set = current.set
            let (given, givenDeclarations, cellProblems) = AssessmentSheet.entries(of: row, unitName: unit.name, set: set)
            problems += cellProblems
            guard cellProblems.isEmpty else { continue }
            let before = current.assessment
            // A column the file does not have keeps the latest value; a column it has (even empty) decides.
            let values = (before?.input.values ?? []).filter { row.cells[$0.indicator] == nil } + given.map { before?.annotated($0) ?? $0 }
            let declarations = (before?.input.declarations ?? []).filter { row.cells[AssessmentSheet.criterionKey($0.criterion)] == nil }
                + givenDeclarations.map { before?.annotated($0) ?? $0 }
            let same = before.map { Self.same($0, values: values, declarations: declarations) } ?? (values.isEmpty && declarations.isEmpty)
            if same { unchanged += 1; continue }
            let input = AssessmentInputDTO(set: set.code, date: day.iso, note: nil, source: nil, values: values, declarations: declarations)
            if let window = set.effective.from, day < window {
                problems.append(InputProblem(sheet: row.sheet, row: row.number, column: AssessmentSheet.codeKey,
                                             vi: "Bộ tiêu chí \(set.code) chưa có hiệu lực ngày \(DateFormat.format(day))",
                                             en: "Criteria set \(set.code) is not in force on \(day.iso)"))
                continue
            }
            let group = CommuneGroupQueries.group(in: groups[id], on: day)?.groupCode
            let after = Evaluator.evaluate(set, input: AssessmentInput(typed: Dictionary(values.map { ($0.indicator, $0.value.value) }, uniquingKeysWith: { a, _ in a }),
                                                                       linked: linked[id] ?? [:], derived: [:],
                                                                       declarations: Dictionary(declarations.map { ($0.criterion, $0.declaration) }, uniquingKeysWith: { a, _ in a })),
                                           region: unit.region ?? Region.general, group: group, year: day.year)
            let old = stored[id]?[set.code] ?? .nothingRecorded(in: set)
            let afterSummary = ScoreSummary(after, assessedOn: day)
            let metBefore = Set(set.criteria.map(\.number)).filter { old.status(of: $0) == .met }
            let metAfter = Set(after.results.filter { $0.status == .met }.map(\.criterion.number))
            let sameDay = before.flatMap { $0.asOf == day ? $0 : nil }
            writes.append(.init(unit: unit, set: set, input: input, sameDay: sameDay))
            changes.append(.init(code: unit.code, name: unit.name, metBefore: old.met, metAfter: afterSummary.met, total: afterSummary.total,
                                 nowMet: metAfter.subtracting(metBefore).sorted(), lost: metBefore.subtracting(metAfter).sorted(),
                                 correction: sameDay != nil))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        return AssessmentImportPlan(day: day, rows: rows.count, unchanged: unchanged, changes: changes, writes: writes)
    }

    /// Writes the plan's rows in one transaction: new assessments, or corrections of the same day's
    /// (version claimed, so a concurrent edit wins or loses whole); an audit record per assessment;
    /// the read model refreshed once for all the units.
    static func apply(_ plan: AssessmentImportPlan, actor: AuditActor, db: any Database) async throws {
        guard !plan.writes.isEmpty else { return }
        try await db.transaction { tx in
            var values: [AssessmentValue] = [], declarations: [AssessmentDeclaration] = [], events: [AuditEvent] = []
            var created: [Assessment] = []
            for write in plan.writes {
                let assessmentID: UUID
                let id = "\(write.unit.code)/\(write.set.code)/\(plan.day.iso)"
                if let existing = write.sameDay {
                    guard try await VersionedRow.claim(Assessment.schema, id: existing.id, version: existing.version, db: tx) else {
                        throw AppError(.conflict, field: "file", vi: "Đánh giá của \(write.unit.name) vừa được người khác sửa; tải lại và thử lại",
                                       en: "\(write.unit.name)'s assessment was just changed by someone else; reload and try again")
                    }
                    if let sql = tx as? any SQLDatabase {
                        try await sql.update(Assessment.schema).set("updated_by", to: actor.name).set("updated_at", to: Date())
                            .where("id", .equal, existing.id).run()
                    }
                    try await AssessmentValue.query(on: tx).filter(\.$assessment.$id == existing.id).delete()
                    try await AssessmentDeclaration.query(on: tx).filter(\.$assessment.$id == existing.id).delete()
                    assessmentID = existing.id
                    events.append(try Audit.event(actor, action: "update", entity: "assessment", id: id, unitCode: write.unit.code,
                                                  old: existing.input, new: write.input))
                } else {
                    let assessment = Assessment(unitID: try write.unit.requireID(), setCode: write.set.code, asOf: plan.day, note: nil, source: nil)
                    assessment.id = UUID()
                    assessment.updatedBy = actor.name
                    created.append(assessment)
                    assessmentID = assessment.id!
                    events.append(try Audit.event(actor, action: "create", entity: "assessment", id: id, unitCode: write.unit.code, new: write.input))
                }
                for value in write.input.values ?? [] {
                    values.append(AssessmentValue(assessmentID: assessmentID, indicatorCode: value.indicator, value: value.value.value,
                                                  note: value.note, evidence: value.evidence))
                }
                for declaration in write.input.declarations ?? [] {
                    declarations.append(AssessmentDeclaration(assessmentID: assessmentID, criterionNumber: declaration.criterion, declaration: declaration.declaration))
                }
            }
            // Batched inserts: a province's sheet is a few dozen statements, not tens of thousands.
            for chunk in created.chunked(by: 500) { try await Array(chunk).create(on: tx) }
            // Values and declarations (tens of thousands) as plain multi-row inserts: no model encoding per row.
            if let sql = tx as? any SQLDatabase {
                for chunk in values.chunked(by: 500) {
                    var insert = sql.insert(into: AssessmentValue.schema)
                        .columns("id", "assessment_id", "indicator_code", "number_value", "flag_value", "note", "evidence")
                    for v in chunk {
                        insert = insert.values(SQLBind(UUID()), SQLBind(v.$assessment.id), SQLBind(v.indicatorCode), SQLBind(v.numberValue),
                                               SQLBind(v.flagValue), SQLBind(v.note), SQLBind(v.evidence))
                    }
                    try await insert.run()
                }
                for chunk in declarations.chunked(by: 500) {
                    var insert = sql.insert(into: AssessmentDeclaration.schema).columns("id", "assessment_id", "criterion_number", "met", "applicable", "note")
                    for d in chunk {
                        insert = insert.values(SQLBind(UUID()), SQLBind(d.$assessment.id), SQLBind(d.criterionNumber), SQLBind(d.met),
                                               SQLBind(d.applicable), SQLBind(d.note))
                    }
                    try await insert.run()
                }
            }
            for chunk in events.chunked(by: 500) { try await Array(chunk).create(on: tx) }
            try await ScorecardStore.refresh(plan.writes.map(\.unit), db: tx)
        }
    }

    // MARK: Reads shared with the template

    /// For each unit with a set in force on `day`: the set and its latest assessment under it on or
    /// before the day, read as plain rows (a province's 600 assessments × 60 values in three
    /// statements per 500 units, without building a model per value).
    static func latestAssessments(of units: [AdminUnit], on day: Day, catalog: CriteriaCatalog,
                                  db: any Database) async throws -> [UUID: (set: CriteriaSet, assessment: RecordedAssessment?)] {
        var result: [UUID: (set: CriteriaSet, assessment: RecordedAssessment?)] = [:]
        for unit in units {
            guard let id = unit.id, let set = catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day) else { continue }
            result[id] = (set, nil)
        }
        guard let sql = db as? any SQLDatabase else { return result }
        for chunk in Array(result.keys).chunked(by: 500) {
            var latest: [UUID: RecordedAssessment] = [:]
            for row in try await sql.select().columns("id", "unit_id", "set_code", "as_of", "version").from(Assessment.schema)
                .where("unit_id", .in, Array(chunk)).where("as_of", .lessThanOrEqual, day.iso).orderBy("as_of", .descending).all() {
                let unitID = try row.decode(column: "unit_id", as: UUID.self)
                guard let entry = result[unitID], latest[unitID] == nil,
                      try row.decode(column: "set_code", as: String.self) == entry.set.code,
                      let asOf = Day(try row.decode(column: "as_of", as: String.self)) else { continue }
                latest[unitID] = RecordedAssessment(id: try row.decode(column: "id", as: UUID.self), setCode: entry.set.code, asOf: asOf,
                                                    version: try row.decode(column: "version", as: Int.self))
            }
            let unitOf = Dictionary(latest.map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            guard !unitOf.isEmpty else { continue }
            for row in try await sql.select().columns("assessment_id", "indicator_code", "number_value", "flag_value", "note", "evidence")
                .from(AssessmentValue.schema).where("assessment_id", .in, Array(unitOf.keys)).all() {
                guard let unitID = unitOf[try row.decode(column: "assessment_id", as: UUID.self)] else { continue }
                let code = try row.decode(column: "indicator_code", as: String.self)
                let value: IndicatorValue? = if let n = try row.decode(column: "number_value", as: Double?.self) { .number(n) }
                    else if let f = try row.decode(column: "flag_value", as: Bool?.self) { .yes(f) } else { nil }
                if let value { latest[unitID]!.values[code] = value }
                let note = try row.decode(column: "note", as: String?.self), evidence = try row.decode(column: "evidence", as: String?.self)
                if note != nil || evidence != nil { latest[unitID]!.annotations[code] = (note, evidence) }
            }
            for row in try await sql.select().columns("assessment_id", "criterion_number", "met", "applicable", "note").from(AssessmentDeclaration.schema)
                .where("assessment_id", .in, Array(unitOf.keys)).all() {
                guard let unitID = unitOf[try row.decode(column: "assessment_id", as: UUID.self)] else { continue }
                latest[unitID]!.declarations[try row.decode(column: "criterion_number", as: Int.self)] =
                    Declaration(met: try row.decode(column: "met", as: Bool.self), applicable: try row.decode(column: "applicable", as: Bool?.self) ?? true,
                                note: try row.decode(column: "note", as: String?.self))
            }
            for (unitID, assessment) in latest { result[unitID]!.assessment = assessment }
        }
        return result
    }

    /// Targets linked to an indicator fill values an assessment of that year lacks, as in the read model.
    private static func linkedValues(of units: [AdminUnit], year: Int, db: any Database) async throws -> [UUID: [String: IndicatorValue]] {
        var linked: [UUID: [String: IndicatorValue]] = [:]
        for chunk in units.compactMap(\.id).chunked(by: 500) {
            for target in try await SocioTargetRecord.query(on: db).filter(\.$unit.$id ~~ Array(chunk)).filter(\.$year == year)
                .filter(\.$linkedIndicator != nil).all() {
                guard let indicator = target.linkedIndicator, let actual = target.actual else { continue }
                linked[target.$unit.id, default: [:]][indicator] = .number(actual)
            }
        }
        return linked
    }

    /// The row says exactly what the stored assessment says (values and verdicts; notes aside).
    static func same(_ assessment: RecordedAssessment, values: [AssessmentInputDTO.ValueDTO], declarations: [AssessmentInputDTO.DeclarationDTO]) -> Bool {
        let given = Dictionary(values.map { ($0.indicator, $0.value.value) }, uniquingKeysWith: { a, _ in a })
        let givenVerdicts = Dictionary(declarations.map { ($0.criterion, $0.declaration) }, uniquingKeysWith: { a, _ in a })
        return assessment.values == given && assessment.declarations.count == givenVerdicts.count
            && assessment.declarations.allSatisfy { key, stored in
                givenVerdicts[key].map { $0.met == stored.met && $0.applicable == stored.applicable } ?? false
            }
    }
}

/// An assessment as stored, read without Fluent models: what the import compares, merges and corrects.
struct RecordedAssessment {
    var id: UUID
    var setCode: String
    var asOf: Day
    var version: Int
    var values: [String: IndicatorValue] = [:]
    var declarations: [Int: Declaration] = [:]
    /// Notes and evidence links per indicator: the sheet has no room for them, so they carry over.
    var annotations: [String: (note: String?, evidence: String?)] = [:]

    /// Its wire form, for the audit trail's old value and for columns a file leaves out.
    var input: AssessmentInputDTO {
        AssessmentInputDTO(set: setCode, date: asOf.iso, note: nil, source: nil,
                           values: values.keys.sorted().map { .init(indicator: $0, value: IndicatorValueDTO(values[$0]!), note: annotations[$0]?.note,
                                                                    evidence: annotations[$0]?.evidence) },
                           declarations: declarations.keys.sorted().map { .init(criterion: $0, declarations[$0]!) })
    }

    /// A value or verdict from a sheet, with the note (and evidence) the stored assessment had for it.
    func annotated(_ value: AssessmentInputDTO.ValueDTO) -> AssessmentInputDTO.ValueDTO {
        var value = value
        value.note = value.note ?? annotations[value.indicator]?.note
        value.evidence = value.evidence ?? annotations[value.indicator]?.evidence
        return value
    }

    func annotated(_ declaration: AssessmentInputDTO.DeclarationDTO) -> AssessmentInputDTO.DeclarationDTO {
        var declaration = declaration
        declaration.note = declaration.note ?? declarations[declaration.criterion]?.note
        return declaration
    }
}
