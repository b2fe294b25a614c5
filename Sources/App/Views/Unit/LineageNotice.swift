import Fluent
import NTMDomain
import Vapor

/// The box under the breadcrumb of a unit formed by, or ended by, a reform: "Xã Kỳ Lạc since
/// 01/07/2025, formed from Lâm Hợp and Kỳ Lạc", each predecessor with its scorecard and
/// recognition on its last day and a link to its page; or what an old unit became.
struct LineageNotice: Encodable {
    struct Item: Encodable {
        var name: String
        var url: String
        /// "toàn bộ" / "một phần", the scorecard "16/20", "đã công nhận".
        var detail: String
        /// "2 kế hoạch đường găng" with a link to the predecessor's plans, where it had any.
        var plans: String? = nil
        var plansURL: String? = nil
    }

    var formedTitle: String?
    var formed: [Item]
    var becameTitle: String?
    var became: [Item]

    /// Predecessors' scorecards come from the read model: a constant number of queries per reform day.
    static func load(for unit: AdminUnit, request: Request, catalog: CriteriaCatalog) async throws -> LineageNotice? {
        let links = try await UnitLineageQueries.links(of: unit, db: request.db)
        guard !links.isEmpty else { return nil }
        let vi = request.language == .vi
        var cards: [UUID: UnitScorecard] = [:]
        for (day, group) in Dictionary(grouping: links.predecessors, by: { $0.effective.adding(days: -1) }) {
            let units = group.map(\.unit)
            for card in try await ScorecardQueries.stored(units, scope: .units(units.compactMap(\.id)), on: day, catalog: catalog, db: request.db) {
                if let id = card.unit.id { cards[id] = card }
            }
        }
        // The predecessors' critical-path plans: one query for all of them.
        let predecessorIDs = links.predecessors.compactMap(\.unit.id)
        let planCounts = predecessorIDs.isEmpty ? [:] : Dictionary(grouping: try await Plan.query(on: request.db).filter(\.$unit.$id ~~ predecessorIDs).all(),
                                                                   by: { $0.$unit.id }).mapValues(\.count)
        func relation(_ link: UnitLineageLinks.Link) -> String {
            switch link.relation {
            case .whole: vi ? "toàn bộ" : "whole"
            case .partial: vi ? "một phần" : "part"
            }
        }
        let formed = links.predecessors.map { link in
            let lastDay = link.effective.adding(days: -1)
            var detail = relation(link)
            if let card = link.unit.id.flatMap({ cards[$0] }), card.set != nil {
                // Nothing recorded under the set in force that day: say so, never "0/20".
                detail += (card.summary?.level ?? .notAssessed) == .notAssessed
                    ? (vi ? " · chưa đánh giá theo bộ tiêu chí áp dụng ngày " : " · not assessed under the set in force on ") + DateFormat.format(lastDay)
                    : " · \(card.met)/\(card.total) " + (vi ? "tiêu chí ngày " : "criteria on ") + DateFormat.format(lastDay)
                if card.isRecognised { detail += vi ? " · đã công nhận" : " · recognised" }
            }
            let plans = link.unit.id.flatMap { planCounts[$0] }
            return Item(name: link.unit.name, url: SiteURL.unit(link.unit.code, on: lastDay), detail: detail,
                        plans: plans.map { vi ? "\($0) kế hoạch đường găng" : "\($0) critical-path plan\($0 == 1 ? "" : "s")" },
                        plansURL: plans.map { _ in SiteURL.unit(link.unit.code, "plans", on: lastDay) })
        }
        let became = links.successors.map { link in
            Item(name: link.unit.name, url: SiteURL.unit(link.unit.code, on: link.effective),
                 detail: relation(link) + (vi ? " · từ " : " · from ") + DateFormat.format(link.effective))
        }
        let since = links.predecessors.map(\.effective).min().map(DateFormat.format) ?? ""
        return LineageNotice(
            formedTitle: formed.isEmpty ? nil : (vi ? "\(unit.name) từ ngày \(since), hình thành từ:" : "\(unit.name) since \(since), formed from:"),
            formed: formed,
            becameTitle: became.isEmpty ? nil : (vi ? "Sau sắp xếp đơn vị hành chính, \(unit.name) thành:" : "After the reorganisation, \(unit.name) became:"),
            became: became)
    }
}
