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

    /// The offers `viewer` may use on `unit`'s page as of `day` (a code names different units over time,
    /// so the form works on the unit the page shows).
    static func offered(_ offers: [Offer], to viewer: PageViewer?, on unit: AdminUnit?, day: Day?, language: Language) -> [FormLink] {
        guard let viewer else { return [] }
        return offers.filter { viewer.may($0.action) }.map { offer in
            FormLink(label: language == .vi ? offer.vi : offer.en,
                     url: SiteURL.form(offer.form).link([("unit", unit?.code), ("date", day?.iso)] + offer.query))
        }
    }

    /// The same for a page that asks nothing else of its viewer.
    static func offered(_ offers: [Offer], on unit: AdminUnit?, day: Day?, request: Request) async throws -> [FormLink] {
        guard !offers.isEmpty else { return [] }
        return offered(offers, to: try await PageViewer.of(unit, request: request), on: unit, day: day, language: request.language)
    }
}
