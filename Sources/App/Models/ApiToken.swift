import Fluent
import Vapor

/// A personal API token; only its SHA-256 is stored, so a leaked database leaks no credential.
final class ApiToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "name") var name: String
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(userID: UUID, name: String, token: String) {
        self.$user.id = userID
        self.name = name
        self.tokenHash = ApiToken.hash(token)
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func generate() -> String {
        "ntm_" + [UInt8].random(count: 24).map { String(format: "%02x", $0) }.joined()
    }
}

/// Small key/value facts about the database itself (e.g. that the demo data set is loaded).
final class SystemFact: Model, @unchecked Sendable {
    static let schema = "system_facts"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "value") var value: String

    init() {}

    init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
