import NTMDomain
import Vapor

/// The one error type users see: a reason in their language, the field at fault, the status.
struct AppError: AbortError, DebuggableError {
    var status: HTTPResponseStatus
    var message: LocalizedText
    var field: String?
    /// Every problem when several were found at once (an import, a form).
    var problems: [InputProblem]
    /// For a unit asked for on a day it did not exist: what it became, or came from.
    var successors: [LineageLinkDTO] = []
    var predecessors: [LineageLinkDTO] = []
    /// The same unit on a day it did exist (its last day, or its first), for a link that leads on.
    var existedOn: (code: String, day: Day)?

    init(_ status: HTTPResponseStatus, field: String? = nil, vi: String, en: String) {
        self.status = status
        self.message = LocalizedText(vi: vi, en: en)
        self.field = field
        self.problems = []
    }

    init(_ status: HTTPResponseStatus = .unprocessableEntity, problems: [InputProblem]) {
        self.status = status
        let first = problems.first
        let more = problems.count > 1 ? " (+\(problems.count - 1))" : ""
        self.message = LocalizedText(vi: (first?.reason.vi ?? "Dữ liệu không hợp lệ") + more,
                                     en: (first?.reason.en ?? "Invalid data") + more)
        self.field = first?.field
        self.problems = problems
    }

    var reason: String { message.vi }
    var identifier: String { "ntm.\(status.code)" }

    func reason(_ language: Language) -> String { message.text(language) }

    static func notFound(_ what: String, _ code: String, en: String) -> AppError {
        AppError(.notFound, vi: "Không tìm thấy \(what) mã \(code)", en: "No \(en) with code \(code)")
    }

    static func badDate(field: String, value: String) -> AppError {
        AppError(.badRequest, field: field, vi: "Ngày không hợp lệ: \"\(value)\" (dùng YYYY-MM-DD)",
                 en: "Not a valid date: \"\(value)\" (use YYYY-MM-DD)")
    }
}

extension Day {
    /// The years a typed date may fall in: the programme's records start in the 1990s and plans
    /// do not run past 2100. "0022-04-26" (a two-digit year) or "262022-06-30" is a typing mistake.
    static let sensibleYears = 1990...2100

    /// A typed date inside the sensible years, or nil: for validators that list every problem.
    static func typed(_ text: String) -> Day? {
        Day(text).flatMap { sensibleYears.contains($0.year) ? $0 : nil }
    }

    /// A date as an officer or a client typed it, or a 400 naming the field.
    static func parse(_ text: String, field: String) throws(AppError) -> Day {
        guard let day = Day(text) else { throw AppError.badDate(field: field, value: text) }
        guard sensibleYears.contains(day.year) else {
            throw AppError(.badRequest, field: field,
                           vi: "Ngày \"\(text)\": năm \(day.year) nằm ngoài khoảng \(sensibleYears.lowerBound)–\(sensibleYears.upperBound) (gõ đủ 4 chữ số của năm?)",
                           en: "Date \"\(text)\": year \(day.year) is outside \(sensibleYears.lowerBound)–\(sensibleYears.upperBound) (a four-digit year?)")
        }
        return day
    }
}
