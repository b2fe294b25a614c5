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
    var query: String
    var homeURL = SiteURL.home.path
    var searchURL = SiteURL.search.path
    var criteriaSetsURL = SiteURL.criteriaSets.path

    init(request: Request, title: String, crumbs: [Crumb] = []) {
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
    }
}
