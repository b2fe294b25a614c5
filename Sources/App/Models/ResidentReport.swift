import Fluent
import Foundation
import NTMDomain

/// A resident's report (phản ánh) about a commune: what is wrong, where, photos, and how the
/// commune answered. The phone number and the sender's address key are never shown publicly.
final class ResidentReport: Model, @unchecked Sendable {
    static let schema = "resident_reports"

    // Managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Optimistic concurrency: two officers answering at once — the second is told, not overwritten.
    @Field(key: "version") var version: Int

    // What the resident sent
    @Parent(key: "unit_id") var unit: AdminUnit
    @Field(key: "tracking_code") var trackingCode: String
    /// The criterion it is about; nil for "other".
    @OptionalField(key: "criterion_number") var criterionNumber: Int?
    @OptionalParent(key: "village_id") var village: AdminUnit?
    @OptionalField(key: "place") var place: String?
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @Field(key: "description") var description: String
    /// Private: for the officer to call back.
    @OptionalField(key: "phone") var phone: String?
    /// SHA-256 of the sender's address, only to enforce the hourly limit.
    @Field(key: "sender_key") var senderKey: String

    // The commune's handling
    @Field(key: "status") var status: ReportStatus
    @OptionalParent(key: "assignee_id") var assignee: User?
    /// Set when the report is a comment on the commune's recognition report while it is posted publicly.
    @OptionalParent(key: "dossier_id") var dossier: Dossier?
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?

    @Children(for: \.$report) var photos: [ResidentReportPhoto]

    init() {}

    init(unitID: UUID, trackingCode: String, criterionNumber: Int?, villageID: UUID?, place: String?, latitude: Double?, longitude: Double?,
         description: String, phone: String?, senderKey: String) {
        self.version = 1
        self.$unit.id = unitID
        self.trackingCode = trackingCode
        self.criterionNumber = criterionNumber
        self.$village.id = villageID
        self.place = place
        self.latitude = latitude
        self.longitude = longitude
        self.description = description
        self.phone = phone
        self.senderKey = senderKey
        self.status = .received
    }

    /// Resolved reports are shown with their answer on the commune's public page.
    var isPublic: Bool { status == .resolved }

    func isOverdue(now: Date) -> Bool {
        ResidentReportRules.isOverdue(status: status, receivedAt: createdAt ?? now, answeredAt: answeredAt, now: now)
    }
}

/// A photo of a report, metadata stripped, stored as `reports/<id>` under the data folder.
final class ResidentReportPhoto: Model, @unchecked Sendable {
    static let schema = "resident_report_photos"

    @ID(key: .id) var id: UUID?
    @Parent(key: "report_id") var report: ResidentReport
    @Field(key: "position") var position: Int
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_count") var byteCount: Int

    init() {}

    init(id: UUID, reportID: UUID, position: Int, contentType: String, byteCount: Int) {
        self.id = id
        self.$report.id = reportID
        self.position = position
        self.contentType = contentType
        self.byteCount = byteCount
    }
}
