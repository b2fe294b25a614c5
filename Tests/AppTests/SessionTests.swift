@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

/// A browser: keeps the session cookie and reads the CSRF token out of the pages it gets.
struct Browser {
    let app: Application
    var cookie: String?

    mutating func get(_ path: String) async throws -> (HTTPResponseStatus, String) {
        var result: (HTTPResponseStatus, String) = (.imATeapot, "")
        try await app.testing().test(.GET, path, headers: headers()) { res async throws in
            keep(res)
            result = (res.status, res.body.string)
        }
        return result
    }

    mutating func post(_ path: String, form: [String: String]) async throws -> (HTTPResponseStatus, String, String?) {
        var h = headers()
        h.contentType = .urlEncodedForm
        let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.value)" }.joined(separator: "&")
        var result: (HTTPResponseStatus, String, String?) = (.imATeapot, "", nil)
        try await app.testing().test(.POST, path, headers: h, body: ByteBuffer(string: body)) { res async throws in
            keep(res)
            result = (res.status, res.body.string, res.headers.first(name: .location))
        }
        return result
    }

    func headers() -> HTTPHeaders {
        var h = HTTPHeaders()
        if let cookie { h.add(name: .cookie, value: "ntm-session=\(cookie)") }
        return h
    }

    mutating func keep(_ res: TestingHTTPResponse) {
        if let value = res.headers.setCookie?["ntm-session"]?.string, !value.isEmpty { cookie = value }
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Signs in through the login form, as a person would.
    mutating func signIn(_ username: String, _ password: String = "correct horse battery") async throws -> HTTPResponseStatus {
        let (_, page) = try await get("/login")
        let token = try #require(Self.csrf(in: page))
        return try await post("/login", form: ["username": username, "password": password, "_csrf": token, "next": "/"]).0
    }
}

@Suite("Sessions, CSRF and sign-in")
struct SessionTests {
    @Test("Sign-in with the form's token works; the cookie is HttpOnly and SameSite")
    func signIn() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            try await makeUser(app, "xa1", role: .communeOfficer, scope: "42")
            var browser = Browser(app: app)
            let (_, page) = try await browser.get("/login")
            try await app.testing().test(.GET, "/login") { res async throws in
                let cookie = try #require(res.headers.setCookie?["ntm-session"])
                #expect(cookie.isHTTPOnly)
                #expect(cookie.sameSite == .lax)
            }
            let token = try #require(Browser.csrf(in: page))
            let (status, _, location) = try await browser.post("/login", form: ["username": "XA1", "password": "correct horse battery", "_csrf": token])
            #expect(status == .seeOther || status == .found)
            #expect(location == "/")
            let (_, home) = try await browser.get("/")
            #expect(home.contains("xa1 (cán bộ xã)"))
        }
    }

    @Test("A form without the CSRF token, or with a wrong one, is refused with 403")
    func csrf() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            try await makeUser(app, "xa1", role: .communeOfficer, scope: "42")
            var browser = Browser(app: app)
            _ = try await browser.get("/login")
            let missing = try await browser.post("/login", form: ["username": "xa1", "password": "correct horse battery"])
            let wrong = try await browser.post("/login", form: ["username": "xa1", "password": "correct horse battery", "_csrf": "forged"])
            #expect(missing.0 == .forbidden)
            #expect(wrong.0 == .forbidden)
            #expect(missing.1.contains("CSRF"))

            #expect(try await browser.signIn("xa1") == .seeOther)
            let forged = try await browser.post("/units/18523/dossier", form: ["step": "submit", "_csrf": "nope"])
            #expect(forged.0 == .forbidden)
            #expect(try await Dossier.query(on: app.db).count() == 0)
        }
    }

    @Test("Wrong passwords are counted: the sixth attempt within 15 minutes is refused even with the right one")
    func rateLimit() async throws {
        try await withNTMApp { app async throws in
            try await importHaTinh(app)
            try await makeUser(app, "xa1", role: .viewer, scope: "42")
            var browser = Browser(app: app)
            for _ in 1...5 {
                #expect(try await browser.signIn("xa1", "wrong password!") == .unauthorized)
            }
            #expect(try await browser.signIn("xa1") == .tooManyRequests)
            #expect(try await LoginFailure.query(on: app.db).count() == 5)
        }
    }

    @Test("Through the page, a commune officer submits, the district passes, the province recognises")
    func workflowThroughPages() async throws {
        try await withNTMApp { app async throws in
            try await AuthorizationMatrixTests.setUp(app)
            try await makeUser(app, "xa.huongbinh", role: .communeOfficer, scope: "18523")
            try await makeUser(app, "huyen", role: .districtOfficer, scope: "444")
            try await makeUser(app, "tinh", role: .provincialOffice, scope: "42")
            let page = "/units/18523?date=2022-04-26"
            for (user, form) in [("xa.huongbinh", ["step": "submit"]), ("huyen", ["step": "pass"]),
                                 ("tinh", ["step": "recognise", "decisionNumber": "1234/QĐ-UBND", "decisionDate": "2022-06-01"])] {
                var browser = Browser(app: app)
                #expect(try await browser.signIn(user) == .seeOther)
                let (_, html) = try await browser.get(page)
                let token = try #require(Browser.csrf(in: html))
                var fields = form
                fields["_csrf"] = token
                fields["date"] = "2022-04-26"
                if form["step"] != "submit" {
                    // Irreversible steps ask first; nothing happens until confirmed.
                    let (asked, question, _) = try await browser.post("/units/18523/dossier", form: fields)
                    #expect(asked == .ok && question.contains("id=\"confirm-form\""), "\(user): \(question)")
                    fields["confirmed"] = "1"
                }
                let (status, body, _) = try await browser.post("/units/18523/dossier", form: fields)
                #expect(status == .seeOther, "\(user): \(body)")
            }
            let dossier = try #require(try await Dossier.query(on: app.db).first())
            #expect(dossier.state == .recognised)
            var browser = Browser(app: app)
            let (_, html) = try await browser.get("/units/18523?date=2022-06-02")
            #expect(html.contains("Đạt chuẩn (đã công nhận)"))
            #expect(html.contains("1234/QĐ-UBND"))
        }
    }
}

@Suite("Workflow, audit and concurrent edits")
struct WorkflowAPITests {
    func step(_ app: Application, _ headers: HTTPHeaders, _ body: String) async throws -> (HTTPResponseStatus, String) {
        try await sendJSON(app, .POST, "/api/v1/units/18523/dossier", headers, body)
    }

    @Test("Steps out of order are refused; return needs a reason; a submitted dossier locks its assessment")
    func transitions() async throws {
        try await withNTMApp { app async throws in
            try await AuthorizationMatrixTests.setUp(app)
            let admin = try await makeToken(app)
            #expect(try await step(app, admin, #"{"step": "pass", "date": "2022-04-26"}"#).0 == .conflict)
            #expect(try await step(app, admin, #"{"step": "recognise", "date": "2022-04-26", "decisionNumber": "1", "decisionDate": "2022-05-01"}"#).0 == .conflict)
            #expect(try await step(app, admin, #"{"step": "submit", "date": "2022-04-26"}"#).0 == .ok)
            #expect(try await step(app, admin, #"{"step": "submit", "date": "2022-04-26"}"#).0 == .conflict)

            var h = admin
            h.contentType = .json
            let correction = #"{"version": 1, "assessment": {"date": "2022-04-26", "declarations": [{"criterion": 1, "met": false}]}}"#
            try await app.testing().test(.PUT, "/api/v1/units/18523/assessments", headers: h, body: ByteBuffer(string: correction)) { res async throws in
                #expect(res.status == .conflict)
                #expect(res.body.string.contains("hồ sơ"))
            }
            let noReason = try await step(app, admin, #"{"step": "return", "date": "2022-04-26"}"#)
            #expect(noReason.0 == .unprocessableEntity)
            #expect(try await step(app, admin, #"{"step": "return", "date": "2022-04-26", "note": "thiếu biên bản họp dân"}"#).0 == .ok)
            try await app.testing().test(.PUT, "/api/v1/units/18523/assessments", headers: h, body: ByteBuffer(string: correction)) { res async throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(ScorecardDTO.self).met == 0)
            }
            // Now 1 of 20 is missing: a new submission is refused.
            let refused = try await step(app, admin, #"{"step": "submit", "date": "2022-04-26"}"#)
            #expect(refused.0 == .unprocessableEntity)
            try await app.testing().test(.GET, "/api/v1/units/18523/dossier?date=2022-04-26") { res async throws in
                let dossier = try res.content.decode(DossierDTO.self)
                #expect(dossier.state == .returned)
                #expect(dossier.events.map(\.step) == [.submit, .returnForRework])
                #expect(dossier.events.last?.note == "thiếu biên bản họp dân")
            }
        }
    }

    @Test("Recognition is recorded with its decision; revocation ends it")
    func recogniseAndRevoke() async throws {
        try await withNTMApp { app async throws in
            try await AuthorizationMatrixTests.setUp(app)
            let admin = try await makeToken(app)
            for body in [#"{"step": "submit", "date": "2022-04-26"}"#, #"{"step": "pass", "date": "2022-04-26"}"#,
                         #"{"step": "recognise", "date": "2022-04-26", "decisionNumber": "1234/QĐ-UBND", "decisionDate": "2022-06-01"}"#] {
                #expect(try await step(app, admin, body).0 == .ok)
            }
            try await app.testing().test(.GET, "/api/v1/units/18523/scorecard?date=2022-06-01") { res async throws in
                #expect(try res.content.decode(ScorecardDTO.self).level == .recognised)
            }
            #expect(try await step(app, admin, #"{"step": "revoke", "date": "2022-09-01", "note": "xuống cấp", "decisionDate": "2022-09-01"}"#).0 == .ok)
            try await app.testing().test(.GET, "/api/v1/units/18523/scorecard?date=2022-09-02") { res async throws in
                #expect(try res.content.decode(ScorecardDTO.self).level == .reachedStandard)
            }
        }
    }

    @Test("Every write leaves an audit record with who, what, old and new; the trail has no write route")
    func audit() async throws {
        try await withNTMApp { app async throws in
            try await AuthorizationMatrixTests.setUp(app)
            let (_, officer) = try await makeUser(app, "xa.huongbinh", role: .communeOfficer, scope: "18523")
            let before = try await AuditEvent.query(on: app.db).count()
            var h = officer
            h.contentType = .json
            try await app.testing().test(.POST, "/api/v1/units/18523/villages?date=2022-04-26", headers: h, body: ByteBuffer(string: #"{"name": "Thôn Mới"}"#)) { res async throws in
                #expect(res.status == .created)
            }
            try await app.testing().test(.PUT, "/api/v1/units/18523/assessments", headers: h,
                                         body: ByteBuffer(string: #"{"version": 1, "assessment": {"date": "2022-04-26", "declarations": [{"criterion": 2, "met": false}]}}"#)) { res async throws in
                #expect(res.status == .ok)
            }
            let events = try await AuditEvent.query(on: app.db).sort(\.$at).all().dropFirst(before)
            #expect(events.map(\.entity) == ["village", "assessment"])
            let correction = try #require(events.last)
            #expect(correction.actorName == "xa.huongbinh")
            #expect(correction.action == "update")
            #expect(correction.oldValue?.contains(#""criterion":20"#) == true)
            #expect(correction.newValue?.contains(#""criterion":2"#) == true)
            let admin = try await makeToken(app)
            for method in [HTTPMethod.DELETE, .PUT, .PATCH] {
                try await app.testing().test(method, "/api/v1/audit", headers: admin) { res async throws in
                    #expect(res.status == .notFound)
                }
            }
        }
    }

    @Test("Two officers edit the same assessment: the second save is refused with who changed it")
    func concurrentEdit() async throws {
        try await withNTMApp { app async throws in
            try await AuthorizationMatrixTests.setUp(app)
            let (_, first) = try await makeUser(app, "can.bo.a", role: .communeOfficer, scope: "18523")
            let (_, second) = try await makeUser(app, "can.bo.b", role: .districtOfficer, scope: "444")
            let body = #"{"version": 1, "assessment": {"date": "2022-04-26", "declarations": [{"criterion": 3, "met": false}]}}"#
            var h1 = first, h2 = second
            h1.contentType = .json
            h2.contentType = .json
            try await app.testing().test(.PUT, "/api/v1/units/18523/assessments", headers: h1, body: ByteBuffer(string: body)) { res async throws in
                #expect(res.status == .ok)
            }
            try await app.testing().test(.PUT, "/api/v1/units/18523/assessments", headers: h2, body: ByteBuffer(string: body)) { res async throws in
                #expect(res.status == .conflict)
                let error = try res.content.decode(ErrorBody.self)
                #expect(error.field == "version")
                #expect(error.reason.contains("can.bo.a"))
            }
        }
    }
}
