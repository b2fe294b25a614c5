import Fluent
import NTMDomain
import Vapor

/// Records an assessment after checking all of it; either everything is written or nothing.
enum AssessmentWriter {
    static func record(_ input: AssessmentInputDTO, unitCode: String, actor: AuditActor, db: any Database,
                       authorize: (AdminUnit) async throws -> Void = { _ in }) async throws -> (AdminUnit, Assessment) {
        let day = try Day.parse(input.date, field: "date")
        let unit = try await UnitQueries.require(code: unitCode, on: day, db: db)
        try await authorize(unit)
        let catalog = try await CriteriaQueries.catalog(db: db)
        guard let set = try ScorecardQueries.set(for: unit, code: input.set, on: day, catalog: catalog) else {
            throw AppError(.unprocessableEntity, field: "set", vi: "Không có bộ tiêu chí nào áp dụng cho \(unit.name) vào ngày \(DateFormat.format(day))",
                           en: "No criteria set applies to \(unit.name) on \(DateFormat.format(day))")
        }
        if let from = set.effective.from, day < from {
            throw AppError(.unprocessableEntity, field: "date",
                           vi: "Ngày đánh giá \(DateFormat.format(day)) trước ngày hiệu lực của bộ tiêu chí \(set.code) (\(DateFormat.format(from)))",
                           en: "Assessment date \(DateFormat.format(day)) is before criteria set \(set.code) took effect (\(DateFormat.format(from)))")
        }
        if let to = set.effective.to, to < day {
            throw AppError(.unprocessableEntity, field: "date",
                           vi: "Bộ tiêu chí \(set.code) đã hết hiệu lực từ \(DateFormat.format(to))",
                           en: "Criteria set \(set.code) ceased to apply on \(DateFormat.format(to))")
        }
        let values = input.values ?? []
        let declarations = input.declarations ?? []
        if values.isEmpty && declarations.isEmpty {
            throw AppError(.unprocessableEntity, field: "values", vi: "Cần ít nhất một giá trị chỉ tiêu hoặc một kết luận tiêu chí",
                           en: "Give at least one indicator value or criterion declaration")
        }
        try check(values: values, declarations: declarations, against: set)

        let unitID = try unit.requireID()
        let existing = try await Assessment.query(on: db)
            .filter(\.$unit.$id == unitID).filter(\.$setCode == set.code).filter(\.$asOf == day.iso).first()
        if existing != nil {
            throw AppError(.conflict, field: "date",
                           vi: "\(unit.name) đã có đánh giá theo bộ \(set.code) ngày \(DateFormat.format(day)); lịch sử không bị ghi đè",
                           en: "\(unit.name) already has an assessment under \(set.code) dated \(DateFormat.format(day)); history is never overwritten")
        }
        let assessment = Assessment(unitID: unitID, setCode: set.code, asOf: day, note: input.note.map(TextFolding.normalized),
                                    source: input.source.map(TextFolding.normalized))
        assessment.updatedBy = actor.name
        try await db.transaction { tx in
            try await assessment.create(on: tx)
            try await writeEntries(values: values, declarations: declarations, of: assessment, db: tx)
            try await Audit.record(tx, actor, action: "create", entity: "assessment", id: "\(unit.code)/\(set.code)/\(day.iso)",
                                   unitCode: unit.code, new: input)
            try await ScorecardStore.refresh([unit], db: tx)
        }
        return (unit, assessment)
    }

    /// Corrects an assessment in place (same unit, set and day). `version` must be the one the
    /// editor loaded: a save over someone else's newer change is refused, never silently merged.
    /// An assessment held by a submitted dossier is locked until the dossier is returned.
    static func correct(_ input: AssessmentInputDTO, version: Int, unitCode: String, actor: AuditActor, db: any Database,
                        authorize: (AdminUnit) async throws -> Void) async throws -> (AdminUnit, Assessment) {
        let day = try Day.parse(input.date, field: "date")
        let unit = try await UnitQueries.require(code: unitCode, on: day, db: db)
        try await authorize(unit)
        let catalog = try await CriteriaQueries.catalog(db: db)
        guard let set = try ScorecardQueries.set(for: unit, code: input.set, on: day, catalog: catalog) else {
            throw AppError.notFound("đánh giá", "\(unitCode)/\(day.iso)", en: "assessment")
        }
        guard let assessment = try await Assessment.query(on: db).filter(\.$unit.$id == unit.requireID())
            .filter(\.$setCode == set.code).filter(\.$asOf == day.iso).with(\.$values).with(\.$declarations).first() else {
            throw AppError.notFound("đánh giá", "\(unitCode)/\(set.code)/\(day.iso)", en: "assessment")
        }
        @Sendable func changed(_ current: Assessment) -> AppError {
            let when = current.updatedAt.map { TimestampFormat.format($0) } ?? "?"
            return AppError(.conflict, field: "version",
                            vi: "Bản ghi đã được \(current.updatedBy ?? "người khác") sửa lúc \(when). Tải lại trang để xem bản mới rồi sửa lại.",
                            en: "Changed by \(current.updatedBy ?? "someone else") at \(when). Reload to see the new version, then edit again.")
        }
        guard assessment.version == version else { throw changed(assessment) }
        let dossiers = try await Dossier.query(on: db).filter(\.$assessment.$id == assessment.requireID()).all()
        if dossiers.contains(where: { $0.state.locksAssessment }) {
            throw AppError(.conflict, field: "date", vi: "Đánh giá này thuộc hồ sơ đã nộp; cần trả lại hồ sơ trước khi sửa",
                           en: "This assessment belongs to a submitted dossier; the dossier must be returned before it can be corrected")
        }
        let values = input.values ?? []
        let declarations = input.declarations ?? []
        try check(values: values, declarations: declarations, against: set)
        let old = AssessmentInputDTO(assessment)
        try await db.transaction { tx in
            // The version check and the claim are one statement: of two saves from one version, one wins.
            guard try await VersionedRow.claim(Assessment.schema, id: assessment.requireID(), version: version, db: tx) else {
                throw changed(try await Assessment.find(assessment.id, on: tx) ?? assessment)
            }
            try await AssessmentValue.query(on: tx).filter(\.$assessment.$id == assessment.requireID()).delete()
            try await AssessmentDeclaration.query(on: tx).filter(\.$assessment.$id == assessment.requireID()).delete()
            try await writeEntries(values: values, declarations: declarations, of: assessment, db: tx)
            assessment.note = input.note.map(TextFolding.normalized)
            assessment.source = input.source.map(TextFolding.normalized)
            assessment.version = version + 1
            assessment.updatedBy = actor.name
            try await assessment.save(on: tx)
            try await Audit.record(tx, actor, action: "update", entity: "assessment", id: "\(unit.code)/\(set.code)/\(day.iso)",
                                   unitCode: unit.code, old: old, new: input)
            try await ScorecardStore.refresh([unit], db: tx)
        }
        return (unit, assessment)
    }

    /// Every problem of the entries against the set at once; nothing is written when there is one.
    private static func check(values: [AssessmentInputDTO.ValueDTO], declarations: [AssessmentInputDTO.DeclarationDTO], against set: CriteriaSet) throws {
        var problems = set.problems(values: values.map { IndicatorEntry(indicatorCode: $0.indicator.trimmingCharacters(in: .whitespaces), value: $0.value.value) },
                                    declarations: declarations.map { ($0.criterion, $0.met ?? false) })
        for (i, declaration) in declarations.enumerated() where declaration.isApplicable && declaration.met == nil {
            problems.append(InputProblem(field: "declarations[\(i)].met",
                                         vi: "Tiêu chí số \(declaration.criterion): cần ghi đạt (met: true/false) hoặc không áp dụng (applicable: false)",
                                         en: "Criterion \(declaration.criterion): give met (true/false) or applicable: false"))
        }
        for (i, value) in values.enumerated() {
            if let evidence = value.evidence, evidence.count > 2000 {
                problems.append(InputProblem(field: "values[\(i)].evidence", vi: "Đường dẫn minh chứng quá dài (tối đa 2000 ký tự)", en: "Evidence link too long (2000 characters at most)"))
            }
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
    }

    private static func writeEntries(values: [AssessmentInputDTO.ValueDTO], declarations: [AssessmentInputDTO.DeclarationDTO],
                                     of assessment: Assessment, db: any Database) async throws {
        let assessmentID = try assessment.requireID()
        for value in values {
            try await AssessmentValue(assessmentID: assessmentID, indicatorCode: value.indicator.trimmingCharacters(in: .whitespaces),
                                      value: value.value.value, note: value.note.map(TextFolding.normalized),
                                      evidence: value.evidence.map(TextFolding.normalized)).create(on: db)
        }
        for declaration in declarations {
            var verdict = declaration.declaration
            verdict.note = declaration.note.map(TextFolding.normalized)
            try await AssessmentDeclaration(assessmentID: assessmentID, criterionNumber: declaration.criterion, declaration: verdict).create(on: db)
        }
    }
}
