import Fluent
import Foundation

/// One transfer of a reform: all (`whole`) or part (`partial`) of `predecessor` went into `successor` on `effective`.
final class UnitLineage: Model, @unchecked Sendable {
    static let schema = "unit_lineage"

    enum Relation: String, Codable, Sendable {
        case whole, partial
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "predecessor_id") var predecessor: AdminUnit
    @Parent(key: "successor_id") var successor: AdminUnit
    @Field(key: "effective") var effective: String
    @Field(key: "relation") var relation: Relation
    @Field(key: "source") var source: String

    init() {}

    init(predecessorID: UUID, successorID: UUID, effective: String, relation: Relation, source: String) {
        self.id = UUID()
        self.$predecessor.id = predecessorID
        self.$successor.id = successorID
        self.effective = effective
        self.relation = relation
        self.source = source
    }
}
