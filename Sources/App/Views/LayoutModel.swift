import NTMDomain
import Vapor

/// What every page's frame needs: title, language, the language switch, breadcrumbs, words.
struct LayoutModel: Encodable {
    struct Crumb: Encodable {
        var name: String
        var url: String
    }

    var title: String
    var lang: String
    var t: UIText
    var switchLanguageURL: String
    var switchLanguageLabel: String
    var crumbs: [Crumb]
    /// On a unit's pages: the units it came from or became.
    var lineage: LineageNotice?
    var query: String
    var homeURL = SiteURL.home.path
    var searchURL = SiteURL.search.path
    var criteriaSetsURL = SiteURL.criteriaSets.path
    /// The signed-in user's name and role, for the header; nil for visitors.
    var userName: String?
    var isAdmin: Bool
    /// The session's CSRF token, present on pages that show forms (and for signed-in users).
    var csrf: String?
    /// A one-time message from the previous step ("Đã lưu đánh giá…"), shown once.
    var flash: String?
    var loginURL: String
    var signIn: String
    var signOut: String

    init(request: Request, title: String, crumbs: [Crumb] = [], withForms: Bool = false) {
        let language = request.language
        self.title = title
        self.lang = language.rawValue
        self.t = UIText(language)
        let other: Language = language == .vi ? .en : .vi
        var components = URLComponents(string: request.url.string) ?? URLComponents()
        var items = (components.queryItems ?? []).filter { $0.name != "lang" }
        items.append(URLQueryItem(name: "lang", value: other.rawValue))
        components.queryItems = items
        self.switchLanguageURL = components.string ?? "?lang=\(other.rawValue)"
        self.switchLanguageLabel = other == .en ? "English" : "Tiếng Việt"
        self.crumbs = crumbs
        self.query = (try? request.query.get(String.self, at: "q")) ?? ""
        let user = request.user
        self.userName = user.map { "\($0.displayName) (\(UIText.role($0.role, language)))" }
        self.isAdmin = user?.role == .admin
        // Visitors get no session (and no cookie) unless the page has a form.
        self.csrf = (withForms || user != nil) ? request.csrfToken() : nil
        if request.hasSession, let message = request.session.data[Flash.key] {
            self.flash = message
            request.session.data[Flash.key] = nil
        }
        // Back to the very page after signing in, its query too (a form's unit and day, a page's date).
        let here = request.url.query.map { request.url.path + "?" + $0 } ?? request.url.path
        self.loginURL = "/login?next=" + (here.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "/")
        self.signIn = language == .vi ? "Đăng nhập" : "Sign in"
        self.signOut = language == .vi ? "Đăng xuất" : "Sign out"
    }
}
