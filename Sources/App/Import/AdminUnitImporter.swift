import Fluent
import SQLKit
import Foundation
import NTMDomain

/// Imports an official unit list that takes effect on a day (three tiers: province, district,
/// commune; or two tiers: province, commune, as since 1 July 2025), with the lineage file of the
/// reform that brought it. The next reform is an import, not a code change:
/// - a unit identical to one in force on the effective day (same code, level, name and parent)
///   continues as the same record, so its history stays one history;
/// - every other unit of the list is a new record from the effective day;
/// - a unit in force before the day that the list no longer has ends the day before;
/// - the lineage file says which old units each new one came from (whole or partial); a unit that
///   ended and reappears with the same code (a commune moved to another district) is linked whole.
/// Importing the same list again changes nothing.
struct AdminUnitImporter {
    enum Structure: String, Sendable {
        case threeTier = "3-tier"
        case twoTier = "2-tier"
    }

    struct Summary: Equatable, Sendable {
        var created = 0
        var ended = 0
        var unchanged = 0
        var lineage = 0
    }

    let regions: [String: String]

    /// Province code → region code, from `Resources/Data/province-regions.csv`.
    static func loadRegions(resourcesDirectory: String) throws -> [String: String] {
        let path = (resourcesDirectory as NSString).appendingPathComponent("Data/province-regions.csv")
        let table = try CSVTable(text: try String(contentsOfFile: path, encoding: .utf8), required: ["province_code", "region"])
        return Dictionary(table.rows.map { ($0.fields["province_code"] ?? "", $0.fields["region"] ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    static func detect(header: [String]) -> Structure? {
        if header.contains("district_code") { return .threeTier }
        if header.contains("ward_code") { return .twoTier }
        return nil
    }

    /// Checks every row (of the list and of the lineage file), then writes everything in one transaction.
    /// `province` limits the import to one province; `effective` is the day the list takes effect
    /// (none: the first list, in force from the beginning).
    func importCSV(_ text: String, province: String?, effective: Day? = nil, lineage: String? = nil,
                   actor: AuditActor, db: any Database) async throws -> Summary {
        let probe = try CSVTable(text: text, required: ["province_code", "province"])
        guard let structure = Self.detect(header: probe.header) else {
            throw AppError(.unprocessableEntity, field: "file", vi: "Không nhận ra tệp: cần cột district_code (danh sách 3 cấp) hoặc ward_code (2 cấp)",
                           en: "Unknown file: expected a district_code column (3-tier list) or ward_code (2-tier list)")
        }
        let required = structure == .threeTier
            ? ["province_code", "province", "district_code", "district", "district_type", "ward_code", "ward", "ward_type", "lat", "lon"]
            : ["province_code", "province", "ward_code", "ward", "ward_type", "lat", "lon"]
        let table = try CSVTable(text: text, required: required)
        let rows = table.rows.filter { province == nil || $0.fields["province_code"] == province }
        if let province, rows.isEmpty {
            throw AppError(.unprocessableEntity, field: "province", vi: "Tệp không có đơn vị nào của tỉnh mã \(province)",
                           en: "The file has no units of province \(province)")
        }
        let parsed = try parse(rows, structure: structure)
        let transfers = try lineage.map { try LineageFile.parse($0, effective: effective) } ?? []
        if effective == nil && !transfers.isEmpty {
            throw AppError(.unprocessableEntity, field: "effective", vi: "Tệp nguồn gốc (lineage) cần ngày hiệu lực (--effective)",
                           en: "A lineage file needs the day the list takes effect (--effective)")
        }
        return try await db.transaction { tx in
            let summary = try await write(parsed, structure: structure, effective: effective, transfers: transfers, filtered: province != nil, db: tx)
            // One record per import: the file's rows are the detail, the counts the change.
            try await Audit.record(tx, actor, action: "import", entity: "admin-units", id: "admin-units-\(effective?.iso ?? "initial")", unitCode: province,
                                   new: ["created": summary.created, "ended": summary.ended, "unchanged": summary.unchanged, "lineage": summary.lineage])
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
            if structure == .threeTier {
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
            if wardCode.isEmpty && structure == .threeTier && (f["ward"] ?? "").isEmpty { continue }
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

    private func write(_ rows: [Row], structure: Structure, effective: Day?, transfers: [LineageFile.Transfer], filtered: Bool,
                       db: any Database) async throws -> Summary {
        var summary = Summary()
        let rootID = try await UnitTree.ensureRoot(db: db)
        let provinceCodes = Set(rows.map(\.provinceCode))
        let existing = try await AdminUnit.query(on: db).filter(\.$provinceCode ~~ provinceCodes)
            .filter(\.$level != .village).filter(\.$level != .country).all()
        // The records a row may continue: in force on the effective day (the first list: from the beginning).
        let continuing = existing.filter { unit in effective.map { unit.window.contains($0) } ?? (unit.validFrom == nil) }
        var byIdentity: [String: AdminUnit] = [:]
        for unit in continuing {
            byIdentity[identity(code: unit.code, level: unit.level, name: unit.name, parentID: unit.$parent.id)] = unit
        }
        var idByCode: [String: UUID] = [:]
        var kept: Set<UUID> = []
        var fresh: [AdminUnit] = []
        for row in rows {
            // A commune's parent is its district in a three-tier list, its province in a two-tier one.
            let parentDepth = row.level == .district || structure == .twoTier ? 0 : 1
            let parentID = row.level == .province ? rootID : idByCode["\(parentDepth)|\(row.parentCode ?? "")"]
            let key = identity(code: row.code, level: row.level, name: TextFolding.normalized(row.name), parentID: parentID)
            if let unit = byIdentity[key], let id = unit.id {
                idByCode["\(row.level.depth)|\(row.code)"] = id
                kept.insert(id)
                summary.unchanged += 1
                continue
            }
            let unit = AdminUnit(code: row.code, name: row.name, level: row.level, officialType: row.type, parentID: parentID,
                                 provinceCode: row.provinceCode, window: DateWindow(from: effective, to: nil),
                                 source: "admin-units-\(effective?.iso ?? "initial")",
                                 region: regions[row.provinceCode], latitude: row.latitude, longitude: row.longitude, areaKm2: row.area)
            unit.id = UUID()
            idByCode["\(row.level.depth)|\(row.code)"] = unit.id
            byIdentity[key] = unit
            kept.insert(unit.id!)
            fresh.append(unit)
        }
        // Parents come before children in `rows`, so chunked bulk inserts keep references valid.
        try await Self.insert(fresh, db: db)
        try await UnitTree.link(fresh, db: db)
        summary.created = fresh.count

        var ended: [AdminUnit] = []
        if let effective {
            let lastDay = effective.adding(days: -1)
            ended = continuing.filter { unit in unit.id.map { !kept.contains($0) } ?? false && (unit.window.from.map { $0 < effective } ?? true) }
            for unit in ended { unit.validTo = lastDay.iso }
            for chunk in ended.compactMap(\.id).chunked(by: 500) {
                try await AdminUnit.query(on: db).filter(\.$id ~~ chunk).set(\.$validTo, to: lastDay.iso).update()
            }
        }
        summary.ended = ended.count
        summary.lineage = try await link(transfers, created: fresh, ended: ended, existing: existing, effective: effective, filtered: filtered, db: db)
        try await ReadModelVersion.bump(db: db)
        return summary
    }

    /// Stores the lineage file's transfers, plus "continued as" for every unit that ended and
    /// reappears under the same code without a row of its own. Transfers already stored are kept.
    private func link(_ transfers: [LineageFile.Transfer], created: [AdminUnit], ended: [AdminUnit], existing: [AdminUnit],
                      effective: Day?, filtered: Bool, db: any Database) async throws -> Int {
        guard let effective else { return 0 }
        // Old units may lie in another province (provinces merged too): read them by code.
        let oldCodes = Set(transfers.map(\.oldCode))
        let elsewhere = oldCodes.isEmpty ? [] : try await AdminUnit.query(on: db).filter(\.$code ~~ oldCodes).filter(\.$level != .village).all()
        // Versions by code: the national reform file has 10,571 rows over some 25,000 versions.
        let byCode = Dictionary(grouping: (existing + created + elsewhere).filter { $0.level != .province && $0.level != .country }, by: \.code)
        func version(of code: String, on day: Day) -> AdminUnit? {
            byCode[code]?.first { $0.window.contains(day) }
        }
        let createdIDs = Set(created.compactMap(\.id))
        // The old unit: in force the day before the row's effective day, or else (a row dated after
        // the list, like Sơn La's of 01/02/2025) the latest earlier version of the code.
        func predecessor(of code: String, before day: Day) -> AdminUnit? {
            if let exact = version(of: code, on: day.adding(days: -1)), !createdIDs.contains(exact.id ?? UUID()) { return exact }
            return (byCode[code] ?? []).filter { !createdIDs.contains($0.id ?? UUID()) && ($0.window.from.map { $0 < day } ?? true) }
                .max { ($0.validTo ?? "9999") < ($1.validTo ?? "9999") }
        }
        let codesHere = Set(existing.map(\.code))
        var problems: [InputProblem] = []
        var pairs: [(UUID, UUID, String, UnitLineage.Relation, String)] = []
        for transfer in transfers {
            let day = transfer.effective
            guard let successor = version(of: transfer.newCode, on: day) else {
                // A file covering the country, imported for one province: the other provinces' rows.
                if filtered && !codesHere.contains(transfer.newCode) { continue }
                problems.append(.row(transfer.row, "new_code", vi: "không có đơn vị mã \(transfer.newCode) vào ngày \(DateFormat.format(day))",
                                     en: "no unit \(transfer.newCode) on \(DateFormat.format(day))"))
                continue
            }
            guard let predecessor = predecessor(of: transfer.oldCode, before: day) else {
                problems.append(.row(transfer.row, "old_code", vi: "không có đơn vị mã \(transfer.oldCode) vào ngày \(DateFormat.format(day.adding(days: -1)))",
                                     en: "no unit \(transfer.oldCode) on \(DateFormat.format(day.adding(days: -1)))"))
                continue
            }
            // The unit whose code was kept and that continues as the same record is no transfer.
            if predecessor.id == successor.id { continue }
            pairs.append((predecessor.id!, successor.id!, day.iso, transfer.relation, transfer.source))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        let named = Set(pairs.map(\.0))
        let createdByCode = Dictionary(created.map { ("\($0.level.rawValue)|\($0.code)", $0) }, uniquingKeysWith: { a, _ in a })
        for old in ended where !named.contains(old.id!) {
            if let new = createdByCode["\(old.level.rawValue)|\(old.code)"] {
                pairs.append((old.id!, new.id!, effective.iso, .whole, "same code"))
            }
        }
        let stored = try await UnitLineage.query(on: db).filter(\.$successor.$id ~~ Set(pairs.map(\.1))).all()
        let known = Set(stored.map { "\($0.$predecessor.id)|\($0.$successor.id)" })
        var seen = known
        let fresh = pairs.filter { seen.insert("\($0.0)|\($0.1)").inserted }
            .map { UnitLineage(predecessorID: $0.0, successorID: $0.1, effective: $0.2, relation: $0.3, source: $0.4) }
        for chunk in fresh.chunked(by: 500) { try await chunk.create(on: db) }
        return fresh.count
    }

    private func identity(code: String, level: AdminLevel, name: String, parentID: UUID?) -> String {
        "\(level.rawValue)|\(code)|\(name)|\(parentID?.uuidString ?? "")"
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
}
