import Fluent
import NTMDomain
import Vapor

/// Records a recognition decision. Issue 3's workflow (dossier → appraisal → recognition) will
/// call this as its last step; until then the office records decisions directly.
enum RecognitionWriter {
    static func record(_ input: RecognitionDTO, unitCode: String, actor: AuditActor, db: any Database,
                       authorize: (AdminUnit) async throws -> Void = { _ in }) async throws -> Recognition {
        let day = try Day.parse(input.date, field: "date")
        let number = TextFolding.normalized(input.decisionNumber)
        guard !number.isEmpty else {
            throw AppError(.unprocessableEntity, field: "decisionNumber", vi: "Cần số quyết định công nhận", en: "The decision number is required")
        }
        if let year = input.resultYear, !(1990...day.year).contains(year) {
            throw AppError(.unprocessableEntity, field: "resultYear", vi: "Năm đạt chuẩn \(year) phải từ 1990 đến năm của quyết định (\(day.year))",
                           en: "Result year \(year) must be between 1990 and the decision's year (\(day.year))")
        }
        let unit = try await UnitQueries.require(code: unitCode, on: day, db: db)
        try await authorize(unit)
        let unitID = try unit.requireID()
        var existing = try await Recognition.query(on: db).filter(\.$unit.$id == unitID).filter(\.$grade == input.grade).all()
        if input.basis == .acknowledgement {
            // Only a unit formed by a merger is re-acknowledged; decisions from before the merger speak through its rule.
            guard let merger = try await MergerStandingQueries.standings(for: [unit], grade: input.grade, on: day, db: db)[unitID] else {
                throw AppError(.unprocessableEntity, field: "basis",
                               vi: "\(unit.name) không hình thành từ sáp nhập vào ngày \(DateFormat.format(day)): không có gì để thừa nhận",
                               en: "\(unit.name) was not formed by a merger on \(day.iso): there is nothing to acknowledge")
            }
            existing = existing.filter { $0.counts(after: merger) }
        }
        if let current = existing.first(where: { $0.inForce(on: day) }) {
            throw AppError(.conflict, field: "grade",
                           vi: "\(unit.name) đã được công nhận ở mức này theo quyết định \(current.decisionNumber) ngày \(DateFormat.format(stored: current.decidedOn))",
                           en: "\(unit.name) is already recognised at this grade by decision \(current.decisionNumber) of \(current.decidedOn)")
        }
        let recognition = Recognition(unitID: unitID, grade: input.grade, decisionNumber: number, decidedOn: day,
                                      note: input.note.map(TextFolding.normalized), source: input.source.map(TextFolding.normalized))
        recognition.resultYear = input.resultYear
        recognition.basis = input.basis ?? .appraisal
        try await db.transaction { tx in
            try await recognition.create(on: tx)
            try await Audit.record(tx, actor, action: "create", entity: "recognition", id: "\(unit.code)/\(input.grade.rawValue)/\(day.iso)",
                                   unitCode: unit.code, new: input)
            // The units above derive conditions ("share of communes recognised") from this decision.
            try await ScorecardStore.refreshAncestors(of: unit, db: tx)
        }
        return recognition
    }
}
