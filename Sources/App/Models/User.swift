import Fluent
import NTMDomain
import Vapor

/// A person using NTM: a role and the unit whose subtree the role applies to.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // reference
    @OptionalParent(key: "scope_unit_id") var scopeUnit: AdminUnit?

    // data
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: Role
    @OptionalField(key: "organisation") var organisation: String?
    @Field(key: "is_active") var isActive: Bool
    /// The scope also covers the units the scope unit was formed from (set by an administrator).
    @Field(key: "scope_includes_predecessors") var scopeIncludesPredecessors: Bool

    init() {}

    init(username: String, displayName: String, passwordHash: String, role: Role, scopeUnitID: UUID?, organisation: String? = nil) {
        self.username = User.normalizedUsername(username)
        self.displayName = TextFolding.normalized(displayName)
        self.passwordHash = passwordHash
        self.role = role
        self.$scopeUnit.id = scopeUnitID
        self.organisation = organisation
        self.isActive = true
        self.scopeIncludesPredecessors = false
    }

    static func normalizedUsername(_ name: String) -> String {
        TextFolding.normalized(name).lowercased()
    }
}

extension User: ModelSessionAuthenticatable {}
extension User: Authenticatable {}

/// A failed login, kept briefly so repeated guessing is slowed per account and per address.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date

    init() {}

    init(username: String, address: String, at: Date = Date()) {
        self.username = username
        self.address = address
        self.at = at
    }
}

/// One append-only record per change of domain data: who, when, what, old → new, from where.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: String
    @OptionalField(key: "unit_code") var unitCode: String?
    @OptionalField(key: "old_value") var oldValue: String?
    @OptionalField(key: "new_value") var newValue: String?
    @OptionalField(key: "address") var address: String?

    init() {}

    init(actorID: UUID?, actorName: String, action: String, entity: String, entityID: String, unitCode: String?,
         oldValue: String?, newValue: String?, address: String?) {
        self.at = Date()
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.unitCode = unitCode
        self.oldValue = oldValue
        self.newValue = newValue
        self.address = address
    }
}

/// A recognition dossier of a unit at a grade, and its current state. Steps are in `DossierEvent`.
final class Dossier: Model, @unchecked Sendable {
    static let schema = "dossiers"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int
    @Parent(key: "unit_id") var unit: AdminUnit
    @Parent(key: "assessment_id") var assessment: Assessment
    @Field(key: "grade") var grade: CriteriaSetDefinition.Grade
    @Field(key: "state") var state: DossierState
    @Children(for: \.$dossier) var events: [DossierEvent]

    init() {}

    init(unitID: UUID, assessmentID: UUID, grade: CriteriaSetDefinition.Grade, state: DossierState) {
        self.$unit.id = unitID
        self.$assessment.id = assessmentID
        self.grade = grade
        self.state = state
        self.version = 1
    }
}

final class DossierEvent: Model, @unchecked Sendable {
    static let schema = "dossier_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "dossier_id") var dossier: Dossier
    @Field(key: "step") var step: DossierStep
    @OptionalField(key: "from_state") var fromState: DossierState?
    @Field(key: "to_state") var toState: DossierState
    @Field(key: "actor_name") var actorName: String
    @Field(key: "at") var at: Date
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "decision_number") var decisionNumber: String?
    @OptionalField(key: "decision_date") var decisionDate: String?

    init() {}

    init(dossierID: UUID, step: DossierStep, from: DossierState?, to: DossierState, actorName: String,
         note: String?, decisionNumber: String?, decisionDate: String?) {
        self.$dossier.id = dossierID
        self.step = step
        self.fromState = from
        self.toState = to
        self.actorName = actorName
        self.at = Date()
        self.note = note
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
    }
}
