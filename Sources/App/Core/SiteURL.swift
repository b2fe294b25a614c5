import NTMDomain
import Vapor

/// Every page path in one place, so links and routes cannot drift apart: the pages' routes are
/// registered from these (`pathComponents`, with `:name` for a parameter), and links are built from them.
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
    case login
    case logout
    case audit
    /// Moving an account's scope (from the scopes page).
    case accountScope(String)
    /// A critical-path plan, and the pages below it: "tasks", "import", "tasks/A1/delete".
    case plan(String)
    case planPage(String, String)
    /// An uploaded evidence file, served under the unit's read rules.
    case evidenceFile(String)
    /// A photo of a resident's report.
    case reportPhoto(String, String)

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
        case .login: "/login"
        case .logout: "/logout"
        case .audit: "/audit"
        case .accountScope(let username): "/accounts/\(username)/scope"
        case .plan(let id): "/plans/\(id)"
        case .planPage(let id, let page): "/plans/\(id)/\(page)"
        case .evidenceFile(let id): "/evidence/\(id)"
        case .reportPhoto(let tracking, let position): "/reports/\(tracking)/photos/\(position)"
        }
    }

    /// The path as route components; `:name` segments become parameters.
    var pathComponents: [PathComponent] {
        path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
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

    /// Deleting a task of a plan (the confirmation page and its form); the task code goes in the path as one segment.
    static func taskDelete(plan: String, task: String) -> SiteURL {
        .planPage(plan, "tasks/\(task.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? task)/delete")
    }

    /// One of a unit's pages ("plans", "assessment", "evidence", "funding") as of a day.
    static func unit(_ code: String, _ page: String, on day: Day?) -> String {
        SiteURL.unitPage(code, page).link([("date", day?.iso)])
    }
}

/// `a=1&b=x+y` as (name, value) pairs in order, percent- and plus-decoded: for a query or form body read
/// by hand (a repeated name, or names holding dots and brackets that Vapor's decoder would nest).
enum URLEncodedPairs {
    static func parse(_ text: String) -> [(key: String, value: String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }
}

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()
}
