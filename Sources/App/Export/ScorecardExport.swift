import Fluent
import NTMDomain
import SQLKit
import Vapor

/// Every commune, town and ward below a unit with its stored scorecard on a day — one row each,
/// or one row per criterion (`detail`) — read a page of units at a time, so the country's
/// 10,000 communes (190,000 criterion rows) stream with flat memory.
struct ScorecardExport {
    /// Units per page: 500 ids bound at most per statement.
    static let pageSize = 500

    let unit: AdminUnit
    let day: Day
    let detail: Bool
    let language: Language
    let catalog: CriteriaCatalog
    let db: any Database

    var header: [String] {
        let vi = language == .vi
        return detail
            ? (vi ? ["Mã tỉnh", "Mã", "Tên", "Bộ tiêu chí", "Tiêu chí", "Tên tiêu chí", "Kết quả"]
                  : ["Province", "Code", "Name", "Criteria set", "Criterion", "Criterion name", "Result"])
            : (vi ? ["Mã tỉnh", "Mã", "Tên", "Bộ tiêu chí", "Số tiêu chí đạt", "Số tiêu chí", "Mức", "Tiêu chí chưa đạt", "Ngày đánh giá"]
                  : ["Province", "Code", "Name", "Criteria set", "Criteria met", "Criteria", "Level", "Unmet criteria", "Assessed on"])
    }

    var sheet: StreamedSheet {
        let export = self
        return StreamedSheet(name: language == .vi ? "Tiêu chí" : "Scorecards", header: header) { emit in
            var after = ""
            while true {
                let units = try await export.page(after: after)
                guard let last = units.last else { break }
                let cards = try await ScorecardQueries.stored(units, scope: .units(units.compactMap(\.id)), on: export.day,
                                                              catalog: export.catalog, db: export.db)
                try await emit(cards.flatMap(export.rows))
                after = last.code
                if units.count < Self.pageSize { break }
            }
        }
    }

    /// The next page of units below, in code order after `after`: one query.
    private func page(after: String) async throws -> [AdminUnit] {
        let sql = db as! any SQLDatabase
        let closure = UnitTree.closureTable, units = AdminUnit.schema
        var query = sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier(units)))
            .from(units)
            .join(closure, on: SQLColumn("descendant_id", table: closure), .equal, SQLColumn("id", table: units))
            .where(SQLColumn("ancestor_id", table: closure), .equal, SQLBind(try unit.requireID()))
            .where(SQLColumn("level", table: units), .in, SQLBind.group([AdminLevel.commune, .town, .ward].map(\.rawValue)))
            .where(SQLColumn("code", table: units), .greaterThan, SQLBind(after))
        query = UnitTree.inForce(query, table: units, on: day)
        return try await query.orderBy(SQLColumn("code", table: units)).limit(Self.pageSize).all()
            .map { try AdminUnit(row: $0) }
    }

    private func rows(_ card: UnitScorecard) -> [[Spreadsheet.Cell]] {
        let text = UIText(language)
        let unitCells: [Spreadsheet.Cell] = [.text(card.unit.provinceCode), .text(card.unit.code), .text(card.unit.name), .text(card.set?.code ?? "")]
        guard detail else {
            let unmet = card.unmetCriteria.map { String($0.number) }.joined(separator: ", ")
            return [unitCells + [card.set == nil ? .empty : .number(Double(card.met)), card.set == nil ? .empty : .number(Double(card.total)),
                                 .text(card.set == nil ? text.noSet : text.levelWord(card.level)), .text(unmet),
                                 .text(card.assessedOn.map(DateFormat.format) ?? "")]]
        }
        guard let set = card.set, let summary = card.summary else { return [] }
        return set.criteria.map { criterion in
            unitCells + [.number(Double(criterion.number)), .text(criterion.name.text(language)), .text(text.statusWord(summary.status(of: criterion.number)))]
        }
    }
}
