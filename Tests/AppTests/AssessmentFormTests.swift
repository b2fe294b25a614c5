@testable import App
import Fluent
import NTMDomain
import Testing
import Vapor
import VaporTesting

/// Issue 10, point 1: an officer records an assessment in the pages, with the API's checks.
@Suite("Assessment entry in the pages")
struct AssessmentFormTests {
    /// Every field of the page's assessment form with the value it shows, as a browser would send it.
    static func fields(in html: String) -> [String: String] {
        guard let start = html.range(of: "<form class=\"assessment\""), let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex) else { return [:] }
        let form = String(html[start.lowerBound..<end.lowerBound])
        var fields: [String: String] = [:]
        for match in form.matches(of: /<input([^>]*)>/) {
            let attributes = String(match.1)
            guard let name = attributes.firstMatch(of: /name="([^"]+)"/)?.1 else { continue }
            fields[String(name)] = attributes.firstMatch(of: /value="([^"]*)"/).map { String($0.1) } ?? ""
        }
        for match in form.matches(of: /<select[^>]*name="([^"]+)"[^>]*>(.*?)<\/select>/.dotMatchesNewlines()) {
            fields[String(match.1)] = String(match.2).firstMatch(of: /<option value="([^"]*)" selected/).map { String($0.1) } ?? ""
        }
        return fields
    }

    @Test("A commune officer enters values, a typing mistake comes back with what was typed, then the save shows what changed; the district total follows")
    func enterAssessment() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await makeUser(app, "xa-huongbinh", role: .communeOfficer, scope: "18523")
            var browser = Browser(app: app)
            #expect(try await browser.signIn("xa-huongbinh") == .seeOther)
            let (_, commune) = try await browser.get("/units/18523?date=2022-05-10")
            #expect(commune.contains("href=\"/units/18523/assessment?date=2022-05-10\""))
            let (status, page) = try await browser.get("/units/18523/assessment?date=2022-05-10")
            #expect(status == .ok)
            var fields = Self.fields(in: page)
            #expect(fields["date"] == "2022-05-10")
            #expect(fields["version"] == nil)   // a new assessment, not a correction
            #expect(fields.keys.filter { $0.hasPrefix("c") && Int($0.dropFirst()) != nil }.count == 20)
            let districtBefore = try await totalMet(app, "444", "2022-05-10")

            // A mistake: nothing is saved, the page keeps what was typed and names the field.
            fields["i5"] = "abc"
            fields["c7"] = "na"
            let (refused, body, _) = try await browser.post("/units/18523/assessment", form: fields)
            #expect(refused == .unprocessableEntity)
            #expect(body.contains("\"abc\" không phải là số") || body.contains("&quot;abc&quot; không phải là số"))
            #expect(body.contains("value=\"abc\""))
            #expect(body.contains("<option value=\"na\" selected>"))
            #expect(try await Assessment.query(on: app.db).filter(\.$asOf == "2022-05-10").count() == 0)

            // Corrected and saved: criterion 7 not applicable, the scorecard 19/19, the message says what changed.
            fields["i5"] = "80,5"
            let (saved, _, location) = try await browser.post("/units/18523/assessment", form: fields)
            #expect(saved == .seeOther)
            #expect(location == "/units/18523?date=2022-05-10")
            let (_, after) = try await browser.get("/units/18523?date=2022-05-10")
            #expect(after.contains("id=\"flash\""))
            #expect(after.contains("20/20 → 19/19"))
            #expect(after.contains("không áp dụng"))
            #expect(after.contains("19/19"))
            let (_, again) = try await browser.get("/units/18523?date=2022-05-10")
            #expect(!again.contains("id=\"flash\""))   // shown once
            #expect(try await totalMet(app, "444", "2022-05-10") == districtBefore - 1)
            let stored = try #require(try await Assessment.query(on: app.db).filter(\.$asOf == "2022-05-10").with(\.$values).first())
            #expect(stored.values.first { $0.indicatorCode == "2.4" }?.value == .number(80.5))

            // Opening the form again corrects that day's assessment, with its version.
            let (_, correction) = try await browser.get("/units/18523/assessment?date=2022-05-10")
            let corrected = Self.fields(in: correction)
            #expect(corrected["version"] == "1")
            #expect(corrected["c7"] == "na")
            #expect(corrected["i5"] == "80,5")
        }
    }

    @Test("An officer of another commune sees no link and is refused the form and a forged save; a visitor must sign in")
    func outOfScope() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await makeUser(app, "xa-khac", role: .communeOfficer, scope: "18508")
            var browser = Browser(app: app)
            #expect(try await browser.get("/units/18523/assessment?date=2022-05-10").0 == .unauthorized)
            #expect(try await browser.signIn("xa-khac") == .seeOther)
            let (_, commune) = try await browser.get("/units/18523?date=2022-05-10")
            #expect(!commune.contains("/units/18523/assessment"))
            #expect(try await browser.get("/units/18523/assessment?date=2022-05-10").0 == .forbidden)
            let (_, own) = try await browser.get("/units/18508?date=2022-05-10")
            let token = try #require(Browser.csrf(in: own))
            let (forged, _, _) = try await browser.post("/units/18523/assessment", form: ["_csrf": token, "date": "2022-05-10", "c1": "met"])
            #expect(forged == .forbidden)
            #expect(try await Assessment.query(on: app.db).filter(\.$asOf == "2022-05-10").count() == 0)
        }
    }

    @Test("Numbers as officers type them: 85,5 · 1.346,7 · 12.500 · 85.5 · 12 %")
    func formNumbers() {
        #expect(FormNumber.parse("85,5") == 85.5)
        #expect(FormNumber.parse("1.346,7") == 1346.7)
        #expect(FormNumber.parse("12.500") == 12500)
        #expect(FormNumber.parse("85.5") == 85.5)
        #expect(FormNumber.parse("12 %") == 12)
        #expect(FormNumber.parse("abc") == nil)
        #expect(FormNumber.parse("1,2,3") == nil)
        #expect(FormNumber.display(80.5, vietnamese: true) == "80,5")
        #expect(FormNumber.display(100, vietnamese: true) == "100")
    }

    private func totalMet(_ app: Application, _ code: String, _ date: String) async throws -> Int {
        var total = -1
        try await app.testing().test(.GET, "/api/v1/units/\(code)/scorecard?date=\(date)") { res async throws in
            total = try res.content.decode(ScorecardDTO.self).totalMet ?? -1
        }
        return total
    }
}
