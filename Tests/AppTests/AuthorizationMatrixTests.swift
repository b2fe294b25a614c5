@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

/// Every write route × every role × inside / outside the role's unit scope. The expectations are
/// written out here, not derived from `AccessPolicy`, so the policy is checked, not mirrored.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Operation: String, CaseIterable {
        case createAssessment, correctAssessment, createVillage, importVillages
        case submit, pass, returnDossier, recognise, revoke
        case historicRecognition, editProvincialSet, createUser, readAudit, createToken
        case createPlan, replacePlanTasks, importPlanTasks
        case createFundingNeed, createOrganisation, assignSponsor, reportActivity, evaluateSponsor
        case saveTarget, saveOcop, saveHouseholdModels, saveScenario
        case handleReport, loadBoundary, openDossier, enterSurvey
    }

    /// Roles allowed each operation on Hương Bình (18523) when the target lies in their scope.
    static let allowedInScope: [Operation: Set<Role>] = [
        .createAssessment: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .correctAssessment: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .createVillage: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .importVillages: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .submit: [.admin, .communeOfficer],
        .pass: [.admin, .districtOfficer],
        .returnDossier: [.admin, .districtOfficer],
        .recognise: [.admin, .provincialOffice],
        .revoke: [.admin, .provincialOffice],
        .historicRecognition: [.admin],
        .editProvincialSet: [.admin, .provincialOffice],
        .createUser: [.admin],
        .readAudit: [.admin],
        .createToken: Set(Role.allCases),
        .createPlan: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .replacePlanTasks: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .importPlanTasks: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .createFundingNeed: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .createOrganisation: [.admin, .provincialOffice],
        .assignSponsor: [.admin, .provincialOffice],
        .reportActivity: [.admin, .provincialOffice, .sponsor],
        .evaluateSponsor: [.admin, .provincialOffice],
        .saveTarget: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .saveOcop: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .saveHouseholdModels: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .saveScenario: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .handleReport: [.admin, .provincialOffice, .districtOfficer, .communeOfficer],
        .loadBoundary: [.admin, .provincialOffice],
        .openDossier: [.admin, .communeOfficer],
        .enterSurvey: [.admin, .front],
    ]
    /// Outside their scope only administrators act; a token is always one's own; organisations
    /// belong to no unit, so any provincial office may register one. A sponsor "out of scope"
    /// belongs to another organisation than the assignment's.
    static let allowedOutOfScope: [Operation: Set<Role>] = Dictionary(uniqueKeysWithValues: Operation.allCases.map {
        ($0, $0 == .createToken ? Set(Role.allCases) : ($0 == .createOrganisation ? [.admin, .provincialOffice] : [.admin]))
    })

    static let inScope: [Role: String?] = [.admin: nil, .provincialOffice: "42", .districtOfficer: "444", .communeOfficer: "18523", .sponsor: "444",
                                           .front: "18523", .viewer: "42"]
    static let outOfScope: [Role: String?] = [.admin: nil, .provincialOffice: "40", .districtOfficer: "447", .communeOfficer: "18502", .sponsor: "447",
                                              .front: "18502", .viewer: "40"]

    @Test("Each role may do exactly what its grant says, inside its scope and not outside it")
    func matrix() async throws {
        try await withNTMApp { app async throws in
            try await Self.setUp(app)
            var counter = 0
            for (scopes, allowed, label) in [(Self.inScope, Self.allowedInScope, "in scope"), (Self.outOfScope, Self.allowedOutOfScope, "out of scope")] {
                for role in Role.allCases {
                    counter += 1
                    let organisation = role == .sponsor ? (label == "in scope" ? "Org" : "Other Org") : nil
                    let (_, headers) = try await makeUser(app, "u\(counter)-\(role.rawValue)", role: role, scope: scopes[role]!, organisation: organisation)
                    for operation in Operation.allCases {
                        try await Self.prepare(operation, app)
                        let auditBefore = try await AuditEvent.query(on: app.db).count()
                        let status = try await Self.perform(operation, app, headers: headers, n: counter)
                        let audited = try await AuditEvent.query(on: app.db).count() - auditBefore
                        let expected = allowed[operation]!.contains(role)
                        if expected {
                            #expect((200..<300).contains(Int(status.code)), "\(operation) by \(role.rawValue) \(label): \(status)")
                            // Every write leaves its audit record; reading the trail writes none.
                            #expect(operation == .readAudit ? audited == 0 : audited >= 1, "\(operation) wrote \(audited) audit records")
                        } else {
                            #expect(audited == 0, "a refused \(operation) must write nothing")
                            #expect(status == .forbidden, "\(operation) by \(role.rawValue) \(label) should be 403, was \(status)")
                        }
                    }
                }
            }
        }
    }

    @Test("Without credentials every write route answers 401")
    func anonymous() async throws {
        try await withNTMApp { app async throws in
            try await Self.setUp(app)
            for operation in Operation.allCases {
                try await Self.prepare(operation, app)
                let status = try await Self.perform(operation, app, headers: [:], n: 0)
                #expect(status == .unauthorized, "\(operation): \(status)")
            }
        }
    }

    /// Hà Tĩnh's units, one unit of another province (40), Hương Bình at 20/20 on 26/04/2022.
    static func setUp(_ app: Application) async throws {
        try await importHaTinh(app)
        let other = """
        province_code,province,district_code,district,district_type,ward_code,ward,ward_type,lat,lon
        40,Tỉnh Nghệ An,412,Huyện Quỳnh Lưu,Huyện,16840,Xã Quỳnh Thắng,Xã,19.2,105.6
        """
        _ = try await AdminUnitImporter(regions: [:]).importCSV(other, province: nil, actor: .cli, db: app.db)
        let all = AssessmentInputDTO(set: nil, date: "2022-04-26", note: nil, source: nil, values: nil,
                                     declarations: (1...20).map { .init(criterion: $0, met: true, note: nil) })
        _ = try await AssessmentWriter.record(all, unitCode: "18523", actor: .cli, db: app.db)
        _ = try await PlanWriter.create(NewPlanDTO(name: "Kế hoạch", start: "2022-05-01", target: "2022-12-31", calendar: nil, tasks: []),
                                        unitCode: "18523", actor: .cli, db: app.db) { _ in }
        _ = try await SponsorQueries.createOrganisation(OrganisationDTO(name: "Org", kind: .bank, contact: nil), actor: .cli, db: app.db)
        _ = try await SponsorQueries.assign(AssignmentDTO(organisation: "Org", unit: "18523", criteria: [2], decisionNumber: "1/QĐ", decisionDate: "2022-04-26",
                                                          agreementDue: "2022-05-10", agreementSigned: nil, pledgedMoney: 0, pledgedInKind: nil), actor: .cli, db: app.db) { _ in }
    }

    /// Puts the dossier (and recognitions) in the state the operation needs, so only permission decides.
    static func prepare(_ operation: Operation, _ app: Application) async throws {
        let unit = try await UnitQueries.require(code: "18523", on: Day("2022-04-26"), db: app.db)
        try await Recognition.query(on: app.db).filter(\.$unit.$id == unit.requireID()).delete()
        try await DossierEvent.query(on: app.db).delete()
        try await Dossier.query(on: app.db).delete()
        let state: DossierState? = switch operation {
        case .pass, .returnDossier: .submitted
        case .recognise: .appraised
        case .revoke: .recognised
        case .enterSurvey: .preparing
        default: nil
        }
        guard let state else { return }
        let assessment = try await Assessment.query(on: app.db).filter(\.$unit.$id == unit.requireID()).filter(\.$asOf == "2022-04-26").first()!
        let dossier = Dossier(unitID: try unit.requireID(), assessmentID: try assessment.requireID(), grade: .standard, state: state)
        try await dossier.create(on: app.db)
        if state == .preparing {
            try await DossierProcedureRecord(dossierID: try dossier.requireID(), procedureCode: "xa-ntm-qd18-2022-3-cap", openedOn: Day("2022-04-26")!).create(on: app.db)
        }
        // A unit whose recognition is revoked must have one.
        if state == .recognised {
            try await Recognition(unitID: unit.requireID(), grade: .standard, decisionNumber: "1/QĐ", decidedOn: Day("2022-06-01")!, note: nil, source: nil).create(on: app.db)
        }
    }

    static func perform(_ operation: Operation, _ app: Application, headers: HTTPHeaders, n: Int) async throws -> HTTPResponseStatus {
        var headers = headers
        var method = HTTPMethod.POST
        var path = "/api/v1/units/18523/dossier"
        var body: String
        let day = "2022-05-\(String(format: "%02d", 1 + n % 28))"
        switch operation {
        case .createAssessment:
            path = "/api/v1/units/18523/assessments"
            body = #"{"date": "2023-\#(String(format: "%02d", 1 + n % 12))-\#(String(format: "%02d", 1 + n / 12))", "declarations": [{"criterion": 1, "met": true}]}"#
        case .correctAssessment:
            let unit = try await UnitQueries.require(code: "18523", on: Day("2022-04-26"), db: app.db)
            let version = try await Assessment.query(on: app.db).filter(\.$unit.$id == unit.requireID()).filter(\.$asOf == "2022-04-26").first()!.version
            method = .PUT
            path = "/api/v1/units/18523/assessments"
            let declarations = (1...20).map { #"{"criterion": \#($0), "met": true}"# }.joined(separator: ",")
            body = #"{"version": \#(version), "assessment": {"date": "2022-04-26", "note": "sửa \#(n)", "declarations": [\#(declarations)]}}"#
        case .createVillage:
            path = "/api/v1/units/18523/villages?date=2022-04-26"
            body = #"{"name": "Thôn \#(n)-\#(UUID().uuidString.prefix(4))"}"#
        case .importVillages:
            path = "/api/v1/villages/import?date=2022-04-26"
            headers.contentType = .plainText
            return try await send(app, method, path, headers: headers, body: "commune_code,name\n18523,Thôn nhập \(n)-\(UUID().uuidString.prefix(4))\n")
        case .submit: body = #"{"step": "submit", "date": "2022-04-26"}"#
        case .openDossier: body = #"{"step": "open", "date": "2022-04-26"}"#
        case .enterSurvey:
            method = .PUT
            path = "/api/v1/units/18523/dossier/survey?date=2022-04-26"
            body = #"{"villages": []}"#
        case .pass: body = #"{"step": "pass", "date": "2022-04-26"}"#
        case .returnDossier: body = #"{"step": "return", "date": "2022-04-26", "note": "thiếu biên bản"}"#
        case .recognise: body = #"{"step": "recognise", "date": "2022-04-26", "decisionNumber": "12/QĐ-UBND", "decisionDate": "\#(day)"}"#
        case .revoke: body = #"{"step": "revoke", "date": "2022-07-01", "note": "không duy trì", "decisionDate": "2022-07-01"}"#
        case .historicRecognition:
            path = "/api/v1/units/18523/recognitions"
            body = #"{"grade": "standard", "decisionNumber": "99/QĐ-UBND", "date": "\#(day)"}"#
        case .editProvincialSet:
            method = .PUT
            path = "/api/v1/criteria-sets/ha-tinh-thu"
            body = #"{"code": "ha-tinh-thu", "name": {"vi": "Thử \#(n)"}, "level": "village", "province": "42", "criteria": [{"number": 1, "name": {"vi": "A"}}]}"#
        case .createUser:
            path = "/api/v1/users"
            body = #"{"username": "new\#(n)-\#(UUID().uuidString.prefix(4).lowercased())", "displayName": "N", "role": "viewer", "scope": "42", "password": "mật khẩu dài đủ"}"#
        case .readAudit:
            return try await send(app, .GET, "/api/v1/audit", headers: headers, body: nil)
        case .createToken:
            path = "/api/v1/tokens"
            body = #"{"name": "script \#(n)"}"#
        case .createPlan:
            path = "/api/v1/units/18523/plans?date=2022-05-01"
            body = #"{"name": "Kế hoạch \#(n)", "start": "2022-05-01", "target": "2022-12-31", "tasks": [{"code": "A", "name": "a", "duration": 2}]}"#
        case .loadBoundary:
            method = .PUT
            path = "/api/v1/units/42/boundary"
            body = #"{"type": "Polygon", "coordinates": [[[105.1, 18.0], [106.5, 18.0], [106.0, 18.8]]]}"#
        case .handleReport:
            // A fresh report of Hương Bình each time, so every allowed role finds one to take on.
            let unit = try await UnitQueries.require(code: "18523", on: Day("2022-04-26"), db: app.db)
            let code = "PA-TEST-\(String(format: "%04d", n % 10_000))".replacingOccurrences(of: "0", with: "A").replacingOccurrences(of: "1", with: "B")
            try await ResidentReport.query(on: app.db).filter(\.$trackingCode == code).delete()
            let report = ResidentReport(unitID: try unit.requireID(), trackingCode: code, criterionNumber: 2, villageID: nil, place: nil, latitude: nil,
                                        longitude: nil, description: "Đường sạt lở \(n)", phone: nil, senderKey: "k")
            try await report.create(on: app.db)
            method = .PATCH
            path = "/api/v1/reports/\(code)"
            body = #"{"status": "in-progress", "answer": "Đã tiếp nhận, đang kiểm tra"}"#
        case .saveScenario:
            path = "/api/v1/units/18523/what-if/scenarios"
            body = #"{"name": "Giả định \#(n)", "date": "2022-04-26", "changes": [{"unit": "18523", "criterion": 2, "met": false}]}"#
        case .createFundingNeed:
            path = "/api/v1/units/18523/funding-needs"
            body = #"{"criterion": 2, "date": "2022-04-26", "workItem": "Đường \#(n)", "need": 1000000000, "identified": [{"source": "central", "amount": 500000000}]}"#
        case .createOrganisation:
            path = "/api/v1/organisations"
            body = #"{"name": "Tổ chức \#(n)-\#(UUID().uuidString.prefix(4))", "kind": "company"}"#
        case .assignSponsor:
            path = "/api/v1/sponsor-assignments"
            body = #"{"organisation": "Org", "unit": "18523", "criteria": [2], "decisionNumber": "2/QĐ", "decisionDate": "2022-04-26", "agreementDue": "2022-05-10"}"#
        case .reportActivity, .evaluateSponsor:
            let unit = try await UnitQueries.require(code: "18523", on: Day("2022-04-26"), db: app.db)
            let assignment = try await SponsorAssignment.query(on: app.db).filter(\.$unit.$id == unit.requireID()).sort(\.$createdAt).first()!
            path = "/api/v1/sponsor-assignments/\(assignment.id!)/" + (operation == .reportActivity ? "activities" : "evaluations")
            body = operation == .reportActivity ? #"{"date": "2022-06-01", "description": "Hỗ trợ \#(n)", "criterion": 2, "amount": 1000}"#
                : #"{"period": "2022-06", "rating": "in-progress"}"#
        case .saveTarget:
            path = "/api/v1/units/18523/targets"
            body = #"{"year": 2022, "code": "T\#(n)", "name": "Chỉ tiêu", "direction": "higher", "plan": 5}"#
        case .saveOcop:
            path = "/api/v1/ocop-products"
            body = #"{"unit": "18523", "name": "Sản phẩm \#(n)", "group": "Thực phẩm", "producer": "HTX", "producerKind": "cooperative", "stars": 3, "ratingLevel": "province", "certificate": "\#(n)", "certifiedOn": "2022-05-01", "expiresOn": "2025-05-01"}"#
        case .saveHouseholdModels:
            path = "/api/v1/household-models"
            body = #"{"unit": "18523", "year": 2022, "band": ">=100tr", "count": \#(n), "newCount": 0}"#
        case .replacePlanTasks, .importPlanTasks:
            let unit = try await UnitQueries.require(code: "18523", on: Day("2022-05-01"), db: app.db)
            let plan = try await Plan.query(on: app.db).filter(\.$unit.$id == unit.requireID()).filter(\.$name == "Kế hoạch").first()!
            if operation == .importPlanTasks {
                headers.contentType = .plainText
                return try await send(app, .POST, "/api/v1/plans/\(plan.id!)/tasks/import?version=\(plan.version)", headers: headers,
                                      body: "code,name,duration\nA,Việc \(n),3\n")
            }
            method = .PUT
            path = "/api/v1/plans/\(plan.id!)/tasks"
            body = #"{"version": \#(plan.version), "tasks": [{"code": "A", "name": "a \#(n)", "duration": 2}]}"#
        }
        headers.contentType = .json
        return try await send(app, method, path, headers: headers, body: body)
    }

    static func send(_ app: Application, _ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: String?) async throws -> HTTPResponseStatus {
        var status = HTTPResponseStatus.imATeapot
        try await app.testing().test(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) }) { res async throws in
            status = res.status
            if res.status == .unprocessableEntity || res.status == .conflict || res.status == .internalServerError || res.status == .badRequest {
                Issue.record("\(method) \(path): \(res.status) \(res.body.string)")
            }
        }
        return status
    }
}
