import Fluent
import Foundation

/// An uploaded evidence file of a unit (and usually one indicator). Stored as `evidence/<id>` under
/// the data folder and served only through `/evidence/{id}`.
final class EvidenceFile: Model, @unchecked Sendable {
    static let schema = "evidence_files"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "unit_id") var unit: AdminUnit
    @OptionalField(key: "indicator_code") var indicatorCode: String?
    @Field(key: "original_name") var originalName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_count") var byteCount: Int
    @OptionalField(key: "note") var note: String?
    @Field(key: "uploaded_by") var uploadedBy: String

    init() {}

    init(id: UUID, unitID: UUID, indicatorCode: String?, originalName: String, contentType: String, byteCount: Int, note: String?, uploadedBy: String) {
        self.id = id
        self.$unit.id = unitID
        self.indicatorCode = indicatorCode
        self.originalName = originalName
        self.contentType = contentType
        self.byteCount = byteCount
        self.note = note
        self.uploadedBy = uploadedBy
    }

    var url: String { SiteURL.evidenceFile(id?.uuidString ?? "").path }
}
