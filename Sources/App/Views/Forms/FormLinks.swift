import NTMDomain
import Vapor

/// A link to a write's page form, shown where a user would look for it ("Thêm nhu cầu vốn" on the funding page).
struct FormLink: Encodable {
    var label: String
    var url: String
}

enum FormLinks {
    /// A form a page offers: shown only to a viewer the form's own check would let through.
    struct Offer {
        var action: Action
        var form: String
        var vi: String
        var en: String
        var query: [(String, String?)] = []
    }

    /// The offers the viewer may use on `unit`'s page as of `day` (a code names different units over time,
    /// so the form works on the unit the page shows); the viewer's scope is read once for all of them.
    static func offered(_ offers: [Offer], on unit: AdminUnit?, day: Day?, request: Request) async throws -> [FormLink] {
        guard let user = request.user, user.isActive, !offers.isEmpty else { return [] }
        let inScope = try await AccessScope.contains(user: user, unit: unit, db: request.db)
        return offers.filter { AccessPolicy.allows(user.role, $0.action, inScope: inScope) }.map { offer in
            FormLink(label: request.language == .vi ? offer.vi : offer.en,
                     url: SiteURL.form(offer.form).link([("unit", unit?.code), ("date", day?.iso)] + offer.query))
        }
    }
}
