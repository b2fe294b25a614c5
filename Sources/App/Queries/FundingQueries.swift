import Fluent
import Foundation
import NTMDomain
import Vapor

struct FundingSource: Sendable {
    var code: String
    var name: LocalizedText
}

/// Body of `POST /api/v1/units/{code}/funding-needs`.
struct FundingNeedDTO: Content {
    var criterion: Int
    var indicator: String?
    var workItem: String?
    var date: String
    /// Integer đồng.
    var need: Int64
    var identified: [Amount]?
    var note: String?

    struct Amount: Content {
        var source: String
        var amount: Int64
    }
}

/// A unit's funding on a day, ready for the page, the API and the exports.
struct FundingReport {
    let unit: AdminUnit
    let day: Day
    let lines: [FundingLine]
    let groups: [CriterionGroup]
    let units: [String: AdminUnit]
    let workItems: [(unit: String, criterion: Int, item: String, line: FundingLine)]

    var total: FundingTotals { FundingRollup.total(lines) }
    var byGroup: [(key: String, totals: FundingTotals)] { FundingRollup.by({ $0.group }, lines, order: groups.map(\.code)) }
    var byUnit: [(key: String, totals: FundingTotals)] { FundingRollup.by({ $0.unitCode }, lines) }

    func groupName(_ code: String, _ language: Language) -> String { groups.first { $0.code == code }?.name.text(language) ?? code }
}

enum FundingQueries {
    /// `Data/funding-sources.csv`; a missing or malformed file stops the start, naming it.
    static func sources(resourcesDirectory: String) throws -> [FundingSource] {
        let table = try ReferenceFile.table("Data/funding-sources.csv", required: ["code", "name_vi"], resourcesDirectory: resourcesDirectory)
        return table.rows.map { FundingSource(code: $0.fields["code"] ?? "", name: LocalizedText(vi: $0.fields["name_vi"] ?? "", en: $0.fields["name_en"])) }
    }

    /// The latest record on or before `day` of each (unit, criterion, indicator, work item), grouped
    /// by the criteria set in force for its unit; sponsors' delivered money added where it fits.
    static func report(for unit: AdminUnit, on day: Day, db: any Database) async throws -> FundingReport {
        let units = try await UnitQueries.subtree(unit, on: day, db: db)
        let byID = Dictionary(uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0, u) } })
        let needs = try await FundingNeed.query(on: db).filterUnit(under: unit).filter(\.$asOf <= day.iso)
            .sort(\.$asOf, .descending).with(\.$amounts).all().filter { byID[$0.$unit.id] != nil }
        var latest: [String: FundingNeed] = [:]
        var order: [String] = []
        for need in needs {
            let key = "\(need.$unit.id)|\(need.criterionNumber)|\(need.indicatorCode ?? "")|\(need.workItem ?? "")"
            if latest[key] == nil { latest[key] = need; order.append(key) }
        }
        let catalog = try await CriteriaQueries.catalog(db: db)
        var groups: [CriterionGroup] = []
        var lines: [FundingLine] = []
        var items: [(String, Int, String, FundingLine)] = []
        for key in order.reversed().sorted(by: { latest[$0]!.criterionNumber < latest[$1]!.criterionNumber }) {
            let need = latest[key]!
            let owner = byID[need.$unit.id]!
            let set = catalog.inForce(level: owner.level == .village ? .commune : owner.level, provinceCode: owner.provinceCode, on: day)
            let criterion = set?.criterion(number: need.criterionNumber)
            let group = criterion?.group ?? "other"
            if let g = set?.group(code: group), !groups.contains(where: { $0.code == g.code }) { groups.append(g) }
            let identified = Dictionary(need.amounts.map { ($0.source, $0.amount) }, uniquingKeysWith: +)
            let line = FundingLine(unitCode: owner.code, criterion: need.criterionNumber, group: group, workItem: need.workItem, need: need.need, identified: identified)
            lines.append(line)
            items.append((owner.code, need.criterionNumber, need.workItem ?? criterion?.name.vi ?? "Tiêu chí \(need.criterionNumber)", line))
        }
        let delivered = try await SponsorQueries.deliveredMoney(under: unit, units: units, on: day, db: db)
        lines = FundingRollup.addingSponsorMoney(lines, delivered: delivered)
        let allGroups = (catalog.inForce(level: .commune, provinceCode: unit.provinceCode, on: day)?.groups ?? []) + groups
        var uniqueGroups: [CriterionGroup] = []
        for g in allGroups where !uniqueGroups.contains(where: { $0.code == g.code }) { uniqueGroups.append(g) }
        return FundingReport(unit: unit, day: day, lines: lines, groups: uniqueGroups,
                             units: Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }),
                             workItems: zip(items, lines).map { ($0.0.0, $0.0.1, $0.0.2, $0.1) })
    }

    static func record(_ input: FundingNeedDTO, unitCode: String, sources: [FundingSource], actor: AuditActor, db: any Database,
                       authorize: (AdminUnit) async throws -> Void) async throws -> FundingNeed {
        let day = try Day.parse(input.date, field: "date")
        let unit = try await UnitQueries.require(code: unitCode, on: day, db: db)
        try await authorize(unit)
        let catalog = try await CriteriaQueries.catalog(db: db)
        let set = catalog.inForce(level: unit.level == .village ? .commune : unit.level, provinceCode: unit.provinceCode, on: day)
        var problems: [InputProblem] = []
        if set?.criterion(number: input.criterion) == nil {
            problems.append(InputProblem(field: "criterion", vi: "Tiêu chí \(input.criterion) không có trong bộ tiêu chí áp dụng cho \(unit.name)",
                                         en: "Criterion \(input.criterion) is not in the set that applies to \(unit.name)"))
        }
        let amounts = input.identified ?? []
        problems += FundingCheck.problems(need: input.need, identified: amounts.map { ($0.source, $0.amount) }, knownSources: Set(sources.map(\.code)))
        guard problems.isEmpty else { throw AppError(problems: problems) }
        let need = FundingNeed()
        need.$unit.id = try unit.requireID()
        need.criterionNumber = input.criterion
        need.indicatorCode = input.indicator
        need.workItem = input.workItem.map(TextFolding.normalized)
        need.asOf = day.iso
        need.need = input.need
        need.note = input.note.map(TextFolding.normalized)
        try await db.transaction { tx in
            try await need.create(on: tx)
            for amount in amounts where amount.amount > 0 {
                try await FundingAmount(needID: need.requireID(), source: amount.source, amount: amount.amount).create(on: tx)
            }
            try await Audit.record(tx, actor, action: "create", entity: "funding-need", id: need.requireID().uuidString, unitCode: unit.code, new: input)
        }
        return need
    }
}
