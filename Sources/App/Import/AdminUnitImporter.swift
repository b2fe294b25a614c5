import Fluent
import SQLKit
import Foundation
import NTMDomain

/// Imports the official unit lists: the 2024 three-tier list (province, district, commune) and
/// the 2025 two-tier list (province, commune) that took effect on 1 July 2025 when districts ended.
struct AdminUnitImporter {
    enum Structure: String, Sendable {
        case threeTier2024 = "2024"
        case twoTier2025 = "2025"

        /// 2024 units end the day before the reform; 2025 units start on it.
        var window: DateWindow {
            switch self {
            case .threeTier2024: DateWindow(from: nil, to: Day("2025-06-30"))
            case .twoTier2025: DateWindow(from: Day("2025-07-01"), to: nil)
            }
        }
    }

    struct Summary: Equatable, Sendable {
        var created = 0
        var extended = 0
        var unchanged = 0
    }

    let regions: [String: String]

    /// Province code → region code, from `Resources/Data/province-regions.csv`.
    static func loadRegions(resourcesDirectory: String) throws -> [String: String] {
        let path = (resourcesDirectory as NSString).appendingPathComponent("Data/province-regions.csv")
        let table = try CSVTable(text: try String(contentsOfFile: path, encoding: .utf8), required: ["province_code", "region"])
        return Dictionary(table.rows.map { ($0.fields["province_code"]!, $0.fields["region"]!) }, uniquingKeysWith: { a, _ in a })
    }

    static func detect(header: [String]) -> Structure? {
        if header.contains("district_code") { return .threeTier2024 }
        if header.contains("ward_code") { return .twoTier2025 }
        return nil
    }

    /// Checks every row, then writes all units in one transaction. `province` limits the import to one province.
    func importCSV(_ text: String, province: String?, actor: AuditActor, db: any Database) async throws -> Summary {
        let probe = try CSVTable(text: text, required: ["province_code", "province"])
        guard let structure = Self.detect(header: probe.header) else {
            throw AppError(.unprocessableEntity, field: "file", vi: "Không nhận ra tệp: cần cột district_code (danh sách 2024) hoặc ward_code (2025)",
                           en: "Unknown file: expected a district_code column (2024 list) or ward_code (2025 list)")
        }
        let required = structure == .threeTier2024
            ? ["province_code", "province", "district_code", "district", "district_type", "ward_code", "ward", "ward_type", "lat", "lon"]
            : ["province_code", "province", "ward_code", "ward", "ward_type", "lat", "lon"]
        let table = try CSVTable(text: text, required: required)
        let rows = table.rows.filter { province == nil || $0.fields["province_code"] == province }
        if let province, rows.isEmpty {
            throw AppError(.unprocessableEntity, field: "province", vi: "Tệp không có đơn vị nào của tỉnh mã \(province)",
                           en: "The file has no units of province \(province)")
        }
        let parsed = try parse(rows, structure: structure)
        return try await db.transaction { tx in
            let summary = try await write(parsed, structure: structure, db: tx)
            // One record per import: the file's rows are the detail, the counts the change.
            try await Audit.record(tx, actor, action: "import", entity: "admin-units", id: "admin-units-\(structure.rawValue)", unitCode: province,
                                   new: ["created": summary.created, "extended": summary.extended, "unchanged": summary.unchanged])
            return summary
        }
    }

    /// One unit read from a row, its parent named by code.
    struct Row {
        var code: String
        var name: String
        var type: String
        var level: AdminLevel
        var parentCode: String?
        var provinceCode: String
        var latitude: Double?
        var longitude: Double?
        var area: Double?
    }

    func parse(_ rows: [(number: Int, fields: [String: String])], structure: Structure) throws(AppError) -> [Row] {
        var problems: [InputProblem] = []
        var units: [String: Row] = [:]
        var order: [String] = []
        func add(_ row: Row) {
            let key = "\(row.level.depth)|\(row.code)"
            if units[key] == nil { order.append(key) }
            units[key] = row
        }
        for (number, f) in rows {
            let provinceCode = f["province_code"] ?? ""
            guard provinceCode.count == 2, Int(provinceCode) != nil else {
                problems.append(.row(number, "province_code", vi: "mã tỉnh \"\(provinceCode)\" phải gồm 2 chữ số", en: "province code \"\(provinceCode)\" must be 2 digits"))
                continue
            }
            let provinceName = f["province"] ?? ""
            if provinceName.isEmpty { problems.append(.row(number, "province", vi: "thiếu tên tỉnh", en: "missing province name")) }
            add(Row(code: provinceCode, name: provinceName, type: provinceName.hasPrefix("Thành phố") ? "Thành phố" : "Tỉnh",
                    level: .province, parentCode: nil, provinceCode: provinceCode))
            var parentCode = provinceCode
            if structure == .threeTier2024 {
                let districtCode = f["district_code"] ?? ""
                let districtType = f["district_type"] ?? ""
                guard !districtCode.isEmpty, Int(districtCode) != nil else {
                    problems.append(.row(number, "district_code", vi: "mã huyện \"\(districtCode)\" không hợp lệ", en: "invalid district code \"\(districtCode)\""))
                    continue
                }
                guard AdminLevel.fromOfficialType(districtType) == .district else {
                    problems.append(.row(number, "district_type", vi: "loại đơn vị cấp huyện \"\(districtType)\" không hợp lệ", en: "unknown district type \"\(districtType)\""))
                    continue
                }
                add(Row(code: districtCode, name: f["district"] ?? "", type: districtType, level: .district, parentCode: provinceCode, provinceCode: provinceCode))
                parentCode = districtCode
            }
            let wardCode = f["ward_code"] ?? ""
            // Island districts (Bạch Long Vĩ, Cồn Cỏ…) have no communes: the row names the district only.
            if wardCode.isEmpty && structure == .threeTier2024 && (f["ward"] ?? "").isEmpty { continue }
            guard wardCode.count == 5, Int(wardCode) != nil else {
                problems.append(.row(number, "ward_code", vi: "mã xã \"\(wardCode)\" phải gồm 5 chữ số", en: "commune code \"\(wardCode)\" must be 5 digits"))
                continue
            }
            let wardType = f["ward_type"] ?? ""
            guard let level = AdminLevel.fromOfficialType(wardType), [.commune, .town, .ward].contains(level) else {
                problems.append(.row(number, "ward_type", vi: "loại đơn vị cấp xã \"\(wardType)\" không hợp lệ", en: "unknown commune type \"\(wardType)\""))
                continue
            }
            let name = f["ward"] ?? ""
            if name.isEmpty { problems.append(.row(number, "ward", vi: "thiếu tên xã", en: "missing commune name")) }
            let lat = parseNumber(f["lat"], column: "lat", row: number, range: -90...90, problems: &problems)
            let lon = parseNumber(f["lon"], column: "lon", row: number, range: -180...180, problems: &problems)
            let area = parseNumber(f["area_km2"], column: "area_km2", row: number, range: 0...100_000, problems: &problems)
            add(Row(code: wardCode, name: name, type: wardType, level: level, parentCode: parentCode, provinceCode: provinceCode,
                    latitude: lat, longitude: lon, area: area))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        return order.compactMap { units[$0] }
    }

    private func parseNumber(_ text: String?, column: String, row: Int, range: ClosedRange<Double>, problems: inout [InputProblem]) -> Double? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Double(text), range.contains(value) else {
            problems.append(.row(row, column, vi: "\"\(text)\" không phải số trong khoảng \(range.lowerBound)…\(range.upperBound)",
                                 en: "\"\(text)\" is not a number within \(range.lowerBound)…\(range.upperBound)"))
            return nil
        }
        return value
    }

    /// Provinces that continue across the reform (same code and name) get one record whose window
    /// widens; every other unit is one record per list, so 2024 and 2025 versions never mix.
    private func write(_ rows: [Row], structure: Structure, db: any Database) async throws -> Summary {
        var summary = Summary()
        let rootID = try await UnitTree.ensureRoot(db: db)
        let provinceCodes = Set(rows.map(\.provinceCode))
        let existing = try await AdminUnit.query(on: db).filter(\.$provinceCode ~~ provinceCodes).all()
        var byKey: [String: AdminUnit] = [:]
        for unit in existing {
            byKey[key(code: unit.code, level: unit.level, window: unit.window, name: unit.name)] = unit
        }
        var idByCode: [String: UUID] = [:]
        var fresh: [AdminUnit] = []
        for row in rows {
            if row.level == .province, let province = existing.first(where: { $0.level == .province && $0.code == row.code && $0.name == TextFolding.normalized(row.name) }) {
                let merged = union(province.window, structure.window)
                if merged != province.window {
                    province.validFrom = merged.from?.iso
                    province.validTo = merged.to?.iso
                    try await province.save(on: db)
                    summary.extended += 1
                } else {
                    summary.unchanged += 1
                }
                idByCode["0|\(row.code)"] = try province.requireID()
                continue
            }
            let k = key(code: row.code, level: row.level, window: structure.window, name: TextFolding.normalized(row.name))
            if let unit = byKey[k] {
                idByCode["\(row.level.depth)|\(row.code)"] = try unit.requireID()
                summary.unchanged += 1
                continue
            }
            let parentDepth = row.level == .province ? nil : (row.level == .district || structure == .twoTier2025 ? 0 : 1)
            let parentID = parentDepth.flatMap { idByCode["\($0)|\(row.parentCode ?? "")"] } ?? (row.level == .province ? rootID : nil)
            let unit = AdminUnit(code: row.code, name: row.name, level: row.level, officialType: row.type, parentID: parentID,
                                 provinceCode: row.provinceCode, window: structure.window, source: "admin-units-\(structure.rawValue)",
                                 region: regions[row.provinceCode], latitude: row.latitude, longitude: row.longitude, areaKm2: row.area)
            unit.id = UUID()
            idByCode["\(row.level.depth)|\(row.code)"] = unit.id
            byKey[k] = unit
            fresh.append(unit)
        }
        // Parents come before children in `rows`, so chunked bulk inserts keep references valid.
        try await Self.insert(fresh, db: db)
        try await UnitTree.link(fresh, db: db)
        // A province's window may have widened without any new unit.
        try await ReadModelVersion.bump(db: db)
        summary.created = fresh.count
        return summary
    }

    /// Plain multi-row INSERTs (17 binds a unit, 500 units a statement): Fluent's per-model
    /// encoding made the national list's import a second slower than the rest of it together.
    static func insert(_ units: [AdminUnit], db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else {
            for unit in units { try await unit.create(on: db) }
            return
        }
        let now = Date()
        for chunk in units.chunked(by: 500) {
            var insert = sql.insert(into: AdminUnit.schema).columns(
                "id", "created_at", "updated_at", "code", "parent_id", "province_code", "valid_from", "valid_to", "source",
                "name", "level", "official_type", "search_key", "region", "latitude", "longitude", "area_km2")
            for u in chunk {
                insert = insert.values(SQLBind(u.id), SQLBind(now), SQLBind(now), SQLBind(u.code), SQLBind(u.$parent.id), SQLBind(u.provinceCode),
                                       SQLBind(u.validFrom), SQLBind(u.validTo), SQLBind(u.source), SQLBind(u.name), SQLBind(u.level.rawValue),
                                       SQLBind(u.officialType), SQLBind(u.searchKey), SQLBind(u.region), SQLBind(u.latitude), SQLBind(u.longitude),
                                       SQLBind(u.areaKm2))
            }
            try await insert.run()
        }
        for unit in units { unit.$id.exists = true }
    }

    private func key(code: String, level: AdminLevel, window: DateWindow, name: String) -> String {
        "\(level.rawValue)|\(code)|\(window.from?.iso ?? "")|\(window.to?.iso ?? "")|\(name)"
    }

    private func union(_ a: DateWindow, _ b: DateWindow) -> DateWindow {
        DateWindow(from: a.from == nil || b.from == nil ? nil : min(a.from!, b.from!),
                   to: a.to == nil || b.to == nil ? nil : max(a.to!, b.to!))
    }
}
