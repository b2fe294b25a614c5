import Fluent
import Vapor

/// `Authorization: Bearer <token>` against the hashed personal tokens of active users.
struct TokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let hash = ApiToken.hash(bearer.token)
        guard let token = try await ApiToken.query(on: request.db).filter(\.$tokenHash == hash).with(\.$user).first(),
              token.revokedAt == nil, token.user.isActive else { return }
        request.auth.login(token.user)
    }
}

/// Refuses writes without a signed-in user or token with 401, in the caller's language.
struct RequireUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        _ = try request.requireUser()
        return try await next.respond(to: request)
    }
}
