import Fluent
import NTMDomain
import Vapor

/// An organisation that adopts communes or villages (đơn vị đỡ đầu).
final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"

    enum Kind: String, Codable, CaseIterable, Sendable {
        case department, agency, company, bank, army, police, massOrganisation = "mass-organisation", other

        /// The office's words for it: the code never shows on a page or in a sheet.
        func text(_ language: Language) -> String {
            let vi = language == .vi
            return switch self {
            case .department: vi ? "Sở, ban, ngành" : "Provincial department"
            case .agency: vi ? "Cơ quan, đơn vị" : "Agency"
            case .company: vi ? "Doanh nghiệp" : "Company"
            case .bank: vi ? "Ngân hàng" : "Bank"
            case .army: vi ? "Đơn vị quân đội" : "Army unit"
            case .police: vi ? "Công an" : "Police"
            case .massOrganisation: vi ? "Đoàn thể" : "Mass organisation"
            case .other: vi ? "Khác" : "Other"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: Kind
    @OptionalField(key: "contact") var contact: String?

    init() {}

    init(name: String, kind: Kind, contact: String?) {
        self.name = TextFolding.normalized(name)
        self.kind = kind
        self.contact = contact
    }
}

/// An organisation assigned to a commune or village, for some criteria, by a decision.
final class SponsorAssignment: Model, @unchecked Sendable {
    static let schema = "sponsor_assignments"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Parent(key: "unit_id") var unit: AdminUnit
    /// Criterion numbers taken on, "2, 17"; empty: the unit as a whole.
    @Field(key: "criteria") var criteria: String
    @Field(key: "decision_number") var decisionNumber: String
    @Field(key: "decision_date") var decisionDate: String
    @Field(key: "agreement_due") var agreementDue: String
    @OptionalField(key: "agreement_signed") var agreementSigned: String?
    @Field(key: "pledged_money") var pledgedMoney: Int64
    @OptionalField(key: "pledged_in_kind") var pledgedInKind: String?
    @Children(for: \.$assignment) var activities: [SponsorActivity]
    @Children(for: \.$assignment) var evaluations: [SponsorEvaluation]

    init() {}

    var criterionNumbers: [Int] { criteria.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    /// Not signed by the due date (as of `day`): unsigned and past due, or signed late.
    func isOverdue(on day: Day) -> Bool {
        guard let signed = agreementSigned, signed <= day.iso else { return agreementDue < day.iso }
        return signed > agreementDue
    }
}

final class SponsorActivity: Model, @unchecked Sendable {
    static let schema = "sponsor_activities"

    @ID(key: .id) var id: UUID?
    @Parent(key: "assignment_id") var assignment: SponsorAssignment
    @Field(key: "date") var date: String
    @Field(key: "description") var description: String
    @OptionalField(key: "criterion_number") var criterionNumber: Int?
    /// Money given, in đồng (0 for help in kind); counts as identified funding of the criterion.
    @Field(key: "amount") var amount: Int64

    init() {}
}

final class SponsorEvaluation: Model, @unchecked Sendable {
    static let schema = "sponsor_evaluations"

    enum Rating: String, Codable, CaseIterable, Sendable {
        case completed, inProgress = "in-progress", behind

        /// The office's words for it: the code never shows on a page.
        func text(_ language: Language) -> String {
            switch (self, language) {
            case (.completed, .vi): "hoàn thành"
            case (.inProgress, .vi): "đang thực hiện"
            case (.behind, .vi): "chậm tiến độ"
            case (.completed, .en): "completed"
            case (.inProgress, .en): "in progress"
            case (.behind, .en): "behind schedule"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "assignment_id") var assignment: SponsorAssignment
    @Field(key: "period") var period: String
    @Field(key: "rating") var rating: Rating
    @OptionalField(key: "note") var note: String?
    @Field(key: "evaluated_by") var evaluatedBy: String

    init() {}
}

struct CreateSponsors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema)
            .id()
            .field("created_at", .datetime)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("contact", .string)
            .unique(on: "name")
            .create()
        try await database.schema(SponsorAssignment.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("unit_id", .uuid, .required, .references(AdminUnit.schema, "id"))
            .field("criteria", .string, .required)
            .field("decision_number", .string, .required)
            .field("decision_date", .string, .required)
            .field("agreement_due", .string, .required)
            .field("agreement_signed", .string)
            .field("pledged_money", .int64, .required)
            .field("pledged_in_kind", .string)
            .create()
        try await database.schema(SponsorActivity.schema)
            .id()
            .field("assignment_id", .uuid, .required, .references(SponsorAssignment.schema, "id", onDelete: .cascade))
            .field("date", .string, .required)
            .field("description", .string, .required)
            .field("criterion_number", .int)
            .field("amount", .int64, .required)
            .create()
        try await database.schema(SponsorEvaluation.schema)
            .id()
            .field("assignment_id", .uuid, .required, .references(SponsorAssignment.schema, "id", onDelete: .cascade))
            .field("period", .string, .required)
            .field("rating", .string, .required)
            .field("note", .string)
            .field("evaluated_by", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [SponsorEvaluation.schema, SponsorActivity.schema, SponsorAssignment.schema, Organisation.schema] {
            try await database.schema(schema).delete()
        }
    }
}
