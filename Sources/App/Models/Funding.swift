import Fluent
import NTMDomain
import Vapor

/// The cost to finish a criterion (or one work item of it) in a unit, recorded on a day.
final class FundingNeed: Model, @unchecked Sendable {
    static let schema = "funding_needs"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Parent(key: "unit_id") var unit: AdminUnit
    @Field(key: "criterion_number") var criterionNumber: Int
    @OptionalField(key: "indicator_code") var indicatorCode: String?
    @OptionalField(key: "work_item") var workItem: String?
    @Field(key: "as_of") var asOf: String
    @Field(key: "need") var need: Int64
    @OptionalField(key: "note") var note: String?
    @Children(for: \.$need) var amounts: [FundingAmount]

    init() {}
}

/// An identified amount of a need, by source (central, provincial… budget; sponsors; people).
final class FundingAmount: Model, @unchecked Sendable {
    static let schema = "funding_amounts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "need_id") var need: FundingNeed
    @Field(key: "source") var source: String
    @Field(key: "amount") var amount: Int64

    init() {}

    init(needID: UUID, source: String, amount: Int64) {
        self.$need.id = needID
        self.source = source
        self.amount = amount
    }
}

struct CreateFunding: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FundingNeed.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id"))
            .field("criterion_number", .int, .required)
            .field("indicator_code", .string)
            .field("work_item", .string)
            .field("as_of", .string, .required)
            .field("need", .int64, .required)
            .field("note", .string)
            .create()
        try await database.schema(FundingAmount.schema)
            .id()
            .field("need_id", .uuid, .required, .references(FundingNeed.schema, "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("amount", .int64, .required)
            .create()
        try await database.createIndex(on: FundingNeed.schema, named: "funding_needs_unit_date", columns: ["unit_id", "as_of"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FundingAmount.schema).delete()
        try await database.schema(FundingNeed.schema).delete()
    }
}
