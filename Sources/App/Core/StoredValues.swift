import Fluent
import Foundation
import NTMDomain

/// Values read back from the database. NTM wrote them checked, but a row edited by hand or a
/// restore from elsewhere may not be: a malformed one fails the request that meets it with a
/// message naming it, never the process.
extension Day {
    static func stored(_ text: String, _ what: String) throws -> Day {
        guard let day = Day(text) else {
            throw AppError(.internalServerError, vi: "Ngày lưu trong cơ sở dữ liệu không hợp lệ (\(what)): \"\(text)\"",
                           en: "A date stored in the database is malformed (\(what)): \"\(text)\"")
        }
        return day
    }
}

extension DateFormat {
    /// A stored ISO date for display; shown as stored when it does not parse.
    static func format(stored text: String) -> String {
        Day(text).map(format) ?? text
    }
}

extension AdminUnit {
    /// The unit a stored row points to (a plan's, an assignment's).
    static func stored(_ id: UUID, db: any Database) async throws -> AdminUnit {
        guard let unit = try await AdminUnit.find(id, on: db) else {
            throw AppError(.internalServerError, vi: "Bản ghi trỏ tới đơn vị không còn trong cơ sở dữ liệu (\(id))",
                           en: "A record points to a unit missing from the database (\(id))")
        }
        return unit
    }
}
