import Fluent
import NTMDomain
import Vapor

/// A stored criteria set. The definition is kept whole as JSON (the same form as the data
/// files) so a province can load or edit a set without a schema or code change.
final class CriteriaSetRecord: Model, @unchecked Sendable {
    static let schema = "criteria_sets"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "revision") var revision: Int

    // reference (copied out of the definition so lists can filter without decoding)
    @Field(key: "code") var code: String
    @Field(key: "level") var level: String
    @OptionalField(key: "province_code") var provinceCode: String?
    @OptionalField(key: "extends_code") var extendsCode: String?
    @OptionalField(key: "effective_from") var effectiveFrom: String?
    @OptionalField(key: "effective_to") var effectiveTo: String?

    // data
    @Field(key: "definition") var definitionJSON: String

    init() {}

    init(definition: CriteriaSetDefinition) throws {
        self.revision = 1
        try apply(definition)
    }

    func apply(_ definition: CriteriaSetDefinition) throws {
        code = definition.code
        level = definition.level.rawValue
        provinceCode = definition.province
        extendsCode = definition.extends
        effectiveFrom = definition.effective.from?.iso
        effectiveTo = definition.effective.to?.iso
        definitionJSON = try String(decoding: CriteriaSetRecord.encoder.encode(definition), as: UTF8.self)
    }

    func definition() throws -> CriteriaSetDefinition {
        try JSONDecoder().decode(CriteriaSetDefinition.self, from: Data(definitionJSON.utf8))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
