import Fluent
import NTMDomain
import Vapor

struct TargetDTO: Content {
    var year: Int
    var code: String
    var name: String
    var unit: String?
    var direction: SocioTarget.Direction?
    /// Needed when the target is new for that year; an actual alone updates an existing plan.
    var plan: Double?
    var actual: Double?
    /// Optional: the NTM indicator this target's actual feeds (e.g. "10.1" income, "11.1" poverty).
    var linkedIndicator: String?
}

struct OcopDTO: Content {
    var unit: String
    var name: String
    var group: String
    var producer: String
    var producerKind: String
    var stars: Int
    var ratingLevel: String
    var certificate: String
    var certifiedOn: String
    var expiresOn: String
}

struct HouseholdModelDTO: Content {
    var unit: String
    var year: Int
    var kind: String?
    var band: String
    var count: Int
    var newCount: Int?
}

/// Writes for the yearly statistics; each checks all of its input first and names the field.
enum StatisticsWriter {
    static func saveTarget(_ input: TargetDTO, unit: AdminUnit, actor: AuditActor, db: any Database) async throws -> SocioTargetRecord {
        let existing = try await SocioTargetRecord.query(on: db).filter(\.$unit.$id == unit.requireID())
            .filter(\.$year == input.year).filter(\.$code == input.code).first()
        var problems: [InputProblem] = []
        if existing == nil {
            if input.plan == nil {
                problems.append(InputProblem(field: input.actual == nil ? "plan" : "actual",
                                             vi: "Năm \(input.year) chưa có kế hoạch cho chỉ tiêu \(input.code): nhập kế hoạch trước khi nhập thực hiện",
                                             en: "Year \(input.year) has no plan for target \(input.code): enter the plan before the actual"))
            }
            if input.direction == nil {
                problems.append(InputProblem(field: "direction", vi: "Cần chiều đánh giá: higher (cao hơn là tốt) hoặc lower (thấp hơn là tốt)",
                                             en: "Give the direction: higher (more is better) or lower (less is better)"))
            }
        }
        if TextFolding.normalized(input.code).isEmpty { problems.append(InputProblem(field: "code", vi: "Cần mã chỉ tiêu", en: "The code is required")) }
        if !(1990...2100).contains(input.year) { problems.append(InputProblem(field: "year", vi: "Năm không hợp lệ", en: "Not a valid year")) }
        for (field, value) in [("plan", input.plan), ("actual", input.actual)] where value.map({ !$0.isFinite }) == true {
            problems.append(InputProblem(field: field, vi: "Giá trị không hợp lệ", en: "Not a valid number"))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        let record = existing ?? SocioTargetRecord()
        let old = existing.map { TargetDTO(year: $0.year, code: $0.code, name: $0.name, unit: $0.unitLabel, direction: $0.direction, plan: $0.plan, actual: $0.actual,
                                           linkedIndicator: $0.linkedIndicator) }
        record.$unit.id = try unit.requireID()
        record.year = input.year
        record.code = TextFolding.normalized(input.code)
        record.name = TextFolding.normalized(input.name)
        record.unitLabel = input.unit ?? record.unitLabel
        record.direction = input.direction ?? record.direction
        if let plan = input.plan { record.plan = plan }
        if let actual = input.actual { record.actual = actual }
        if let linked = input.linkedIndicator { record.linkedIndicator = linked.isEmpty ? nil : linked }
        try await db.transaction { tx in
            try await record.save(on: tx)
            try await Audit.record(tx, actor, action: existing == nil ? "create" : "update", entity: "socio-target",
                                   id: "\(unit.code)/\(input.year)/\(record.code)", unitCode: unit.code, old: old, new: input)
            // A target linked to an indicator feeds the unit's scorecard (income → 10.1).
            if record.linkedIndicator != nil || old?.linkedIndicator != nil { try await ScorecardStore.refresh([unit], db: tx) }
        }
        return record
    }

    static func saveOcop(_ input: OcopDTO, unit: AdminUnit, actor: AuditActor, db: any Database) async throws -> OcopProduct {
        var problems: [InputProblem] = []
        if !(1...5).contains(input.stars) { problems.append(InputProblem(field: "stars", vi: "Số sao phải từ 1 đến 5", en: "Stars must be 1 to 5")) }
        let certified = Day.typed(input.certifiedOn), expires = Day.typed(input.expiresOn)
        if certified == nil { problems.append(InputProblem(field: "certifiedOn", vi: "Ngày không hợp lệ: \(input.certifiedOn)", en: "Not a date: \(input.certifiedOn)")) }
        if expires == nil { problems.append(InputProblem(field: "expiresOn", vi: "Ngày không hợp lệ: \(input.expiresOn)", en: "Not a date: \(input.expiresOn)")) }
        if let c = certified, let e = expires, e <= c {
            problems.append(InputProblem(field: "expiresOn", vi: "Ngày hết hạn phải sau ngày cấp chứng nhận", en: "The expiry must be after the certificate date"))
        }
        if !["district", "province", "national"].contains(input.ratingLevel) {
            problems.append(InputProblem(field: "ratingLevel", vi: "Cấp đánh giá là district, province hoặc national", en: "The rating level is district, province or national"))
        }
        if TextFolding.normalized(input.name).isEmpty { problems.append(InputProblem(field: "name", vi: "Cần tên sản phẩm", en: "The product needs a name")) }
        guard problems.isEmpty, let certified, let expires else { throw AppError(problems: problems) }
        let product = OcopProduct()
        product.$unit.id = try unit.requireID()
        product.name = TextFolding.normalized(input.name)
        product.productGroup = TextFolding.normalized(input.group)
        product.producer = TextFolding.normalized(input.producer)
        product.producerKind = input.producerKind
        product.stars = input.stars
        product.ratingLevel = input.ratingLevel
        product.certificate = TextFolding.normalized(input.certificate)
        product.certifiedOn = certified.iso
        product.expiresOn = expires.iso
        try await db.transaction { tx in
            try await product.create(on: tx)
            try await Audit.record(tx, actor, action: "create", entity: "ocop-product", id: product.name, unitCode: unit.code, new: input)
        }
        return product
    }

    static func saveHouseholdModels(_ input: HouseholdModelDTO, unit: AdminUnit, actor: AuditActor, db: any Database) async throws -> HouseholdModelCount {
        var problems: [InputProblem] = []
        if input.count < 0 { problems.append(InputProblem(field: "count", vi: "Số mô hình không được âm", en: "The count must not be negative")) }
        if let n = input.newCount, n < 0 || n > input.count {
            problems.append(InputProblem(field: "newCount", vi: "Số mô hình mới phải từ 0 đến tổng số", en: "New models must be between 0 and the count"))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        let kind = input.kind ?? "household-economy"
        let record = try await HouseholdModelCount.query(on: db).filter(\.$unit.$id == unit.requireID()).filter(\.$year == input.year)
            .filter(\.$kind == kind).filter(\.$band == input.band).first() ?? HouseholdModelCount()
        record.$unit.id = try unit.requireID()
        record.year = input.year
        record.kind = kind
        record.band = input.band
        record.count = input.count
        record.newCount = input.newCount ?? 0
        try await db.transaction { tx in
            try await record.save(on: tx)
            try await Audit.record(tx, actor, action: "update", entity: "household-models", id: "\(unit.code)/\(input.year)/\(kind)/\(input.band)",
                                   unitCode: unit.code, new: input)
        }
        return record
    }
}
