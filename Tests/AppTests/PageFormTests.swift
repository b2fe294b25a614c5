@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

/// Issue 10, points 2 and 3: every write of the API can be done in the pages, with the API's own checks.
@Suite("Page forms for the API's writes")
struct PageFormTests {
    /// The fields of a page form as a browser would send them: inputs, selects (their chosen option), textareas.
    static func fields(in html: String) -> [String: String] {
        guard let start = html.range(of: "<form class=\"page-form\""), let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex) else { return [:] }
        let form = String(html[start.lowerBound..<end.lowerBound])
        var fields: [String: String] = [:]
        for match in form.matches(of: /<input([^>]*)>/) {
            let attributes = String(match.1)
            guard let name = attributes.firstMatch(of: /name="([^"]+)"/)?.1, !attributes.contains("type=\"file\"") else { continue }
            if attributes.contains("type=\"checkbox\"") {
                if attributes.contains(" checked") { fields[String(name)] = "on" }
                continue
            }
            fields[String(name)] = attributes.firstMatch(of: /value="([^"]*)"/).map { String($0.1) } ?? ""
        }
        for match in form.matches(of: /<select[^>]*name="([^"]+)"[^>]*>(.*?)<\/select>/.dotMatchesNewlines()) {
            fields[String(match.1)] = String(match.2).firstMatch(of: /<option value="([^"]*)" selected/).map { String($0.1) }
                ?? String(match.2).firstMatch(of: /<option value="([^"]*)"/).map { String($0.1) } ?? ""
        }
        for match in form.matches(of: /<textarea[^>]*name="([^"]+)"[^>]*>(.*?)<\/textarea>/.dotMatchesNewlines()) {
            fields[String(match.1)] = String(match.2).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
        }
        return fields
    }

    /// The error shown beside a field of the form.
    static func fieldError(_ html: String, _ name: String) -> String? {
        let id = "f-" + name.replacingOccurrences(of: ".", with: "-") + "-error"
        guard let range = html.range(of: "id=\"\(id)\">") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "<" })
    }

    @Test("Every write route of the API has a page form or a page of its own, and every page form exists")
    func everyWriteHasAPage() async throws {
        // Route → where the pages do the same write.
        let pages: [String: String] = [
            "POST /api/v1/units/:code/assessments": "/units/{code}/assessment",
            "PUT /api/v1/units/:code/assessments": "/units/{code}/assessment",
            "POST /api/v1/units/:code/assessments/import": "/units/{code}/import",
            "POST /api/v1/units/:code/dossier": "/units/{code} (dossier panel)",
            "POST /api/v1/units/:code/dossier/steps": "/units/{code}/dossier",
            "PUT /api/v1/units/:code/dossier/posting": "/units/{code}/dossier",
            "PUT /api/v1/units/:code/dossier/survey": "/units/{code}/dossier",
            "PUT /api/v1/units/:code/dossier/council": "/units/{code}/dossier",
            "POST /api/v1/units/:code/dossier/documents": "/units/{code}/dossier",
            "POST /api/v1/units/:code/evidence": "/units/{code}/evidence",
            "POST /api/v1/units/:code/plans": "/units/{code}/plans",
            "PUT /api/v1/plans/:id/tasks": "/plans/{id}",
            "POST /api/v1/plans/:id/tasks/import": "/plans/{id}",
            "POST /api/v1/units/:code/what-if/scenarios": "/units/{code}/outlook",
            "PATCH /api/v1/reports/:tracking": "/units/{code}/reports/{tracking}",
            "PUT /api/v1/users/:username/scope": "/accounts/scopes",
            "POST /api/v1/units/:code/funding-needs": "form:funding-need",
            "POST /api/v1/organisations": "form:organisation",
            "POST /api/v1/sponsor-assignments": "form:sponsor-assignment",
            "POST /api/v1/sponsor-assignments/:id/activities": "form:sponsor-activity",
            "POST /api/v1/sponsor-assignments/:id/evaluations": "form:sponsor-evaluation",
            "POST /api/v1/units/:code/targets": "form:target",
            "POST /api/v1/ocop-products": "form:ocop-product",
            "POST /api/v1/household-models": "form:household-models",
            "POST /api/v1/units/:code/villages": "form:village",
            "POST /api/v1/villages/import": "form:villages-file",
            "POST /api/v1/units/:code/recognitions": "form:recognition",
            "POST /api/v1/units/:code/commune-groups": "form:commune-group",
            "PUT /api/v1/units/:code/merger-rules": "form:merger-rule",
            "PUT /api/v1/units/:code/boundary": "form:boundary",
            "PUT /api/v1/criteria-sets/:code": "form:criteria-set",
            "POST /api/v1/users": "form:user",
            "PUT /api/v1/users/:username/password": "form:user-password",
            "PUT /api/v1/users/:username/active": "form:user-active",
            "POST /api/v1/tokens": "form:token",
            "POST /api/v1/tokens/revoke": "form:token-revoke",
            // Residents write through the public portal's form; these compute and store nothing.
            "POST /api/v1/units/:code/reports": "/public/units/{code}",
            "POST /api/v1/schedule": "computes only",
            "POST /api/v1/units/:code/allocation": "/units/{code}/outlook (computes only)",
            "POST /api/v1/units/:code/what-if": "/units/{code}/outlook (computes only)",
        ]
        try await withNTMApp { app async throws in
            let forms = Set(WriteForms.all.map(\.name))
            for route in app.routes.all where route.path.first?.description == "api" && route.method != .GET && route.method != .HEAD {
                let key = "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
                let page = pages[key]
                #expect(page != nil, "\(key) has no page form")
                if let page, page.hasPrefix("form:") { #expect(forms.contains(String(page.dropFirst(5))), "\(key): no form \(page)") }
            }
        }
    }

    @Test("A funding need through its form: a mistake comes back with what was typed and the reason by the field; the save names the amounts and the funding page follows")
    func fundingNeed() async throws {
        try await withNTMApp(demo: true) { app async throws in
            var officer = Browser(app: app)
            #expect(try await officer.signIn("huongbinh", "ntm-xa-demo") == .seeOther)
            let (_, commune) = try await officer.get("/units/18523?date=2024-06-01")
            #expect(commune.contains("href=\"/forms/funding-need?unit=18523&amp;date=2024-06-01\""))
            let (status, page) = try await officer.get("/forms/funding-need?unit=18523&date=2024-06-01")
            #expect(status == .ok)
            var fields = Self.fields(in: page)
            #expect(fields["ctx.unit"] == "18523" && fields["date"] == "2024-06-01")
            let before = try await FundingNeed.query(on: app.db).count()

            fields["criterion"] = "2"
            fields["need"] = "1,5 tỷ"
            fields["identified.0.source"] = "provincial"
            fields["identified.0.amount"] = "200.000.000"
            let (refused, body, _) = try await officer.post("/forms/funding-need", form: fields)
            #expect(refused == .unprocessableEntity)
            #expect(Self.fieldError(body, "need")?.contains("không phải số tiền") == true)
            #expect(body.contains("value=\"1,5 tỷ\""))
            #expect(body.contains("value=\"200.000.000\""))
            #expect(try await FundingNeed.query(on: app.db).count() == before)

            // The writer's own check, by its field: an identified amount above the need.
            fields["need"] = "100.000.000"
            let (tooMuch, tooMuchBody, _) = try await officer.post("/forms/funding-need", form: fields)
            #expect(tooMuch == .unprocessableEntity)
            #expect(tooMuchBody.contains("id=\"problems\"") || Self.fieldError(tooMuchBody, "identified.0.amount") != nil)

            fields["need"] = "1.500.000.000"
            let (saved, _, location) = try await officer.post("/forms/funding-need", form: fields)
            #expect(saved == .seeOther)
            #expect(location == "/units/18523/funding?date=2024-06-01")
            let (_, funding) = try await officer.get(location ?? "")
            #expect(funding.contains("1.500.000.000 đồng, chưa xác định nguồn 1.300.000.000 đồng"))
            let need = try #require(try await FundingNeed.query(on: app.db).sort(\.$createdAt, .descending).first())
            #expect(need.need == 1_500_000_000 && need.criterionNumber == 2)
        }
    }

    @Test("An officer outside the unit's scope sees no form links, cannot open the form, and a forged post writes nothing")
    func outOfScope() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await makeUser(app, "xa.khac", role: .communeOfficer, scope: "18502", scopeDate: "2024-06-01")
            var other = Browser(app: app)
            #expect(try await other.signIn("xa.khac") == .seeOther)
            let (_, commune) = try await other.get("/units/18523?date=2024-06-01")
            #expect(!commune.contains("class=\"form-links\""))
            let (own, ownPage) = try await other.get("/units/18502?date=2024-06-01")
            #expect(own == .ok && ownPage.contains("/forms/funding-need?unit=18502"))
            let (status, _) = try await other.get("/forms/funding-need?unit=18523&date=2024-06-01")
            #expect(status == .forbidden)
            let (_, formPage) = try await other.get("/forms/funding-need?unit=18502&date=2024-06-01")
            let token = try #require(Browser.csrf(in: formPage))
            let before = try await FundingNeed.query(on: app.db).count()
            let (forged, _, _) = try await other.post("/forms/funding-need", form: ["_csrf": token, "ctx.unit": "18523", "ctx.date": "2024-06-01",
                                                                                    "criterion": "2", "date": "2024-06-01", "need": "1000"])
            #expect(forged == .forbidden)
            #expect(try await FundingNeed.query(on: app.db).count() == before)
            // Administration is the administrators'.
            #expect(try await other.get("/accounts").0 == .forbidden)
            #expect(try await other.get("/forms/user").0 == .forbidden)
        }
    }

    @Test("Administration in the pages: an account created, its password reset, deactivated (it can no longer sign in), and a token made and revoked")
    func administration() async throws {
        try await withNTMApp(demo: true) { app async throws in
            var admin = Browser(app: app)
            #expect(try await admin.signIn("admin", "ntm-admin-demo") == .seeOther)
            let (_, accounts) = try await admin.get("/accounts")
            #expect(accounts.contains("huongbinh") && accounts.contains("<caption>"))
            var fields = Self.fields(in: try await admin.get("/forms/user").1)
            fields["username"] = "can.bo.moi"
            fields["displayName"] = "Cán bộ mới"
            fields["role"] = "commune-officer"
            fields["scope"] = "18523"
            fields["password"] = "ngan"
            let (refused, refusedBody, _) = try await admin.post("/forms/user", form: fields)
            #expect(refused == .unprocessableEntity)
            #expect(Self.fieldError(refusedBody, "password")?.contains("10 ký tự") == true)
            #expect(!refusedBody.contains("value=\"ngan\""))   // a password is never sent back
            #expect(refusedBody.contains("value=\"can.bo.moi\""))
            fields["password"] = "mot-mat-khau-dai"
            #expect(try await admin.post("/forms/user", form: fields).0 == .seeOther)
            var newcomer = Browser(app: app)
            #expect(try await newcomer.signIn("can.bo.moi", "mot-mat-khau-dai") == .seeOther)

            var reset = Self.fields(in: try await admin.get("/forms/user-password?username=can.bo.moi").1)
            reset["password"] = "mat-khau-moi-2026"
            #expect(try await admin.post("/forms/user-password", form: reset).0 == .seeOther)
            var again = Browser(app: app)
            #expect(try await again.signIn("can.bo.moi", "mat-khau-moi-2026") == .seeOther)

            let deactivate = Self.fields(in: try await admin.get("/forms/user-active?username=can.bo.moi").1)
            #expect(deactivate["active"] == nil)   // unticked: saving deactivates
            #expect(try await admin.post("/forms/user-active", form: deactivate).0 == .seeOther)
            var locked = Browser(app: app)
            #expect(try await locked.signIn("can.bo.moi", "mat-khau-moi-2026") != .seeOther)
            let (_, after) = try await admin.get("/accounts")
            #expect(after.contains("đã khóa"))
            let selfLock = Self.fields(in: try await admin.get("/forms/user-active?username=admin").1)
            #expect(try await admin.post("/forms/user-active", form: selfLock).0 == .unprocessableEntity)

            var token = Self.fields(in: try await admin.get("/forms/token").1)
            token["name"] = "Máy báo cáo"
            let (made, _, next) = try await admin.post("/forms/token", form: token)
            #expect(made == .seeOther)
            let (_, shown) = try await admin.get(next ?? "/")
            let secret = try #require(shown.firstMatch(of: /(ntm_[0-9a-f]+)/)?.1)
            let bearer: HTTPHeaders = ["Authorization": "Bearer \(secret)"]
            try await app.testing().test(.GET, "/api/v1/audit", headers: bearer) { res async throws in #expect(res.status == .ok) }
            var revoke = Self.fields(in: try await admin.get("/forms/token-revoke").1)
            revoke["name"] = "Máy báo cáo"
            #expect(try await admin.post("/forms/token-revoke", form: revoke).0 == .seeOther)
            try await app.testing().test(.GET, "/api/v1/audit", headers: bearer) { res async throws in #expect(res.status == .unauthorized) }
            let events = try await AuditEvent.query(on: app.db).filter(\.$entity == "user").filter(\.$entityID == "can.bo.moi").all().map(\.action)
            #expect(Set(events) == ["create", "reset-password", "deactivate"])
        }
    }

    @Test("A criteria set through the page: the first save shows what would change and stores nothing; confirmed, it is saved")
    func criteriaSetPreview() async throws {
        try await withNTMApp(demo: true) { app async throws in
            var admin = Browser(app: app)
            #expect(try await admin.signIn("admin", "ntm-admin-demo") == .seeOther)
            let code = "ha-tinh-do-thi-van-minh-18"
            let (_, setPage) = try await admin.get("/criteria-sets/\(code)")
            #expect(setPage.contains("/forms/criteria-set?code=\(code)"))
            var fields = Self.fields(in: try await admin.get("/forms/criteria-set?code=\(code)").1)
            let stored = try #require(try await CriteriaSetRecord.query(on: app.db).filter(\.$code == code).first())
            var definition = try JSONDecoder().decode(CriteriaSetDefinition.self, from: Data(try #require(fields["text"]).utf8))
            #expect(definition.code == code)
            definition.criteria[0].name = LocalizedText(vi: "Tiêu chí một đã sửa", en: "Criterion one edited")
            fields["text"] = String(decoding: try JSONEncoder().encode(definition), as: UTF8.self)
            let (previewed, preview, _) = try await admin.post("/forms/criteria-set", form: fields)
            #expect(previewed == .ok)
            #expect(preview.contains("id=\"preview\"") && preview.contains("Tiêu chí một đã sửa"))
            #expect(try await CriteriaSetRecord.query(on: app.db).filter(\.$code == code).first()?.revision == stored.revision)
            fields["confirm"] = "on"
            let (saved, _, location) = try await admin.post("/forms/criteria-set", form: fields)
            #expect(saved == .seeOther)
            #expect(location == "/criteria-sets/\(code)")
            #expect(try await CriteriaSetRecord.query(on: app.db).filter(\.$code == code).first()?.revision == stored.revision + 1)
        }
    }

    @Test("A refused plan task comes back in the plan's form with what was typed and the reason in words; the import button says it replaces every task")
    func planTaskKept() async throws {
        try await withNTMApp(demo: true) { app async throws in
            var officer = Browser(app: app)
            #expect(try await officer.signIn("huongkhe", "ntm-huyen-demo") == .seeOther)
            var found: Plan?
            for plan in try await Plan.query(on: app.db).all() where try await AdminUnit.stored(plan.$unit.id, db: app.db).code == "18502" { found = plan }
            let plan = try #require(found)
            let (_, page) = try await officer.get("/plans/\(plan.id!.uuidString)?date=2022-06-01")
            let token = try #require(Browser.csrf(in: page))
            #expect(page.contains("Thay toàn bộ danh sách công việc bằng tệp"))
            let before = try await PlanTaskRecord.query(on: app.db).filter(\.$plan.$id == plan.requireID()).count()
            let (status, body, _) = try await officer.post("/plans/\(plan.id!.uuidString)/tasks", form: [
                "_csrf": token, "version": String(plan.version), "date": "2022-06-01", "code": "Z9", "name": "Việc mới thử",
                "duration": "5", "percentDone": "50%", "predecessors": "A1"])
            #expect(status == .unprocessableEntity)
            #expect(body.contains("id=\"task-problems\""))
            #expect(body.contains("% hoàn thành: &quot;50%&quot; không phải số nguyên") || body.contains("% hoàn thành: \"50%\" không phải số nguyên"))
            #expect(body.contains("value=\"50%\"") && body.contains("value=\"Việc mới thử\""))
            #expect(try await PlanTaskRecord.query(on: app.db).filter(\.$plan.$id == plan.requireID()).count() == before)
        }
    }
}
