import Fluent
import Foundation
import NTMDomain
import Vapor

/// Evidence uploads: the type is read from the bytes (a renamed .exe is not a PDF), the size is
/// limited, the file is written under NTM_DATA_DIR/evidence before its row, and removed again if
/// the row cannot be written — nothing half-stored.
enum EvidenceStore {
    static let maxBytes = 10 << 20

    /// "application/pdf", "image/jpeg" or "image/png" from the first bytes; nil for anything else.
    static func sniff(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    static func folder(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("evidence")
    }

    static func save(_ data: ByteBuffer, filename: String, unit: AdminUnit, indicator: String?, note: String?, on day: Day,
                     actor: AuditActor, dataDirectory: String, catalog: CriteriaCatalog, db: any Database,
                     link: (@Sendable (EvidenceFile, any Database) async throws -> Void)? = nil) async throws -> EvidenceFile {
        var problems: [InputProblem] = []
        let bytes = Array(data.readableBytesView)
        let name = TextFolding.normalized((filename as NSString).lastPathComponent)
        if bytes.isEmpty { problems.append(InputProblem(field: "file", vi: "Chưa chọn tệp (hoặc tệp rỗng)", en: "No file chosen (or the file is empty)")) }
        if bytes.count > maxBytes {
            problems.append(InputProblem(field: "file", vi: "Tệp \(name) lớn hơn \(maxBytes >> 20) MB", en: "File \(name) is larger than \(maxBytes >> 20) MB"))
        }
        let type = sniff(bytes)
        if !bytes.isEmpty && type == nil {
            problems.append(InputProblem(field: "file", vi: "Tệp \(name) không phải PDF, JPEG hay PNG (kiểm tra theo nội dung, không theo tên)",
                                         en: "File \(name) is not a PDF, JPEG or PNG (judged by its content, not its name)"))
        }
        let indicatorCode = indicator.map(TextFolding.normalized).flatMap { $0.isEmpty ? nil : $0 }
        if let indicatorCode {
            let set = catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day)
            if set?.anyIndicator(code: indicatorCode) == nil {
                problems.append(InputProblem(field: "indicator", vi: "Chỉ tiêu \(indicatorCode) không có trong bộ tiêu chí áp dụng cho \(unit.name)",
                                             en: "Indicator \(indicatorCode) is not in the criteria set that applies to \(unit.name)"))
            }
        }
        guard problems.isEmpty, let type else { throw AppError(problems: problems) }
        let id = UUID()
        let folder = folder(dataDirectory: dataDirectory)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent(id.uuidString)
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        let record = EvidenceFile(id: id, unitID: try unit.requireID(), indicatorCode: indicatorCode, originalName: name.isEmpty ? "evidence" : name,
                                  contentType: type, byteCount: bytes.count, note: note.map(TextFolding.normalized).flatMap { $0.isEmpty ? nil : $0 },
                                  uploadedBy: actor.name)
        do {
            try await db.transaction { tx in
                try await record.create(on: tx)
                // What the file belongs to besides its unit (a dossier's document), in the same transaction.
                try await link?(record, tx)
                try await Audit.record(tx, actor, action: "upload", entity: "evidence", id: id.uuidString, unitCode: unit.code,
                                       new: ["name": record.originalName, "type": type, "indicator": indicatorCode ?? "", "bytes": String(bytes.count)])
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return record
    }
}

extension Request {
    /// An uploaded file (evidence, a report's photo) streamed with the type judged when it was stored,
    /// never sniffed by the browser; a file gone from the data folder is a 404 naming it.
    func streamUploaded(at path: String, contentType: String, name: String) async throws -> Response {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AppError(.notFound, vi: "Tệp \(name) không còn trong thư mục dữ liệu", en: "File \(name) is missing from the data folder")
        }
        let response = try await fileio.asyncStreamFile(at: path)
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}

/// `{id, url, name, contentType, bytes, indicator, uploadedBy, uploadedAt}`.
struct EvidenceDTO: Content {
    var id: UUID
    var url: String
    var name: String
    var contentType: String
    var bytes: Int
    var indicator: String?
    var note: String?
    var uploadedBy: String
    var uploadedAt: Date?

    init(_ file: EvidenceFile) {
        id = file.id ?? UUID()
        url = file.url
        name = file.originalName
        contentType = file.contentType
        bytes = file.byteCount
        indicator = file.indicatorCode
        note = file.note
        uploadedBy = file.uploadedBy
        uploadedAt = file.createdAt
    }
}
