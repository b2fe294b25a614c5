import NTMDomain
import Vapor

extension Request {
    /// Vietnamese by default; `?lang=en` switches (and is remembered in a cookie by the page layer).
    var language: Language {
        if let query = try? query.get(String.self, at: "lang"), let language = Language(rawValue: query) {
            return language
        }
        if let cookie = cookies["lang"]?.string, let language = Language(rawValue: cookie) {
            return language
        }
        return .vi
    }

    /// The `date=` parameter ("as of"), or today when absent. A page's form may send it empty
    /// (today); an API call that sends `date=` with nothing is told so.
    func asOfDate(_ name: String = "date") throws -> Day {
        guard let text = query[String.self, at: name] else { return Day.today }
        if text.isEmpty {
            guard url.path.hasPrefix("/api/") else { return Day.today }
            throw AppError.badDate(field: name, value: text)
        }
        return try Day.parse(text, field: name)
    }

    /// A yes/no query parameter: absent is no; anything but true/false/1/0 is a 400 naming it.
    func flag(_ name: String) throws -> Bool {
        guard let text = query[String.self, at: name] else { return false }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw AppError(.badRequest, field: name, vi: "\(name) phải là true hoặc false (nhận \"\(text)\")", en: "\(name) must be true or false (got \"\(text)\")")
        }
    }

    /// The parameter's day, or nil when absent (or, from a page's form, empty).
    func optionalDate(_ name: String) throws -> Day? {
        guard query[String.self, at: name] != nil else { return nil }
        return try asOfDate(name)
    }
}

extension Day {
    static var today: Day { Day(Date()) }

    /// The day in Việt Nam at `instant`.
    init(_ instant: Date) {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!, from: instant)
        self = Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
