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

    /// The `date=` parameter ("as of"), or today when absent.
    func asOfDate(_ name: String = "date") throws -> Day {
        guard let text = try? query.get(String.self, at: name), !text.isEmpty else { return Day.today }
        return try Day.parse(text, field: name)
    }

    func optionalDate(_ name: String) throws -> Day? {
        guard let text = try? query.get(String.self, at: name), !text.isEmpty else { return nil }
        return try Day.parse(text, field: name)
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
