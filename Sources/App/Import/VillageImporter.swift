import Fluent
import Foundation
import NTMDomain

/// Villages (thôn) are not in the official lists: the office adds them by hand or from a CSV
/// with columns `commune_code,name` and optionally `code`. A village lives as long as its commune.
enum VillageImporter {
    struct NewVillage: Sendable {
        var communeCode: String
        var name: String
        var code: String?
    }

    static func importCSV(_ text: String, on day: Day, actor: AuditActor, db: any Database,
                          authorize: (AdminUnit) async throws -> Void = { _ in }) async throws -> [AdminUnit] {
        let table = try CSVTable(text: text, required: ["commune_code", "name"])
        let villages = table.rows.map { NewVillage(communeCode: $0.fields["commune_code"] ?? "", name: $0.fields["name"] ?? "", code: $0.fields["code"].flatMap { $0.isEmpty ? nil : $0 }) }
        return try await create(villages, rowNumbers: table.rows.map(\.number), on: day, actor: actor, db: db, authorize: authorize)
    }

    /// Checks every village first (commune exists that day, name given, code not taken), then writes all.
    /// `authorize` is asked about every commune before anything is written.
    static func create(_ villages: [NewVillage], rowNumbers: [Int]? = nil, on day: Day, actor: AuditActor, db: any Database,
                       authorize: (AdminUnit) async throws -> Void = { _ in }) async throws -> [AdminUnit] {
        var problems: [InputProblem] = []
        var communes: [String: AdminUnit] = [:]
        var plans: [(NewVillage, AdminUnit)] = []
        func problem(_ i: Int, _ column: String, vi: String, en: String) {
            problems.append(.entry(i, column, rowNumbers: rowNumbers, list: "villages", count: villages.count, vi: vi, en: en))
        }
        for (i, village) in villages.enumerated() {
            if village.name.isEmpty { problem(i, "name", vi: "thiếu tên thôn", en: "missing village name") }
            if communes[village.communeCode] == nil {
                communes[village.communeCode] = try await UnitQueries.find(code: village.communeCode, on: day, db: db)
            }
            guard let commune = communes[village.communeCode], [.commune, .town, .ward].contains(commune.level) else {
                problem(i, "commune_code", vi: "không có xã mã \"\(village.communeCode)\" vào ngày \(DateFormat.format(day))",
                        en: "no commune with code \"\(village.communeCode)\" on \(DateFormat.format(day))")
                continue
            }
            plans.append((village, commune))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        for commune in communes.values.compactMap({ $0 }) { try await authorize(commune) }
        let planned = plans
        return try await db.transaction { tx in
            var created: [AdminUnit] = []
            var usedCodes = Set<String>()
            for (village, commune) in planned {
                let siblings = try await AdminUnit.query(on: tx).filter(\.$parent.$id == commune.requireID()).all()
                usedCodes.formUnion(siblings.map(\.code))
                let code = village.code ?? nextCode(commune: commune.code, used: usedCodes)
                guard !usedCodes.contains(code) else {
                    throw AppError(.conflict, field: "code", vi: "Mã thôn \(code) đã có trong \(commune.name)", en: "Village code \(code) already exists in \(commune.name)")
                }
                if siblings.contains(where: { $0.searchKey == TextFolding.searchKey(village.name) }) || created.contains(where: { $0.$parent.id == commune.id && $0.searchKey == TextFolding.searchKey(village.name) }) {
                    throw AppError(.conflict, field: "name", vi: "\(commune.name) đã có thôn tên \(village.name)", en: "\(commune.name) already has a village named \(village.name)")
                }
                usedCodes.insert(code)
                let unit = AdminUnit(code: code, name: village.name, level: .village, officialType: "Thôn", parentID: try commune.requireID(),
                                     provinceCode: commune.provinceCode, window: commune.window, source: "manual", region: commune.region)
                try await unit.create(on: tx)
                try await Audit.record(tx, actor, action: "create", entity: "village", id: code, unitCode: commune.code,
                                       new: ["code": code, "name": unit.name, "commune": commune.code])
                created.append(unit)
            }
            try await UnitTree.link(created, db: tx)
            return created
        }
    }

    /// Village codes are the commune code plus a two-digit sequence: 18499-01, 18499-02…
    static func nextCode(commune: String, used: Set<String>) -> String {
        var n = 1
        while used.contains("\(commune)-" + String(format: "%02d", n)) { n += 1 }
        return "\(commune)-" + String(format: "%02d", n)
    }
}
