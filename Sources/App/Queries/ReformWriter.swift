import Fluent
import Foundation
import NTMDomain
import Vapor

/// `{group, from, decision?, source}` — a commune's group from a day (QĐ 51/2025: "1", "2", "3").
struct CommuneGroupInputDTO: Content {
    var group: String
    var from: String
    var decision: String?
    var source: String
}

/// `{rule, from, decision?, source}` — the province's rule for merged units from a day.
struct MergerRuleDTO: Content {
    var rule: MergerRecognitionRule
    var from: String
    var decision: String?
    var source: String

    init(rule: MergerRecognitionRule, from: String, decision: String?, source: String) {
        self.rule = rule
        self.from = from
        self.decision = decision
        self.source = source
    }

    init(_ record: MergerRecognitionRuleRecord) {
        self.init(rule: record.rule, from: record.validFrom, decision: record.decision, source: record.source)
    }
}

/// Commune groups: checked against the set in force for the commune on the day, then written
/// together (a new group closes the one before it), and the communes' scorecards re-evaluated.
enum CommuneGroupWriter {
    struct Entry: Sendable {
        var code: String
        var input: CommuneGroupInputDTO
    }

    /// CSV with columns `code,group,effective` and optionally `decision`, `source`.
    static func importCSV(_ text: String, catalog: CriteriaCatalog, actor: AuditActor, db: any Database) async throws -> Int {
        let table = try CSVTable(text: text, required: ["code", "group", "effective"])
        let entries = table.rows.map { row in
            Entry(code: row.fields["code"] ?? "",
                  input: CommuneGroupInputDTO(group: row.fields["group"] ?? "", from: row.fields["effective"] ?? "",
                                              decision: row.fields["decision"].flatMap { $0.isEmpty ? nil : $0 },
                                              source: row.fields["source"].flatMap { $0.isEmpty ? nil : $0 } ?? "CSV"))
        }
        return try await assign(entries, rowNumbers: table.rows.map(\.number), catalog: catalog, actor: actor, db: db).count
    }

    static func assign(_ entries: [Entry], rowNumbers: [Int]? = nil, catalog: CriteriaCatalog, actor: AuditActor, db: any Database,
                       authorize: (AdminUnit) async throws -> Void = { _ in }) async throws -> [CommuneGroupAssignment] {
        var problems: [InputProblem] = []
        var planned: [(AdminUnit, Day, Entry)] = []
        func problem(_ i: Int, _ column: String, vi: String, en: String) {
            problems.append(.entry(i, column, rowNumbers: rowNumbers, list: "groups", count: entries.count, vi: vi, en: en))
        }
        for (i, entry) in entries.enumerated() {
            guard let day = Day(entry.input.from) else {
                problem(i, rowNumbers == nil ? "from" : "effective", vi: "ngày \"\(entry.input.from)\" không đúng dạng YYYY-MM-DD",
                        en: "date \"\(entry.input.from)\" is not YYYY-MM-DD")
                continue
            }
            guard let unit = try await UnitQueries.find(code: entry.code, on: day, db: db) else {
                problem(i, "code", vi: "không có đơn vị mã \"\(entry.code)\" vào ngày \(DateFormat.format(day))",
                        en: "no unit with code \"\(entry.code)\" on \(DateFormat.format(day))")
                continue
            }
            guard let set = catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day) else {
                problem(i, "code", vi: "không có bộ tiêu chí nào áp dụng cho \(unit.name) ngày \(DateFormat.format(day))",
                        en: "no criteria set applies to \(unit.name) on \(DateFormat.format(day))")
                continue
            }
            let groups = set.communeGroups.map(\.code)
            guard groups.contains(entry.input.group) else {
                problem(i, "group", vi: groups.isEmpty
                            ? "bộ tiêu chí \(set.code) áp dụng cho \(unit.name) ngày \(DateFormat.format(day)) không chia nhóm xã"
                            : "nhóm \"\(entry.input.group)\" không có trong bộ tiêu chí \(set.code) (các nhóm: \(groups.joined(separator: ", ")))",
                        en: groups.isEmpty
                            ? "criteria set \(set.code), in force for \(unit.name) on \(DateFormat.format(day)), has no commune groups"
                            : "group \"\(entry.input.group)\" is not one of set \(set.code)'s groups (\(groups.joined(separator: ", ")))")
                continue
            }
            if TextFolding.normalized(entry.input.source).isEmpty {
                problem(i, "source", vi: "cần ghi nguồn (quyết định phân nhóm hoặc \"minh họa\")", en: "the source is required (the grouping decision, or \"illustrative\")")
            }
            planned.append((unit, day, entry))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        for unit in Dictionary(planned.map { ($0.0.id, $0.0) }, uniquingKeysWith: { a, _ in a }).values { try await authorize(unit) }
        let writes = planned
        return try await db.transaction { tx in
            var written: [CommuneGroupAssignment] = []
            let existing = try await CommuneGroupQueries.assignments(of: writes.compactMap { $0.0.id }, db: tx)
            var touched: [UUID: AdminUnit] = [:]
            for (unit, day, entry) in writes {
                let unitID = try unit.requireID()
                touched[unitID] = unit
                let assignment: CommuneGroupAssignment
                if let same = existing[unitID]?.first(where: { $0.validFrom == day.iso }) ?? written.first(where: { $0.$unit.id == unitID && $0.validFrom == day.iso }) {
                    assignment = same
                } else {
                    assignment = CommuneGroupAssignment(unitID: unitID, groupCode: entry.input.group, validFrom: day, decision: nil, source: "")
                    // The group before this one ends the day before; a later one bounds this one.
                    for earlier in (existing[unitID] ?? []) where earlier.validFrom < day.iso && (earlier.validTo.map { $0 >= day.iso } ?? true) {
                        earlier.validTo = day.adding(days: -1).iso
                        try await earlier.save(on: tx)
                    }
                    if let next = (existing[unitID] ?? []).filter({ $0.validFrom > day.iso }).map(\.validFrom).min(), let nextDay = Day(next) {
                        assignment.validTo = nextDay.adding(days: -1).iso
                    }
                }
                assignment.groupCode = entry.input.group
                assignment.decision = entry.input.decision.map(TextFolding.normalized)
                assignment.source = TextFolding.normalized(entry.input.source)
                try await assignment.save(on: tx)
                try await Audit.record(tx, actor, action: "assign", entity: "commune-group", id: "\(unit.code)/\(day.iso)",
                                       unitCode: unit.code, new: entry.input)
                written.append(assignment)
            }
            try await ScorecardStore.refresh(Array(touched.values), db: tx)
            return written
        }
    }
}

/// The province's merger rule: one row per province and starting day.
enum MergerRuleWriter {
    static func save(_ input: MergerRuleDTO, province: AdminUnit, actor: AuditActor, db: any Database) async throws -> MergerRecognitionRuleRecord {
        let day = try Day.parse(input.from, field: "from")
        guard province.level == .province else {
            throw AppError(.unprocessableEntity, field: "code", vi: "Quy tắc thừa nhận do tỉnh đặt: \(province.name) không phải tỉnh",
                           en: "The merger rule is set by a province: \(province.name) is not one")
        }
        let source = TextFolding.normalized(input.source)
        guard !source.isEmpty else {
            throw AppError(.unprocessableEntity, field: "source", vi: "Cần ghi nguồn của quy tắc (văn bản của tỉnh)", en: "The rule's source (the province's document) is required")
        }
        let record = try await MergerRecognitionRuleRecord.query(on: db).filter(\.$provinceCode == province.provinceCode)
            .filter(\.$validFrom == day.iso).first()
            ?? MergerRecognitionRuleRecord(provinceCode: province.provinceCode, validFrom: day, rule: input.rule, decision: nil, source: source)
        let old = record.id == nil ? nil : MergerRuleDTO(record)
        record.rule = input.rule
        record.decision = input.decision.map(TextFolding.normalized)
        record.source = source
        try await db.transaction { tx in
            try await record.save(on: tx)
            try await Audit.record(tx, actor, action: old == nil ? "create" : "update", entity: "merger-rule", id: "\(province.code)/\(day.iso)",
                                   unitCode: province.code, old: old, new: input)
        }
        return record
    }
}
