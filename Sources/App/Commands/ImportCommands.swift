import Fluent
import Foundation
import NTMDomain
import Vapor

/// `ntm import-units --file F [--province P] [--effective YYYY-MM-DD] [--lineage L]`: imports an
/// official unit list in force from a day, with the lineage file of the reform that brought it.
struct ImportUnitsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "file", help: "CSV file: an official list, 3-tier (district_code column) or 2-tier") var file: String?
        @Option(name: "province", help: "Only this province code (e.g. 42 for Hà Tĩnh)") var province: String?
        @Option(name: "effective", help: "Day the list takes effect (YYYY-MM-DD); omit for the first list") var effective: String?
        @Option(name: "lineage", help: "CSV: effective,new_code,old_code[,relation] — which old units each new one came from") var lineage: String?
    }

    var help: String { "Imports administrative units from an official CSV list (all, or one province)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await reportingErrors(context) {
            let file = try requireFile(signature.file)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let importer = AdminUnitImporter(regions: try AdminUnitImporter.loadRegions(resourcesDirectory: app.config.resourcesDirectory))
            let effective = try signature.effective.map { try Day.parse($0, field: "effective") }
            let lineage = try signature.lineage.map { try String(contentsOfFile: try requireFile($0), encoding: .utf8) }
            let summary = try await importer.importCSV(text, province: signature.province, effective: effective, lineage: lineage, actor: .cli, db: app.db)
            context.console.success("Imported: \(summary.created) new, \(summary.ended) ended, \(summary.unchanged) unchanged, \(summary.lineage) lineage links.")
        }
    }
}

/// `ntm import-villages --file villages.csv [--date 2022-04-26]`: columns commune_code,name[,code].
struct ImportVillagesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "file", help: "CSV with columns commune_code,name and optionally code") var file: String?
        @Option(name: "date", help: "Day on which the communes are looked up (default today)") var date: String?
    }

    var help: String { "Imports villages (thôn) from a CSV file." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await reportingErrors(context) {
            let file = try requireFile(signature.file)
            let day = try signature.date.map { try Day.parse($0, field: "date") } ?? .today
            let created = try await VillageImporter.importCSV(try String(contentsOfFile: file, encoding: .utf8), on: day, actor: .cli, db: app.db)
            context.console.success("Imported \(created.count) villages.")
        }
    }
}

/// `ntm criteria load FILE…` or `ntm criteria load --shipped`; `ntm criteria list`.
struct CriteriaCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "load | list") var action: String
        @Option(name: "file", help: "A criteria set JSON file (see Resources/CriteriaSets)") var file: String?
        @Flag(name: "shipped", help: "Load every set in Resources/CriteriaSets") var shipped: Bool
    }

    var help: String { "Loads a criteria set from a JSON file (or the shipped ones), or lists the loaded sets." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await reportingErrors(context) {
            switch signature.action {
            case "list":
                for record in try await CriteriaSetRecord.query(on: app.db).sort(\.$code).all() {
                    let definition = try record.definition()
                    context.console.print("\(record.code)\t\(definition.level.rawValue)\t\(record.effectiveFrom ?? "…") → \(record.effectiveTo ?? "…")\trev \(record.revision)\t\(definition.name.vi)")
                }
            case "load" where signature.shipped:
                let codes = try await ShippedCriteriaSets.load(resourcesDirectory: app.config.resourcesDirectory, actor: .cli, db: app.db)
                context.console.success("Loaded: \(codes.joined(separator: ", "))")
            case "load":
                let definition = try ShippedCriteriaSets.decode(file: try requireFile(signature.file))
                _ = try await app.db.transaction { tx in try await CriteriaQueries.save(definition, actor: .cli, db: tx) }
                context.console.success("Loaded \(definition.code).")
            default:
                throw AppError(.badRequest, field: "action", vi: "Lệnh không rõ: \(signature.action) (dùng load hoặc list)", en: "Unknown action \(signature.action) (use load or list)")
            }
        }
    }
}

/// `ntm token create USERNAME NAME` prints a new personal API token once; `ntm token revoke USERNAME NAME`.
struct TokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create | revoke") var action: String
        @Argument(name: "username", help: "Whose token") var username: String
        @Argument(name: "name", help: "A label for the token, e.g. the script that uses it") var name: String
    }

    var help: String { "Creates or revokes a personal API token (Authorization: Bearer …)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await reportingErrors(context) {
            guard let user = try await User.query(on: app.db).filter(\.$username == User.normalizedUsername(signature.username)).first() else {
                throw AppError(.notFound, field: "username", vi: "Không có tài khoản \(signature.username)", en: "No account \(signature.username)")
            }
            switch signature.action {
            case "create":
                let token = try await UserWriter.issueToken(for: user, name: signature.name, actor: .cli, db: app.db)
                context.console.success("Token \(signature.name) for \(user.username) (shown once): \(token)")
            case "revoke":
                let count = try await UserWriter.revokeTokens(of: user, named: signature.name, actor: .cli, db: app.db)
                context.console.success("Revoked \(count) token(s).")
            default:
                throw AppError(.badRequest, field: "action", vi: "Lệnh không rõ: \(signature.action)", en: "Unknown action \(signature.action) (use create or revoke)")
            }
        }
    }
}

/// `ntm user create-admin USERNAME`, `ntm user create USERNAME --role R --scope CODE`,
/// `ntm user reset-password USERNAME`: passwords are generated and printed once.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create-admin | create | reset-password") var action: String
        @Argument(name: "username", help: "The account") var username: String
        @Option(name: "role", help: "provincial-office | district-officer | commune-officer | sponsor | viewer") var role: String?
        @Option(name: "scope", help: "Code of the unit the role covers (its whole subtree)") var scope: String?
        @Option(name: "name", help: "Display name") var name: String?
        @Option(name: "organisation", help: "Sponsor organisation") var organisation: String?
    }

    var help: String { "Creates accounts (the first administrator, or any role) and resets passwords." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let hasher = app.password.sync
        let password = ApiToken.generate().replacingOccurrences(of: "ntm_", with: "").prefix(16)
        try await reportingErrors(context) {
            switch signature.action {
            case "create-admin", "create":
                let role = signature.action == "create-admin" ? Role.admin : Role(rawValue: signature.role ?? "")
                guard let role else {
                    throw AppError(.badRequest, field: "role", vi: "Vai trò không hợp lệ: \(signature.role ?? "")", en: "Unknown role \(signature.role ?? "")")
                }
                let input = NewUserDTO(username: signature.username, displayName: signature.name ?? signature.username, role: role,
                                       scope: signature.scope, organisation: signature.organisation, password: String(password))
                let user = try await UserWriter.create(input, hasher: hasher, actor: .cli, db: app.db)
                context.console.success("Account \(user.username) (\(role.rawValue)); password (shown once): \(password)")
            case "reset-password":
                try await UserWriter.resetPassword(username: signature.username, password: String(password), hasher: hasher, actor: .cli, db: app.db)
                context.console.success("New password for \(signature.username) (shown once): \(password)")
            default:
                throw AppError(.badRequest, field: "action", vi: "Lệnh không rõ: \(signature.action)", en: "Unknown action \(signature.action)")
            }
        }
    }
}

func requireFile(_ file: String?) throws -> String {
    guard let file, !file.isEmpty else { throw AppError(.badRequest, field: "file", vi: "Cần --file <tệp>", en: "--file <path> is required") }
    return file
}

/// Prints an AppError's every problem in both languages and exits non-zero.
func reportingErrors(_ context: CommandContext, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as AppError {
        if error.problems.isEmpty {
            context.console.error(error.message.vi)
        } else {
            // Every problem with its place (a file's sheet, row and column), as the API lists them.
            for problem in error.problems { context.console.error("\(problem.field): \(problem.reason.vi)") }
        }
        throw ExitCode.failure
    }
}

/// `ntm import-assessments --file F --unit CODE [--date YYYY-MM-DD] [--dry-run]`: a filled-in
/// assessment template (.xlsx or CSV) for the communes of a unit, checked whole, then written in
/// one transaction; prints a line per stage with its time.
struct ImportAssessmentsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "file", help: "The filled-in template: .xlsx, or CSV (UTF-8, ';' or ',')") var file: String?
        @Option(name: "unit", help: "Code of the unit the sheet is for (district, province or commune)") var unit: String?
        @Option(name: "date", help: "Assessment day (YYYY-MM-DD, default today)") var date: String?
        @Flag(name: "dry-run", help: "Check and show what would change; write nothing") var dryRun: Bool
    }

    var help: String { "Imports assessments from a filled-in template (.xlsx or CSV): all rows or none." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await reportingErrors(context) {
            let file = try requireFile(signature.file)
            guard let code = signature.unit else { throw AppError(.badRequest, field: "unit", vi: "Cần --unit MÃ", en: "--unit CODE is required") }
            let day = try signature.date.map { try Day.parse($0, field: "date") } ?? .today
            let started = Date()
            func stage(_ text: String) { context.console.print(String(format: "[%6.2f s] ", Date().timeIntervalSince(started)) + text) }
            let unit = try await UnitQueries.require(code: code, on: day, db: app.db)
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let sheets = try AssessmentImport.sheets(of: data)
            stage("read \(file): \(sheets.count) sheet(s), \(sheets.reduce(0) { $0 + $1.rows.count }) rows")
            let plan = try await AssessmentImport.plan(sheets, for: unit, on: day, catalog: try await CriteriaQueries.catalog(db: app.db), db: app.db)
            stage("checked \(plan.rows) rows: \(plan.changes.count) to record, \(plan.unchanged) unchanged")
            for change in plan.changes.prefix(20) {
                context.console.print("  \(change.name): \(change.metBefore) → \(change.metAfter)/\(change.total)")
            }
            if plan.changes.count > 20 { context.console.print("  … \(plan.changes.count - 20) more") }
            guard !signature.dryRun else { return stage("dry run: nothing written") }
            try await AssessmentImport.apply(plan, actor: .cli, db: app.db)
            stage("written: \(plan.changes.count) assessments in one transaction, scorecards refreshed")
        }
    }
}

/// `ntm import-boundary --unit 42 --file ha-tinh.geojson`: the map clips its cells to the real outline.
struct ImportBoundaryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "unit", help: "Code of the province (or district) the outline is of") var unit: String?
        @Option(name: "file", help: "GeoJSON file (FeatureCollection, Feature, Polygon or MultiPolygon in lon/lat)") var file: String?
        @Option(name: "source", help: "Where the outline comes from, for the record") var source: String?
    }

    var help: String { "Loads a unit's real outline for the map from a GeoJSON file." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await reportingErrors(context) {
            let file = try requireFile(signature.file)
            guard let code = signature.unit, !code.isEmpty else {
                throw AppError(.unprocessableEntity, field: "unit", vi: "Thiếu --unit (mã tỉnh, ví dụ 42)", en: "--unit is missing (a province code, e.g. 42)")
            }
            let unit = try await UnitQueries.require(code: code, on: .today, db: app.db)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            let record = try await BoundaryWriter.save(bytes, unit: unit, source: signature.source ?? (file as NSString).lastPathComponent, actor: .cli, db: app.db)
            context.console.success("Loaded the outline of \(unit.name): \(record.pointCount) points.")
        }
    }
}
