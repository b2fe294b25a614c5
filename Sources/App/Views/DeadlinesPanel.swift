import NTMDomain
import Vapor

/// On district and province pages: recognition dossiers below whose current step is overdue.
/// Shown only when there is one (a card that is always empty teaches people to ignore it).
struct DeadlinesPanel: Encodable {
    struct Item: Encodable {
        var name: String
        var url: String
        var step: String
        var late: String
    }

    var title: String
    var items: [Item]

    static func load(for unit: AdminUnit, on day: Day, request: Request) async throws -> DeadlinesPanel? {
        let late = try await DossierDeadlines.overdue(under: unit, on: day, procedures: request.application.referenceData.procedures,
                                                      language: request.language, db: request.db)
        guard !late.isEmpty else { return nil }
        let vi = request.language == .vi
        return DeadlinesPanel(
            title: vi ? "Hồ sơ công nhận có bước quá hạn (\(late.count))" : "Recognition dossiers with an overdue step (\(late.count))",
            items: late.map { item in
                let due = Day(item.due).map(DateFormat.format) ?? item.due
                return Item(name: item.name, url: SiteURL.unit(item.code, "dossier", on: day), step: item.stepName,
                            late: vi ? "hạn \(due), quá \(item.daysLate) ngày" : "due \(due), \(item.daysLate) days late")
            })
    }
}
