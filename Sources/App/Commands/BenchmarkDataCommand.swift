import Fluent
import Foundation
import NTMDomain
import Vapor

/// `ntm benchmark-data --units admin-units-2024.csv`: fills an empty database with a generated
/// national data set — the official unit list, an assessment of every indicator for every commune
/// on three days — and prints how long the unit import and the scorecard rebuild took
/// (`name=seconds` lines that `ntm-benchmark national` reads).
struct BenchmarkDataCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "units", help: "An official unit list (2024 or 2025 format)") var units: String?
        @Option(name: "days", help: "Assessment days, comma separated (default 2021-12-31,2022-06-30,2022-12-31)") var days: String?
    }

    var help: String { "Loads a generated national data set for benchmarks and prints import and rebuild times." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await reportingErrors(context) {
            let file = try requireFile(signature.units)
            let days = (signature.days ?? "2021-12-31,2022-06-30,2022-12-31").split(separator: ",").compactMap { Day(String($0)) }
            try await ShippedCriteriaSets.loadIfEmpty(resourcesDirectory: app.config.resourcesDirectory, db: app.db)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let importer = AdminUnitImporter(regions: try AdminUnitImporter.loadRegions(resourcesDirectory: app.config.resourcesDirectory))

            var started = Date()
            let summary = try await importer.importCSV(text, province: nil, actor: .cli, db: app.db)
            context.console.print("import_seconds=\(Self.seconds(since: started)) units=\(summary.created)")

            started = Date()
            let assessments = try await app.db.transaction { tx in try await GeneratedDataSet.assessEveryCommune(on: days, db: tx) }
            context.console.print("generate_seconds=\(Self.seconds(since: started)) assessments=\(assessments)")

            started = Date()
            let rows = try await app.db.transaction { tx in try await ScorecardStore.rebuild(unitIDs: nil, db: tx) }
            context.console.print("rebuild_seconds=\(Self.seconds(since: started)) rows=\(rows)")
        }
    }

    private static func seconds(since start: Date) -> String {
        String(format: "%.2f", Date().timeIntervalSince(start))
    }
}
