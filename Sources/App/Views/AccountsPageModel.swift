import NTMDomain
import Vapor

/// The administrators' list of accounts: role and scope in words, and the forms that change an account.
struct AccountsPageModel: Encodable {
    struct Row: Encodable {
        var username: String
        var displayName: String
        var role: String
        var scope: String
        var organisation: String
        var status: String
        var isActive: Bool
        var passwordURL: String
        var activeURL: String
    }

    var layout: LayoutModel
    var rows: [Row]
    var createURL = SiteURL.form("user").path
    var scopesURL = SiteURL.scopes.path
    var words: [String: String]

    init(request: Request, users: [User]) {
        let language = request.language
        let vi = language == .vi
        layout = LayoutModel(request: request, title: vi ? "Tài khoản" : "Accounts", withForms: true)
        rows = users.map { user in
            let query: [(String, String?)] = [("username", user.username)]
            return Row(username: user.username, displayName: user.displayName, role: UIText.role(user.role, language),
                       scope: user.scopeUnit.map { "\($0.name) (\($0.code))" } ?? (vi ? "toàn hệ thống" : "everything"),
                       organisation: user.organisation ?? "",
                       status: user.isActive ? (vi ? "đang hoạt động" : "active") : (vi ? "đã khóa" : "deactivated"), isActive: user.isActive,
                       passwordURL: SiteURL.form("user-password").link(query),
                       activeURL: SiteURL.form("user-active").link(query + [("active", user.isActive ? nil : "on")]))
        }
        words = [
            "create": vi ? "Tạo tài khoản" : "Create an account",
            "scopes": vi ? "Tài khoản có đơn vị đã kết thúc (sau sắp xếp)" : "Accounts whose unit has ended (after mergers)",
            "caption": vi ? "Các tài khoản, theo tên đăng nhập" : "Accounts, by username",
            "account": vi ? "Tài khoản" : "Account", "role": vi ? "Vai trò" : "Role", "scope": vi ? "Đơn vị phụ trách" : "Scope",
            "organisation": vi ? "Tổ chức" : "Organisation", "status": vi ? "Trạng thái" : "Status", "actions": vi ? "Thao tác" : "Actions",
            "password": vi ? "Đặt lại mật khẩu" : "Reset password", "deactivate": vi ? "Khóa" : "Deactivate", "activate": vi ? "Mở khóa" : "Activate",
        ]
    }
}
