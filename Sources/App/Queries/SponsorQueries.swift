import Fluent
import Foundation
import NTMDomain
import Vapor

struct OrganisationDTO: Content {
    var name: String
    var kind: Organisation.Kind
    var contact: String?
}

struct AssignmentDTO: Content {
    var organisation: String
    var unit: String
    var criteria: [Int]?
    var decisionNumber: String
    var decisionDate: String
    var agreementDue: String
    var agreementSigned: String?
    var pledgedMoney: Int64?
    var pledgedInKind: String?
}

struct ActivityDTO: Content {
    var date: String
    var description: String
    var criterion: Int?
    var amount: Int64?
}

struct EvaluationDTO: Content {
    var period: String
    var rating: SponsorEvaluation.Rating
    var note: String?
}

enum SponsorQueries {
    /// Money delivered by sponsors up to `day`, by commune and criterion (a village's gifts count for its commune).
    static func deliveredMoney(under root: AdminUnit, units: [AdminUnit], on day: Day, db: any Database) async throws -> [String: [Int: Dong]] {
        let byID = Dictionary(uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0, u) } })
        let assignments = try await SponsorAssignment.query(on: db).filterUnit(under: root).with(\.$activities).all()
        var delivered: [String: [Int: Dong]] = [:]
        for assignment in assignments {
            guard let unit = byID[assignment.$unit.id] else { continue }
            let commune = unit.level == .village ? (units.first { $0.id == unit.$parent.id }?.code ?? unit.code) : unit.code
            for activity in assignment.activities where activity.amount > 0 && activity.date <= day.iso {
                guard let criterion = activity.criterionNumber else { continue }
                delivered[commune, default: [:]][criterion, default: 0] += activity.amount
            }
        }
        return delivered
    }

    /// Assignments to `unit` and everything below it, with organisation, unit and activities.
    static func assignments(under unit: AdminUnit, on day: Day, db: any Database) async throws -> [(SponsorAssignment, AdminUnit)] {
        let units = try await UnitQueries.subtree(unit, on: day, db: db)
        let byID = Dictionary(uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0, u) } })
        return try await SponsorAssignment.query(on: db).filterUnit(under: unit).filter(\.$decisionDate <= day.iso)
            .with(\.$organisation).with(\.$activities).with(\.$evaluations).all()
            .compactMap { assignment in byID[assignment.$unit.id].map { (assignment, $0) } }
            .sorted { ($1.1.code, $0.0.organisation.name) > ($0.1.code, $1.0.organisation.name) }
    }

    static func createOrganisation(_ input: OrganisationDTO, actor: AuditActor, db: any Database) async throws -> Organisation {
        let name = TextFolding.normalized(input.name)
        guard !name.isEmpty else { throw AppError(.unprocessableEntity, field: "name", vi: "Cần tên tổ chức", en: "The organisation needs a name") }
        if try await Organisation.query(on: db).filter(\.$name == name).count() > 0 {
            throw AppError(.conflict, field: "name", vi: "Đã có tổ chức \(name)", en: "\(name) already exists")
        }
        let organisation = Organisation(name: name, kind: input.kind, contact: input.contact.map(TextFolding.normalized))
        try await db.transaction { tx in
            try await organisation.create(on: tx)
            try await Audit.record(tx, actor, action: "create", entity: "organisation", id: name, unitCode: nil, new: input)
        }
        return organisation
    }

    /// Checks the whole assignment (unit exists that day, criteria in its set, dates in order,
    /// money not negative) before writing it.
    static func assign(_ input: AssignmentDTO, actor: AuditActor, db: any Database, authorize: (AdminUnit) async throws -> Void) async throws -> SponsorAssignment {
        var problems: [InputProblem] = []
        func day(_ text: String?, _ field: String) -> Day? {
            guard let text, !text.isEmpty else { return nil }
            guard let d = Day(text) else { problems.append(InputProblem(field: field, vi: "Ngày không hợp lệ: \(text)", en: "Not a date: \(text)")); return nil }
            return d
        }
        let decision = day(input.decisionDate, "decisionDate")
        let due = day(input.agreementDue, "agreementDue")
        let signed = day(input.agreementSigned, "agreementSigned")
        guard let decision, let due, problems.isEmpty else { throw AppError(problems: problems) }
        guard let unit = try await UnitQueries.find(code: input.unit, on: decision, db: db) else {
            throw AppError(.unprocessableEntity, field: "unit", vi: "Không có đơn vị mã \(input.unit) vào ngày \(DateFormat.format(decision))",
                           en: "No unit with code \(input.unit) on \(DateFormat.format(decision))")
        }
        try await authorize(unit)
        guard let organisation = try await Organisation.query(on: db).filter(\.$name == TextFolding.normalized(input.organisation)).first() else {
            throw AppError(.unprocessableEntity, field: "organisation", vi: "Không có tổ chức \(input.organisation)", en: "No organisation \(input.organisation)")
        }
        let catalog = try await CriteriaQueries.catalog(db: db)
        let set = catalog.inForce(level: unit.level == .village ? .commune : unit.level, provinceCode: unit.provinceCode, on: decision)
        for (k, number) in (input.criteria ?? []).enumerated() where set?.criterion(number: number) == nil {
            problems.append(InputProblem(field: "criteria[\(k)]", vi: "Tiêu chí \(number) không có trong bộ tiêu chí của \(unit.name)",
                                         en: "Criterion \(number) is not in \(unit.name)'s criteria set"))
        }
        if due < decision {
            problems.append(InputProblem(field: "agreementDue", vi: "Hạn ký thỏa thuận trước ngày quyết định phân công", en: "The agreement is due before the assigning decision"))
        }
        if let signed, signed < decision {
            problems.append(InputProblem(field: "agreementSigned", vi: "Ngày ký thỏa thuận trước ngày quyết định phân công", en: "Signed before the assigning decision"))
        }
        if let problem = MoneyRange.problem(input.pledgedMoney ?? 0, field: "pledgedMoney") { problems.append(problem) }
        let number = TextFolding.normalized(input.decisionNumber)
        if number.isEmpty { problems.append(InputProblem(field: "decisionNumber", vi: "Cần số quyết định phân công", en: "The decision number is required")) }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        let assignment = SponsorAssignment()
        assignment.$organisation.id = try organisation.requireID()
        assignment.$unit.id = try unit.requireID()
        assignment.criteria = (input.criteria ?? []).map(String.init).joined(separator: ", ")
        assignment.decisionNumber = number
        assignment.decisionDate = decision.iso
        assignment.agreementDue = due.iso
        assignment.agreementSigned = signed?.iso
        assignment.pledgedMoney = input.pledgedMoney ?? 0
        assignment.pledgedInKind = input.pledgedInKind.map(TextFolding.normalized)
        try await db.transaction { tx in
            try await assignment.create(on: tx)
            try await Audit.record(tx, actor, action: "create", entity: "sponsor-assignment", id: assignment.requireID().uuidString, unitCode: unit.code, new: input)
        }
        return assignment
    }

    static func requireAssignment(_ id: UUID?, db: any Database) async throws -> (SponsorAssignment, AdminUnit) {
        guard let id, let assignment = try await SponsorAssignment.query(on: db).filter(\.$id == id).with(\.$organisation).first(),
              let unit = try await AdminUnit.find(assignment.$unit.id, on: db) else {
            throw AppError(.notFound, field: "id", vi: "Không tìm thấy phân công đỡ đầu", en: "No such sponsor assignment")
        }
        return (assignment, unit)
    }

    static func addActivity(_ input: ActivityDTO, to assignment: SponsorAssignment, unit: AdminUnit, actor: AuditActor, db: any Database) async throws -> SponsorActivity {
        var problems: [InputProblem] = []
        let day = Day.typed(input.date)
        if day == nil { problems.append(InputProblem(field: "date", vi: "Ngày không hợp lệ: \(input.date)", en: "Not a date: \(input.date)")) }
        if let day, day.iso < assignment.decisionDate {
            problems.append(InputProblem(field: "date", vi: "Hoạt động trước ngày được phân công", en: "The activity is dated before the assignment"))
        }
        if let problem = MoneyRange.problem(input.amount ?? 0, field: "amount") { problems.append(problem) }
        if TextFolding.normalized(input.description).isEmpty { problems.append(InputProblem(field: "description", vi: "Cần mô tả hoạt động", en: "Describe the activity")) }
        if let criterion = input.criterion, !assignment.criterionNumbers.isEmpty, !assignment.criterionNumbers.contains(criterion) {
            problems.append(InputProblem(field: "criterion", vi: "Tiêu chí \(criterion) không thuộc phần việc được giao", en: "Criterion \(criterion) is not part of the assignment"))
        }
        guard problems.isEmpty, let day else { throw AppError(problems: problems) }
        let activity = SponsorActivity()
        activity.$assignment.id = try assignment.requireID()
        activity.date = day.iso
        activity.description = TextFolding.normalized(input.description)
        activity.criterionNumber = input.criterion
        activity.amount = input.amount ?? 0
        try await db.transaction { tx in
            try await activity.create(on: tx)
            try await Audit.record(tx, actor, action: "create", entity: "sponsor-activity", id: activity.requireID().uuidString, unitCode: unit.code, new: input)
        }
        return activity
    }

    static func evaluate(_ input: EvaluationDTO, assignment: SponsorAssignment, unit: AdminUnit, actor: AuditActor, db: any Database) async throws -> SponsorEvaluation {
        let period = TextFolding.normalized(input.period)
        guard !period.isEmpty else { throw AppError(.unprocessableEntity, field: "period", vi: "Cần kỳ đánh giá (vd 2022-05)", en: "The period is required (e.g. 2022-05)") }
        let evaluation = SponsorEvaluation()
        evaluation.$assignment.id = try assignment.requireID()
        evaluation.period = period
        evaluation.rating = input.rating
        evaluation.note = input.note.map(TextFolding.normalized)
        evaluation.evaluatedBy = actor.name
        try await db.transaction { tx in
            try await evaluation.create(on: tx)
            try await Audit.record(tx, actor, action: "create", entity: "sponsor-evaluation", id: evaluation.requireID().uuidString, unitCode: unit.code, new: input)
        }
        return evaluation
    }
}
