import Fluent
import NTMDomain
import Vapor

/// Records an assessment after checking all of it; either everything is written or nothing.
enum AssessmentWriter {
    static func record(_ input: AssessmentInputDTO, unitCode: String, db: any Database) async throws -> (AdminUnit, Assessment) {
        guard let day = Day(input.date) else { throw AppError.badDate(field: "date", value: input.date) }
        let unit = try await UnitQueries.require(code: unitCode, on: day, db: db)
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
        var problems = set.problems(values: values.map { IndicatorEntry(indicatorCode: $0.indicator.trimmingCharacters(in: .whitespaces), value: $0.value.value) },
                                    declarations: declarations.map { ($0.criterion, $0.met) })
        for (i, value) in values.enumerated() {
            if let evidence = value.evidence, evidence.count > 2000 {
                problems.append(InputProblem(field: "values[\(i)].evidence", vi: "Đường dẫn minh chứng quá dài (tối đa 2000 ký tự)", en: "Evidence link too long (2000 characters at most)"))
            }
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }

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
        try await db.transaction { tx in
            try await assessment.create(on: tx)
            let assessmentID = try assessment.requireID()
            for value in values {
                try await AssessmentValue(assessmentID: assessmentID, indicatorCode: value.indicator.trimmingCharacters(in: .whitespaces),
                                          value: value.value.value, note: value.note.map(TextFolding.normalized),
                                          evidence: value.evidence.map(TextFolding.normalized)).create(on: tx)
            }
            for declaration in declarations {
                try await AssessmentDeclaration(assessmentID: assessmentID, criterionNumber: declaration.criterion, met: declaration.met,
                                                note: declaration.note.map(TextFolding.normalized)).create(on: tx)
            }
        }
        return (unit, assessment)
    }
}
