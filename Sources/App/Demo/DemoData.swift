import Fluent
import Foundation
import NTMDomain
import Vapor

/// The demo data set: Hà Tĩnh's units (the 2020, 2025-01 and 2025-07 lists with their lineage), the shipped criteria sets, and the
/// assessments in `Resources/Demo/assessments.json` (the scenario's reports plus labelled demo values),
/// each written through the same checks as the API. Every figure a page shows is computed from these.
enum DemoData {
    static let factKey = "demo-data"
    /// Documented in README; a demo database only. Belongs to the provincial office account.
    static let demoToken = "ntm-demo-token"

    /// One account per role, scoped to Hà Tĩnh, Hương Khê and its communes (passwords in README).
    static let users: [NewUserDTO] = [
        NewUserDTO(username: "admin", displayName: "Quản trị hệ thống (demo)", role: .admin, scope: nil, organisation: nil, password: "ntm-admin-demo"),
        NewUserDTO(username: "vpdp.hatinh", displayName: "Văn phòng điều phối NTM tỉnh (demo)", role: .provincialOffice, scope: "42", organisation: nil, password: "ntm-tinh-demo"),
        NewUserDTO(username: "huongkhe", displayName: "Cán bộ NTM huyện Hương Khê (demo)", role: .districtOfficer, scope: "444", scopeDate: "2022-04-26", organisation: nil, password: "ntm-huyen-demo"),
        NewUserDTO(username: "huongbinh", displayName: "Cán bộ NTM xã Hương Bình (demo)", role: .communeOfficer, scope: "18523", scopeDate: "2022-04-26", organisation: nil, password: "ntm-xa-demo"),
        NewUserDTO(username: "mttq.huongbinh", displayName: "Ủy ban MTTQ xã Hương Bình (demo)", role: .front, scope: "18523", scopeDate: "2022-04-26", organisation: nil, password: "ntm-mttq-demo"),
        NewUserDTO(username: "agribank", displayName: "Agribank Hà Tĩnh (demo)", role: .sponsor, scope: "444", scopeDate: "2022-04-26", organisation: "Agribank chi nhánh Hà Tĩnh (demo)", password: "ntm-dodau-demo"),
        NewUserDTO(username: "xa.huongbinh", displayName: "Cán bộ NTM xã Hương Bình sau sáp nhập (demo)", role: .communeOfficer, scope: "18523", scopeDate: "2025-07-01", organisation: nil, password: "ntm-xa-demo"),
        NewUserDTO(username: "bcd", displayName: "Ban Chỉ đạo tỉnh (demo)", role: .viewer, scope: "42", organisation: nil, password: "ntm-xem-demo"),
    ]

    /// The four communes at 20/20 on 26/04/2022: two dossiers submitted, two already appraised.
    static let dossiers: [(unit: String, appraised: Bool)] = [("18523", true), ("18508", true), ("18505", false), ("18514", false)]

    enum LoadResult: Equatable {
        case loaded(units: Int, assessments: Int)
        case alreadyLoaded
    }

    static func load(resourcesDirectory: String, hasher: any Vapor.PasswordHasher, db: any Database) async throws -> LoadResult {
        if try await SystemFact.query(on: db).filter(\.$key == factKey).first() != nil { return .alreadyLoaded }
        let units = try await AdminUnit.query(on: db).filter(\.$level != .country).count()
        let assessments = try await Assessment.query(on: db).count()
        guard units == 0 && assessments == 0 else {
            throw AppError(.conflict, vi: "Cơ sở dữ liệu đã có dữ liệu khác (\(units) đơn vị, \(assessments) đánh giá); không nạp dữ liệu minh họa vào đó. Dùng NTM_DATA_DIR trỏ tới thư mục mới.",
                           en: "The database already holds other data (\(units) units, \(assessments) assessments); demo data is not loaded into it. Point NTM_DATA_DIR at a new folder.")
        }
        let demo = (resourcesDirectory as NSString).appendingPathComponent("Demo")
        let records = try JSONDecoder().decode([ForUnit<AssessmentInputDTO>].self, from: Data(contentsOf: URL(fileURLWithPath: demo + "/assessments.json")))
        let recognitions = try JSONDecoder().decode([ForUnit<RecognitionDTO>].self, from: Data(contentsOf: URL(fileURLWithPath: demo + "/recognitions.json")))
        let plans = try JSONDecoder().decode([ForUnit<NewPlanDTO>].self, from: Data(contentsOf: URL(fileURLWithPath: demo + "/plans.json")))
        let funding = try JSONDecoder().decode([ForUnit<FundingNeedDTO>].self, from: Data(contentsOf: URL(fileURLWithPath: demo + "/funding.json")))
        let sponsors = try JSONDecoder().decode(DemoSponsors.self, from: Data(contentsOf: URL(fileURLWithPath: demo + "/sponsors.json")))
        let sources = try FundingQueries.sources(resourcesDirectory: resourcesDirectory)
        let statistics = try JSONDecoder().decode(DemoStatistics.self, from: Data(contentsOf: URL(fileURLWithPath: demo + "/statistics.json")))
        let mergerRules = try JSONDecoder().decode([ForProvince].self, from: Data(contentsOf: URL(fileURLWithPath: demo + "/merger-rules.json")))
        let communeGroups = try String(contentsOfFile: demo + "/ha-tinh-commune-groups-2026.csv", encoding: .utf8)

        try await db.transaction { tx in
            try await ShippedCriteriaSets.load(resourcesDirectory: resourcesDirectory, actor: .demo, db: tx)
            try await importUnitLists(resourcesDirectory: resourcesDirectory, actor: .demo, db: tx)
            for rule in mergerRules {
                let province = try await UnitQueries.require(code: rule.province, on: Day(rule.rule.from), db: tx)
                _ = try await MergerRuleWriter.save(rule.rule, province: province, actor: .demo, db: tx)
            }
            for record in records {
                _ = try await AssessmentWriter.record(record.input, unitCode: record.unit, actor: .demo, db: tx)
            }
            _ = try await CommuneGroupWriter.importCSV(communeGroups, catalog: try await CriteriaQueries.catalog(db: tx), actor: .demo, db: tx)
            for recognition in recognitions {
                _ = try await RecognitionWriter.record(recognition.input, unitCode: recognition.unit, actor: .demo, db: tx)
            }
            var accounts: [String: User] = [:]
            for user in users {
                accounts[user.username] = try await UserWriter.create(user, hasher: hasher, actor: .demo, db: tx)
            }
            try await ApiToken(userID: try accounts["vpdp.hatinh"]!.requireID(), name: "demo", token: demoToken).create(on: tx)
            for plan in plans {
                _ = try await PlanWriter.create(plan.input, unitCode: plan.unit, actor: .demo, db: tx) { _ in }
            }
            for need in funding {
                _ = try await FundingQueries.record(need.input, unitCode: need.unit, sources: sources, actor: .demo, db: tx) { _ in }
            }
            try await sponsors.load(db: tx)
            try await statistics.load(db: tx)
            for dossier in dossiers {
                let commune = AuditActor(userID: nil, name: dossier.unit == "18523" ? "huongbinh" : "demo", address: nil)
                let submitted = try await DossierWriter.apply(DossierStepDTO(step: .submit, date: "2022-04-26", note: "Dữ liệu minh họa (demo)"),
                                                              unitCode: dossier.unit, actor: commune, procedures: [], db: tx) { _, _ in }
                if dossier.appraised {
                    _ = try await DossierWriter.apply(DossierStepDTO(step: .pass, date: "2022-04-26", note: "Dữ liệu minh họa (demo)", version: submitted.version),
                                                      unitCode: dossier.unit, actor: AuditActor(userID: nil, name: "huongkhe", address: nil), procedures: [], db: tx) { _, _ in }
                }
            }
            try await loadResidentReports(resourcesDirectory: resourcesDirectory, officers: accounts, db: tx)
            try await SystemFact(key: factKey, value: Day.today.iso).create(on: tx)
        }
        return .loaded(units: try await AdminUnit.query(on: db).count(), assessments: records.count)
    }

    /// A resident's report in the demo (`Demo/resident-reports.json`) and how far the commune took it.
    struct DemoReport: Decodable, Sendable {
        var unit: String
        var criterion: String
        var village: String?
        var place: String?
        var description: String
        var steps: [ReportHandlingDTO]
    }

    /// Residents' reports sent and handled through the same checks as the pages (sent today, as the demo is loaded).
    static func loadResidentReports(resourcesDirectory: String, officers: [String: User], db: any Database) async throws {
        let file = (resourcesDirectory as NSString).appendingPathComponent("Demo/resident-reports.json")
        let reports = try JSONDecoder().decode([DemoReport].self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        let catalog = try await CriteriaQueries.catalog(db: db)
        let now = Date()
        for demo in reports {
            var form = ReportSubmission(criterion: demo.criterion, description: demo.description)
            form.village = demo.village
            form.place = demo.place
            let unit = try await UnitQueries.require(code: demo.unit, on: Day(now), db: db)
            let report = try await ResidentReportWriter.submit(form, to: unit, from: "demo", now: now, limits: .init(perAddressPerHour: .max, perUnitPerHour: .max),
                                                               dataDirectory: "", catalog: catalog, actor: .demo, db: db)
            try await report.$unit.load(on: db)
            for step in demo.steps {
                let officer = step.assignee.flatMap { officers[$0] }
                try await ResidentReportWriter.handle(step, report: report, unit: unit, now: now,
                                                      actor: officer.map { AuditActor(userID: $0.id, name: $0.username, address: nil) } ?? .demo, db: db)
            }
        }
    }

    /// Hà Tĩnh's three unit lists in order, each with its effective day and lineage (`Demo/units.json`).
    @discardableResult
    static func importUnitLists(resourcesDirectory: String, actor: AuditActor, db: any Database) async throws -> [AdminUnitImporter.Summary] {
        let data = (resourcesDirectory as NSString).appendingPathComponent("Data")
        let manifest = (resourcesDirectory as NSString).appendingPathComponent("Demo/units.json")
        let lists = try JSONDecoder().decode([UnitList].self, from: Data(contentsOf: URL(fileURLWithPath: manifest)))
        let importer = AdminUnitImporter(regions: try AdminUnitImporter.loadRegions(resourcesDirectory: resourcesDirectory))
        var summaries: [AdminUnitImporter.Summary] = []
        for list in lists {
            summaries.append(try await importer.importCSV(try String(contentsOfFile: data + "/" + list.file, encoding: .utf8), province: "42",
                                                          effective: list.effective.flatMap(Day.init),
                                                          lineage: try list.lineage.map { try String(contentsOfFile: data + "/" + $0, encoding: .utf8) },
                                                          actor: actor, db: db))
        }
        return summaries
    }

    /// A province's merger rule in the demo: the API's body plus the province code.
    struct ForProvince: Decodable, Sendable {
        var province: String
        var rule: MergerRuleDTO

        enum CodingKeys: String, CodingKey { case province }

        init(from decoder: Decoder) throws {
            province = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .province)
            rule = try MergerRuleDTO(from: decoder)
        }
    }

    /// One official unit list, the day it took effect and the lineage file of its reform, in order.
    struct UnitList: Decodable, Sendable {
        var file: String
        var effective: String?
        var lineage: String?
    }

    /// A demo record: the API's input body plus the code of the unit it is for.
    struct ForUnit<Input: Decodable & Sendable>: Decodable, Sendable {
        var unit: String
        var input: Input

        init(from decoder: Decoder) throws {
            unit = try UnitCode(from: decoder).unit
            input = try Input(from: decoder)
        }
    }

    /// Villages, organisations, assignments, activities and evaluations of the sponsorship conference.
    struct DemoSponsors: Decodable, Sendable {
        struct Village: Decodable, Sendable { var commune: String; var name: String; var model: Bool }
        struct Assignment: Decodable, Sendable {
            var organisation: String, target: String, ref: Ref, criteria: [Int], decisionNumber: String, decisionDate: String
            var agreementDue: String, agreementSigned: String?, pledgedMoney: Int64, pledgedInKind: String?
            enum Ref: Decodable, Sendable {
                case code(String), village(Int)
                init(from decoder: Decoder) throws {
                    let c = try decoder.singleValueContainer()
                    if let i = try? c.decode(Int.self) { self = .village(i) } else { self = .code(try c.decode(String.self)) }
                }
            }
        }
        struct Activity: Decodable, Sendable { var assignment: Int; var date: String; var description: String; var criterion: Int?; var amount: Int64 }
        struct Evaluation: Decodable, Sendable { var assignment: Int; var period: String; var rating: SponsorEvaluation.Rating; var note: String? }

        var villages: [Village]
        var organisations: [OrganisationDTO]
        var assignments: [Assignment]
        var activities: [Activity]
        var evaluations: [Evaluation]

        func load(db: any Database) async throws {
            let day = Day("2022-04-26")!
            var villageCodes: [String] = []
            for village in villages {
                let unit = try await VillageImporter.create([.init(communeCode: village.commune, name: village.name, code: nil)], on: day, actor: .demo, db: db)[0]
                unit.source = "demo"
                try await unit.save(on: db)
                villageCodes.append(unit.code)
                if village.model {
                    _ = try await RecognitionWriter.record(RecognitionDTO(grade: .model, decisionNumber: "KDC-\(unit.code) (demo)", date: "2021-12-20", source: DemoData.label),
                                                           unitCode: unit.code, actor: .demo, db: db)
                }
            }
            for organisation in organisations { _ = try await SponsorQueries.createOrganisation(organisation, actor: .demo, db: db) }
            var created: [SponsorAssignment] = []
            for a in assignments {
                let unit: String = switch a.ref { case .code(let code): code; case .village(let i): villageCodes[i] }
                created.append(try await SponsorQueries.assign(AssignmentDTO(organisation: a.organisation, unit: unit, criteria: a.criteria, decisionNumber: a.decisionNumber,
                                                                              decisionDate: a.decisionDate, agreementDue: a.agreementDue, agreementSigned: a.agreementSigned,
                                                                              pledgedMoney: a.pledgedMoney, pledgedInKind: a.pledgedInKind), actor: .demo, db: db) { _ in })
            }
            for activity in activities {
                let assignment = created[activity.assignment]
                let unit = try await AdminUnit.find(assignment.$unit.id, on: db)!
                _ = try await SponsorQueries.addActivity(ActivityDTO(date: activity.date, description: activity.description, criterion: activity.criterion, amount: activity.amount),
                                                         to: assignment, unit: unit, actor: .demo, db: db)
            }
            for evaluation in evaluations {
                let assignment = created[evaluation.assignment]
                let unit = try await AdminUnit.find(assignment.$unit.id, on: db)!
                _ = try await SponsorQueries.evaluate(EvaluationDTO(period: evaluation.period, rating: evaluation.rating, note: evaluation.note),
                                                      assignment: assignment, unit: unit, actor: .demo, db: db)
            }
        }
    }

    static let label = "Dữ liệu minh họa (demo)"

    /// Hương Khê's 2021 in figures: targets, the district's and the town's assessments, advanced
    /// communes, OCOP products and household models.
    struct DemoStatistics: Decodable, Sendable {
        struct Target: Decodable, Sendable {
            var year: Int, code: String, name: String, unit: String?, direction: SocioTarget.Direction, plan: Double, actual: Double?
        }
        var targets: [Target]
        var ocop: [OcopDTO]
        var householdModels: [HouseholdModelDTO]
        var assessments: [ForUnit<AssessmentInputDTO>]
        var recognitions: [ForUnit<RecognitionDTO>]

        func load(db: any Database) async throws {
            let district = try await UnitQueries.require(code: "444", on: Day("2021-12-31"), db: db)
            for t in targets {
                _ = try await StatisticsWriter.saveTarget(TargetDTO(year: t.year, code: t.code, name: t.name, unit: t.unit, direction: t.direction, plan: t.plan, actual: t.actual,
                                                                    linkedIndicator: nil),
                                                          unit: district, actor: .demo, db: db)
            }
            for product in ocop {
                let unit = try await UnitQueries.require(code: product.unit, on: Day(product.certifiedOn), db: db)
                _ = try await StatisticsWriter.saveOcop(product, unit: unit, actor: .demo, db: db)
            }
            for models in householdModels {
                let unit = try await UnitQueries.require(code: models.unit, on: Day(year: models.year, month: 12, day: 31), db: db)
                _ = try await StatisticsWriter.saveHouseholdModels(models, unit: unit, actor: .demo, db: db)
            }
            for record in assessments { _ = try await AssessmentWriter.record(record.input, unitCode: record.unit, actor: .demo, db: db) }
            for record in recognitions { _ = try await RecognitionWriter.record(record.input, unitCode: record.unit, actor: .demo, db: db) }
        }
    }

    private struct UnitCode: Decodable {
        var unit: String
    }

}
