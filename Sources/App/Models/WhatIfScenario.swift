import Fluent
import Foundation
import NTMDomain

/// A named what-if kept for the steering committee: the unit, the day, the target, the supposed
/// verdicts and the amount to allocate. It stores the question, never an answer: opening it
/// recomputes everything from today's records.
final class WhatIfScenario: Model, @unchecked Sendable {
    static let schema = "what_if_scenarios"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "unit_id") var unit: AdminUnit
    @Field(key: "name") var name: String
    @Field(key: "as_of") var asOf: String
    @Field(key: "target") var target: String
    /// The supposed verdicts as JSON `[{unit, criterion, met}]`.
    @Field(key: "changes") var changes: String
    /// Money to allocate, integer đồng, if the scenario asks for an allocation.
    @OptionalField(key: "amount") var amount: Int64?
    @Field(key: "created_by") var createdBy: String

    init() {}

    init(unitID: UUID, name: String, asOf: Day, target: Day, changes: [HypotheticalVerdict], amount: Dong?, createdBy: String) throws {
        self.$unit.id = unitID
        self.name = name
        self.asOf = asOf.iso
        self.target = target.iso
        self.changes = String(decoding: try JSONEncoder().encode(changes), as: UTF8.self)
        self.amount = amount
        self.createdBy = createdBy
    }

    var verdicts: [HypotheticalVerdict] { (try? JSONDecoder().decode([HypotheticalVerdict].self, from: Data(changes.utf8))) ?? [] }

    /// The outlook page with the scenario's question in its link.
    func link(unitCode: String) -> String {
        var query: [(String, String?)] = [("date", asOf), ("target", target)]
        if let amount { query.append(("amount", MoneyFormat.billions(amount))) }
        for change in verdicts {
            query.append((change.met ? "met" : "unmet", "\(change.unit):\(change.criterion)" + (change.on.map { ":\($0.iso)" } ?? "")))
        }
        return SiteURL.unitPage(unitCode, "outlook").link(query)
    }
}
