import Fluent
import Vapor

/// Who is calling. Issue 3 brings users and roles; until then a caller is an API token holder.
struct Caller: Authenticatable {
    var tokenName: String
}

/// `Authorization: Bearer <token>` against the hashed tokens in the database.
struct TokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let hash = ApiToken.hash(bearer.token)
        guard let token = try await ApiToken.query(on: request.db).filter(\.$tokenHash == hash).first(),
              token.revokedAt == nil else { return }
        request.auth.login(Caller(tokenName: token.name))
    }
}

/// Refuses unauthenticated writes with 401 and a reason in the caller's language.
struct RequireCaller: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(Caller.self) else {
            throw AppError(.unauthorized, vi: "Cần xác thực: gửi kèm Authorization: Bearer <mã truy cập>",
                           en: "Authentication required: send Authorization: Bearer <token>")
        }
        return try await next.respond(to: request)
    }
}
