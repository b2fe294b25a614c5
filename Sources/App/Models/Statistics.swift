import Fluent
import NTMDomain
import Vapor

/// One socio-economic target of a unit for a year: the plan, and the actual once known.
final class SocioTargetRecord: Model, @unchecked Sendable {
    static let schema = "socio_targets"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Parent(key: "unit_id") var unit: AdminUnit
    @Field(key: "year") var year: Int
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "unit_label") var unitLabel: String?
    @Field(key: "direction") var direction: SocioTarget.Direction
    @Field(key: "plan") var plan: Double
    @OptionalField(key: "actual") var actual: Double?
    /// When set, the actual feeds this NTM indicator of the same unit (e.g. income → 10.1) where an
    /// assessment of that year has no value of its own.
    @OptionalField(key: "linked_indicator") var linkedIndicator: String?

    init() {}

    var target: SocioTarget { SocioTarget(code: code, name: name, unit: unitLabel, direction: direction, plan: plan, actual: actual) }
}

/// An OCOP product with its current star rating and certificate.
final class OcopProduct: Model, @unchecked Sendable {
    static let schema = "ocop_products"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: AdminUnit
    @Field(key: "name") var name: String
    @Field(key: "product_group") var productGroup: String
    @Field(key: "producer") var producer: String
    @Field(key: "producer_kind") var producerKind: String
    @Field(key: "stars") var stars: Int
    @Field(key: "rating_level") var ratingLevel: String
    @Field(key: "certificate") var certificate: String
    @Field(key: "certified_on") var certifiedOn: String
    @Field(key: "expires_on") var expiresOn: String

    init() {}
}

/// Household economic models (or model gardens) of a commune in a year, by revenue band.
final class HouseholdModelCount: Model, @unchecked Sendable {
    static let schema = "household_models"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: AdminUnit
    @Field(key: "year") var year: Int
    @Field(key: "kind") var kind: String
    @Field(key: "band") var band: String
    @Field(key: "count") var count: Int
    @Field(key: "new_count") var newCount: Int

    init() {}
}

struct CreateStatistics: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SocioTargetRecord.schema)
            .id()
            .field("updated_at", .datetime)
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id"))
            .field("year", .int, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("unit_label", .string)
            .field("direction", .string, .required)
            .field("plan", .double, .required)
            .field("actual", .double)
            .field("linked_indicator", .string)
            .unique(on: "unit_id", "year", "code")
            .create()
        try await database.schema(OcopProduct.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id"))
            .field("name", .string, .required)
            .field("product_group", .string, .required)
            .field("producer", .string, .required)
            .field("producer_kind", .string, .required)
            .field("stars", .int, .required)
            .field("rating_level", .string, .required)
            .field("certificate", .string, .required)
            .field("certified_on", .string, .required)
            .field("expires_on", .string, .required)
            .create()
        try await database.schema(HouseholdModelCount.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id"))
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("band", .string, .required)
            .field("count", .int, .required)
            .field("new_count", .int, .required)
            .unique(on: "unit_id", "year", "kind", "band")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [HouseholdModelCount.schema, OcopProduct.schema, SocioTargetRecord.schema] { try await database.schema(schema).delete() }
    }
}
