import NTMDomain
import Vapor

/// Every page path in one place, so links and routes cannot drift apart.
enum SiteURL {
    case home
    case search
    case unit(String)
    /// A unit's page below its own: "plans", "assessment", "evidence", "funding"…
    case unitPage(String, String)
    case criteriaSets
    case criteriaSet(String)
    case scopes
    case accounts
    /// The residents' portal: search, a commune's public page, a report by its tracking code.
    case publicHome
    case publicUnit(String)
    case publicReport(String)
    /// A write's page form (`WriteForms`); its context goes in the query.
    case form(String)

    var path: String {
        switch self {
        case .home: "/"
        case .search: "/search"
        case .unit(let code): "/units/\(code)"
        case .unitPage(let code, let page): "/units/\(code)/\(page)"
        case .criteriaSets: "/criteria-sets"
        case .criteriaSet(let code): "/criteria-sets/\(code)"
        case .scopes: "/accounts/scopes"
        case .accounts: "/accounts"
        case .publicHome: "/public"
        case .publicUnit(let code): "/public/units/\(code)"
        case .publicReport(let code): "/public/reports/\(code)"
        case .form(let name): "/forms/\(name)"
        }
    }

    /// The path with query parameters; nil values are left out.
    func link(_ query: [(String, String?)] = []) -> String {
        let items = query.compactMap { key, value in
            value.map { "\(key)=\($0.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? $0)" }
        }
        return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
    }

    /// A unit page as of a day, the way every drill-down link is built.
    static func unit(_ code: String, on day: Day?) -> String {
        SiteURL.unit(code).link([("date", day?.iso)])
    }

    /// One of a unit's pages ("plans", "assessment", "evidence", "funding") as of a day.
    static func unit(_ code: String, _ page: String, on day: Day?) -> String {
        SiteURL.unitPage(code, page).link([("date", day?.iso)])
    }
}

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()
}
