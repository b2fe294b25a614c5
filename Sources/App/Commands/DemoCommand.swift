import Vapor

/// `ntm demo`: loads the demo data set into the configured database (refusing one with other data).
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Loads the demo data set (Hà Tĩnh, scenario of 2020–2022) into the configured database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        do {
            switch try await DemoData.load(resourcesDirectory: app.config.resourcesDirectory, hasher: app.password.sync, db: app.db) {
            case .alreadyLoaded:
                context.console.info("Dữ liệu minh họa đã có sẵn trong cơ sở dữ liệu này. / The demo data is already loaded.")
            case .loaded(let units, let assessments):
                context.console.success("Đã nạp dữ liệu minh họa: \(units) đơn vị, \(assessments) đánh giá. / Demo data loaded.")
                context.console.info("API token (demo only): \(DemoData.demoToken)")
            }
        } catch let error as AppError {
            context.console.error(error.message.vi)
            context.console.error(error.message.en ?? "")
            throw ExitCode.failure
        }
    }
}

struct ExitCode: Error {
    static let failure = ExitCode()
}
