import Fluent
import NTMDomain
import Vapor

/// Turns every error into JSON `{error, reason, field}` under /api and an HTML page elsewhere.
/// Unknown errors are logged in full for operators and shown to users as a plain 500 message.
struct NTMErrorMiddleware: AsyncMiddleware {
    struct Body: Content {
        var error = true
        var reason: String
        var field: String?
        var problems: [Problem]?
        /// A unit asked for on a day it did not exist: the units it became or came from.
        var successors: [LineageLinkDTO]?
        var predecessors: [LineageLinkDTO]?
        var links: [ErrorLink] = []
        /// The request's id (also in the `X-Request-Id` header and every log line of the request):
        /// what a user quotes to the operator.
        var requestId: String?

        enum CodingKeys: String, CodingKey { case error, reason, field, problems, successors, predecessors, requestId }
    }

    struct ErrorLink: Content {
        var label: String
        var url: String
    }

    struct Problem: Content {
        var field: String
        var reason: String
        /// For a cell of an uploaded file: where it is.
        var sheet: String? = nil
        var row: Int? = nil
        var column: String? = nil
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            var failure = Self.describe(error, language: request.language)
            failure.body.requestId = request.id
            if failure.status == .internalServerError {
                request.logger.report(error: error)
            }
            let response = request.url.path.hasPrefix("/api/") || request.url.path == "/health"
                ? try Self.json(failure, status: failure.status) : try await Self.page(failure, request: request)
            response.headers.replaceOrAdd(name: .xRequestId, value: request.id)
            return response
        }
    }

    static func describe(_ error: any Error, language: Language) -> (status: HTTPResponseStatus, body: Body) {
        switch error {
        case let error as AppError:
            let problems = error.problems.map { Problem(field: $0.field, reason: $0.reason.text(language), sheet: $0.sheet, row: $0.row, column: $0.column) }
            var body = Body(reason: error.reason(language), field: error.field, problems: problems.isEmpty ? nil : problems,
                            successors: error.successors.isEmpty ? nil : error.successors,
                            predecessors: error.predecessors.isEmpty ? nil : error.predecessors)
            let vi = language == .vi
            if let (code, day) = error.existedOn {
                body.links.append(ErrorLink(label: (vi ? "Xem mã \(code) ngày " : "See \(code) on ") + DateFormat.format(day),
                                            url: SiteURL.unit(code).path + "?date=\(day.iso)"))
            }
            for link in error.successors {
                body.links.append(ErrorLink(label: (vi ? "Đã trở thành \(link.name) từ " : "Became \(link.name) from ") + DateFormat.format(stored: link.effective),
                                            url: SiteURL.unit(link.code).path + "?date=\(link.effective)"))
            }
            for link in error.predecessors {
                let before = Day(link.effective)?.adding(days: -1)
                body.links.append(ErrorLink(label: (vi ? "Hình thành từ \(link.name)" : "Formed from \(link.name)"),
                                            url: SiteURL.unit(link.code).path + (before.map { "?date=\($0.iso)" } ?? "")))
            }
            return (error.status, body)
        case let error as DecodingError:
            let (field, detail) = describe(error)
            return (.badRequest, Body(reason: language == .vi ? "Dữ liệu gửi lên không đúng định dạng ở trường \(field): \(detail)"
                                                           : "Malformed request body at \(field): \(detail)", field: field))
        case let error as any AbortError where error.status == .payloadTooLarge:
            return (error.status, Body(reason: language == .vi
                ? "Dữ liệu gửi lên quá lớn (ảnh tối đa 5 MB mỗi ảnh, tệp minh chứng tối đa 10 MB). Chọn tệp nhỏ hơn rồi gửi lại."
                : "What was sent is too large (photos 5 MB each at most, evidence files 10 MB). Choose smaller files and send again."))
        case let error as any AbortError:
            return (error.status, Body(reason: error.reason))
        case let error as any DatabaseError where error.isConstraintFailure:
            // Two saves of the same record at the same moment: the database kept the first.
            return (.conflict, Body(reason: language == .vi
                ? "Bản ghi này vừa được lưu (có thể bởi một thao tác cùng lúc); tải lại để xem bản đã lưu."
                : "This record has just been saved (perhaps by a simultaneous request); reload to see it."))
        default:
            return (.internalServerError, Body(reason: language == .vi ? "Lỗi máy chủ; sự cố đã được ghi lại." : "Server error; it has been logged."))
        }
    }

    private static func describe(_ error: DecodingError) -> (String, String) {
        func path(_ context: DecodingError.Context) -> String {
            let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return parts.hasPrefix(".") ? String(parts.dropFirst()) : (parts.isEmpty ? "body" : parts)
        }
        switch error {
        case .keyNotFound(let key, let context):
            let base = path(context)
            return (base == "body" ? key.stringValue : "\(base).\(key.stringValue)", "missing")
        case .typeMismatch(let type, let context): return (path(context), "expected \(type)")
        case .valueNotFound(let type, let context): return (path(context), "expected \(type), found null")
        case .dataCorrupted(let context): return (path(context), context.debugDescription)
        @unknown default: return ("body", "\(error)")
        }
    }

    private static func json(_ failure: (status: HTTPResponseStatus, body: Body), status: HTTPResponseStatus) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(failure.body, as: .json)
        return response
    }

    private static func page(_ failure: (status: HTTPResponseStatus, body: Body), request: Request) async throws -> Response {
        let language = request.language
        let heading = ErrorPageModel.heading(failure.status, language)
        let context = ErrorPageModel(layout: LayoutModel(request: request, title: heading),
                                     status: Int(failure.status.code), heading: heading, reason: failure.body.reason,
                                     problems: failure.body.problems ?? [], links: failure.body.links, requestId: request.id,
                                     homeLabel: language == .vi ? "Về trang chủ" : "Back to the start page")
        do {
            let response = try await request.view.render("error", context).encodeResponse(for: request).get()
            response.status = failure.status
            return response
        } catch {
            request.logger.report(error: error)
            let response = Response(status: failure.status, body: .init(string: failure.body.reason))
            response.headers.contentType = .plainText
            return response
        }
    }
}

struct ErrorPageModel: Encodable {
    var layout: LayoutModel
    var status: Int
    var heading: String
    var reason: String
    var problems: [NTMErrorMiddleware.Problem]
    var links: [NTMErrorMiddleware.ErrorLink]
    var requestId: String
    var homeLabel: String

    /// What happened, in words: the status code alone tells a user nothing.
    static func heading(_ status: HTTPResponseStatus, _ language: Language) -> String {
        let vi = language == .vi
        return switch status.code {
        case 400: vi ? "Dữ liệu chưa đúng" : "Something was not understood"
        case 401: vi ? "Cần đăng nhập" : "Please sign in"
        case 403: vi ? "Không có quyền" : "Not allowed"
        case 404: vi ? "Không tìm thấy" : "Not found"
        case 409: vi ? "Đã có thay đổi khác" : "Changed meanwhile"
        case 413: vi ? "Tệp quá lớn" : "Too large"
        case 422: vi ? "Chưa lưu được" : "Not saved"
        case 429: vi ? "Quá nhiều lần thử" : "Too many attempts"
        default: vi ? "Lỗi máy chủ" : "Server error"
        }
    }
}
