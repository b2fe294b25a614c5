import Vapor

/// Cross-site request forgery protection for browser sessions: every unsafe request that is not
/// authenticated by a bearer token must carry the session's token (form field `_csrf` or the
/// `X-CSRF-Token` header). Token-authenticated API calls cannot be forged by a foreign page.
struct CSRFMiddleware: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let fieldName = "_csrf"
    /// The largest browser form or upload read to find its token (a resident's three 5 MB photos).
    static let maxFormBytes = 20 << 20

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if Self.needsCheck(request) {
            var sent = request.headers.first(name: "X-CSRF-Token")
            if sent == nil {
                // A browser sends a long form in several packets: gather it before reading the token
                // (the route's own collect then finds it gathered).
                if let type = request.headers.contentType, type == .urlEncodedForm || type.type == "multipart" {
                    _ = try await request.body.collect(max: Self.maxFormBytes).get()
                }
                sent = try? request.content.get(String.self, at: Self.fieldName)
            }
            let expected = request.hasSession ? request.session.data[Self.sessionKey] : nil
            guard let sent, let expected, !expected.isEmpty, sent == expected else {
                throw AppError(.forbidden, field: Self.fieldName,
                               vi: "Biểu mẫu đã hết hạn hoặc không hợp lệ (CSRF). Tải lại trang rồi thử lại.",
                               en: "The form has expired or is invalid (CSRF). Reload the page and try again.")
            }
        }
        return try await next.respond(to: request)
    }

    static func needsCheck(_ request: Request) -> Bool {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return false }
        if request.headers.bearerAuthorization != nil { return false }
        // An API call with no session cookie has no ambient credential to forge: it gets its 401.
        if request.url.path.hasPrefix("/api/") && request.cookies["ntm-session"] == nil { return false }
        return true
    }
}

extension Request {
    /// The session's CSRF token, created on first use (forms call this when they render).
    func csrfToken() -> String {
        if let token = session.data[CSRFMiddleware.sessionKey] { return token }
        let token = [UInt8].random(count: 24).map { String(format: "%02x", $0) }.joined()
        session.data[CSRFMiddleware.sessionKey] = token
        return token
    }
}
