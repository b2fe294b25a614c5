import NTMDomain
import Vapor

struct LoginPageModel: Encodable {
    var layout: LayoutModel
    var error: String?
    var next: String
    var title: String
    var usernameLabel: String
    var passwordLabel: String

    init(request: Request, error: String?) {
        let vi = request.language == .vi
        title = vi ? "Đăng nhập" : "Sign in"
        layout = LayoutModel(request: request, title: title, withForms: true)
        self.error = error
        next = (try? request.query.get(String.self, at: "next")) ?? ((try? request.content.get(String.self, at: "next")) ?? "/")
        usernameLabel = vi ? "Tên đăng nhập" : "Username"
        passwordLabel = vi ? "Mật khẩu" : "Password"
    }
}

struct AuditPageModel: Encodable {
    struct Row: Encodable {
        var at: String
        var actor: String
        var action: String
        var entity: String
        var entityID: String
        var unitCode: String
        var change: String
        var address: String
    }

    var layout: LayoutModel
    var rows: [Row]
    var unit: String
    var entity: String
    var actor: String

    init(request: Request, events: [AuditEvent]) {
        layout = LayoutModel(request: request, title: request.language == .vi ? "Nhật ký thay đổi" : "Audit log", withForms: true)
        rows = events.map { event in
            Row(at: TimestampFormat.format(event.at), actor: event.actorName, action: AuditWords.action(event.action, request.language),
                entity: AuditWords.entity(event.entity, request.language), entityID: UUID(uuidString: event.entityID) == nil ? event.entityID : "",
                unitCode: event.unitCode ?? "", change: [event.oldValue.map { "− \($0)" }, event.newValue.map { "+ \($0)" }].compactMap { $0 }.joined(separator: "\n"),
                address: event.address ?? "")
        }
        unit = (try? request.query.get(String.self, at: "unit")) ?? ""
        entity = (try? request.query.get(String.self, at: "entity")) ?? ""
        actor = (try? request.query.get(String.self, at: "actor")) ?? ""
        let vi = request.language == .vi
        words = [
            "unit": vi ? "Mã đơn vị" : "Unit code", "entity": vi ? "Loại dữ liệu (mã)" : "Kind of record (code)", "actor": vi ? "Người sửa" : "By",
            "action": vi ? "Thao tác" : "Action", "record": vi ? "Dữ liệu" : "Record", "change": vi ? "Thay đổi" : "Change",
            "address": vi ? "Địa chỉ máy" : "Address", "caption": vi ? "Các thay đổi, mới nhất trước (tối đa 500)" : "Changes, newest first (500 at most)",
        ]
    }
    var words: [String: String] = [:]
}
