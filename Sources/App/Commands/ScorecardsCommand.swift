import Fluent
import Foundation
import NTMDomain
import Vapor

/// `ntm scorecards rebuild [--unit CODE]`: recomputes the scorecard read model from the records
/// (after a criteria set file was edited outside NTM, or to prove it equals a fresh evaluation).
struct ScorecardsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "rebuild") var action: String
        @Option(name: "unit", help: "Only this unit code (every version of it)") var unit: String?
    }

    var help: String { "Recomputes stored scorecards from the assessments, targets, recognitions and criteria sets." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await reportingErrors(context) {
            guard signature.action == "rebuild" else {
                throw AppError(.badRequest, field: "action", vi: "Lệnh không rõ: \(signature.action) (dùng rebuild)",
                               en: "Unknown action: \(signature.action) (use rebuild)")
            }
            let started = Date()
            var ids: [UUID]?
            if let code = signature.unit {
                ids = try await AdminUnit.query(on: app.db).filter(\.$code == code).all().compactMap(\.id)
                if ids?.isEmpty == true { throw AppError.notFound("đơn vị hành chính", code, en: "administrative unit") }
            }
            let only = ids
            let rows = try await app.db.transaction { tx in try await ScorecardStore.rebuild(unitIDs: only, db: tx) }
            context.console.success("Rebuilt \(rows) stored scorecards in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        }
    }
}
