import Foundation
import NTMDomain

/// An audit record in words ("Tạo nhu cầu vốn", "Khóa tài khoản thu.nghiem"): what the trail stores as
/// codes never shows raw on a page.
enum AuditWords {
    static func action(_ code: String, _ language: Language) -> String {
        let vi = language == .vi
        return switch code {
        case "create": vi ? "Tạo" : "Created"
        case "update": vi ? "Sửa" : "Changed"
        case "assign": vi ? "Giao" : "Assigned"
        case "handle": vi ? "Xử lý" : "Handled"
        case "import": vi ? "Nhập từ tệp" : "Imported"
        case "load": vi ? "Nạp" : "Loaded"
        case "report": vi ? "Báo cáo" : "Reported"
        case "reset-password": vi ? "Đặt lại mật khẩu" : "Password reset"
        case "revoke": vi ? "Thu hồi" : "Revoked"
        case "upload": vi ? "Tải lên" : "Uploaded"
        case "activate": vi ? "Mở khóa" : "Activated"
        case "deactivate": vi ? "Khóa" : "Deactivated"
        default: code
        }
    }

    static func entity(_ code: String, _ language: Language) -> String {
        let vi = language == .vi
        return switch code {
        case "assessment": vi ? "đánh giá" : "assessment"
        case "user": vi ? "tài khoản" : "account"
        case "resident-report": vi ? "phản ánh của người dân" : "resident's report"
        case "dossier": vi ? "hồ sơ công nhận" : "dossier"
        case "criteria-set": vi ? "bộ tiêu chí" : "criteria set"
        case "api-token": vi ? "mã API" : "API token"
        case "what-if-scenario": vi ? "kịch bản giả định" : "what-if scenario"
        case "village": vi ? "thôn" : "village"
        case "user-scope": vi ? "đơn vị phụ trách của tài khoản" : "account's scope"
        case "sponsor-evaluation": vi ? "đánh giá đơn vị đỡ đầu" : "sponsor evaluation"
        case "sponsor-assignment": vi ? "phân công đỡ đầu" : "sponsor assignment"
        case "sponsor-activity": vi ? "hoạt động đỡ đầu" : "sponsor activity"
        case "socio-target": vi ? "chỉ tiêu kinh tế - xã hội" : "socio-economic target"
        case "recognition": vi ? "quyết định công nhận" : "recognition decision"
        case "plan-tasks": vi ? "các việc của kế hoạch" : "plan tasks"
        case "plan": vi ? "kế hoạch đường găng" : "critical-path plan"
        case "organisation": vi ? "đơn vị đỡ đầu" : "organisation"
        case "ocop-product": vi ? "sản phẩm OCOP" : "OCOP product"
        case "merger-rule": vi ? "quy tắc công nhận khi sáp nhập" : "merger recognition rule"
        case "household-models": vi ? "mô hình kinh tế hộ" : "household models"
        case "funding-need": vi ? "nhu cầu vốn" : "funding need"
        case "evidence": vi ? "tệp minh chứng" : "evidence file"
        case "commune-group": vi ? "nhóm xã" : "commune group"
        case "boundary": vi ? "ranh giới" : "outline"
        case "admin-units": vi ? "danh sách đơn vị hành chính" : "administrative units"
        default: code
        }
    }

    /// "Tạo nhu cầu vốn", with the record's name when it is one a person reads (not a generated id).
    static func line(action: String, entity: String, id: String, _ language: Language) -> String {
        let readable = !id.isEmpty && UUID(uuidString: id) == nil
        return "\(self.action(action, language)) \(self.entity(entity, language))" + (readable ? " \(id)" : "")
    }
}
