@testable import App
import Fluent
import Foundation
import NTMDomain
import Testing
import Vapor
import VaporTesting

/// Issue 17: Hương Bình's dossier run through the whole procedure of 2022 (three tiers) over the
/// API — each step refused with what is wrong until it is right, each actor only on their steps.
@Suite("Recognition procedure of a dossier")
struct DossierProcedureTests {
    static let pdf: [UInt8] = Array("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".utf8)

    static func upload(_ app: Application, _ headers: HTTPHeaders, kind: String, date: String, name: String = "tai-lieu.pdf") async throws -> (HTTPResponseStatus, String) {
        var (h, body) = EvidenceTests.multipart(file: pdf, filename: name, fields: ["kind": kind, "date": date])
        h.add(contentsOf: headers)
        var result: (HTTPResponseStatus, String) = (.imATeapot, "")
        try await app.testing().test(.POST, "/api/v1/units/18523/dossier/documents", headers: h, body: body) { res async throws in result = (res.status, res.body.string) }
        return result
    }

    static func dossier(_ app: Application, unit: String = "18523", date: String) async throws -> DossierDTO {
        var dto: DossierDTO?
        try await app.testing().test(.GET, "/api/v1/units/\(unit)/dossier?date=\(date)") { res async throws in
            #expect(res.status == .ok, "\(res.body.string)")
            dto = try res.content.decode(DossierDTO.self)
        }
        return try #require(dto)
    }

    @Test("Hương Bình from self-assessment to the announced decision: every checker rule stops its step until fixed, and only the step's actor may act")
    func wholeProcedure() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let (_, commune) = try await makeUser(app, "xa-hb", role: .communeOfficer, scope: "18523")
            let (_, front) = try await makeUser(app, "mttq-hb", role: .front, scope: "18523")
            let (_, district) = try await makeUser(app, "huyen-hk", role: .districtOfficer, scope: "444")
            let (_, province) = try await makeUser(app, "tinh-ht", role: .provincialOffice, scope: "42")
            let steps = "/api/v1/units/18523/dossier/steps"

            // The demo's dossier was recorded outside the procedure: it has no steps, and its records cannot be written.
            #expect(try await Self.dossier(app, date: "2022-04-27").procedure == nil)
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/18523/dossier/posting", commune, #"{"from":"2022-05-04","to":"2022-05-19"}"#).0 == .conflict)
            // The district returns it; the commune opens a new one under the procedure in force.
            #expect(try await sendJSON(app, .POST, "/api/v1/units/18523/dossier", district, #"{"step":"return","date":"2022-04-28","note":"Lập lại theo quy trình"}"#).0 == .ok)
            let (opened, openedBody) = try await sendJSON(app, .POST, "/api/v1/units/18523/dossier", commune, #"{"step":"open","date":"2022-05-02"}"#)
            #expect(opened == .ok, "\(openedBody)")
            var dto = try await Self.dossier(app, date: "2022-05-02")
            #expect(dto.state == .preparing)
            #expect(dto.procedure?.code == "xa-ntm-qd18-2022-3-cap")
            #expect(dto.steps.map(\.step) == ["self-assessment", "public-posting", "survey", "proposal", "district-review", "appraisal", "council", "decision", "announcement"])
            let selfAssessment = try #require(dto.steps.first)
            #expect(selfAssessment.problems.contains { $0.contains("Báo cáo kết quả") })
            #expect(selfAssessment.problems.contains { $0.contains("Chưa có minh chứng cho tiêu chí 1, 2") })

            // Closing the self-assessment: refused with every problem at once; nothing written.
            let (refused, refusedBody) = try await sendJSON(app, .POST, steps, commune, #"{"step":"self-assessment","date":"2022-05-03"}"#)
            #expect(refused == .unprocessableEntity)
            #expect(refusedBody.contains("Thiếu tài liệu") && refusedBody.contains("minh chứng"))
            // The front may not close the commune's step; the commune may not skip to the survey.
            #expect(try await sendJSON(app, .POST, steps, front, #"{"step":"self-assessment","date":"2022-05-03"}"#).0 == .forbidden)
            #expect(try await sendJSON(app, .POST, steps, commune, #"{"step":"survey","date":"2022-05-03"}"#).0 == .forbidden)

            for kind in ["result-report", "debt-report", "photos"] {
                let (status, body) = try await Self.upload(app, commune, kind: kind, date: "2022-05-03")
                #expect(status == .created, "\(kind): \(body)")
            }
            #expect(try await Self.upload(app, commune, kind: "no-such-kind", date: "2022-05-03").0 == .unprocessableEntity)
            #expect(try await Self.upload(app, front, kind: "photos", date: "2022-05-03").0 == .forbidden)
            // Evidence for every criterion of the assessment the dossier rests on.
            let unit = try await UnitQueries.require(code: "18523", on: Day("2022-05-03"), db: app.db)
            let catalog = try await CriteriaQueries.catalog(db: app.db)
            let set = try #require(catalog.inForce(level: .commune, provinceCode: "42", on: Day("2022-05-03")!))
            for criterion in set.criteria {
                _ = try await EvidenceStore.save(ByteBuffer(bytes: Self.pdf), filename: "tc\(criterion.number).pdf", unit: unit, indicator: criterion.indicators.first?.code,
                                                 note: nil, on: Day("2022-05-03")!, actor: .cli, dataDirectory: app.config.dataDirectory, catalog: catalog, db: app.db)
            }
            let (closed, closedBody) = try await sendJSON(app, .POST, steps, commune, #"{"step":"self-assessment","date":"2022-05-03"}"#)
            #expect(closed == .ok, "\(closedBody)")
            #expect(try await sendJSON(app, .POST, steps, commune, #"{"step":"self-assessment","date":"2022-05-03"}"#).0 == .conflict)

            // Deadlines: the posting is due 20 days after the self-assessment closed; on 1 June it is overdue.
            dto = try await Self.dossier(app, date: "2022-06-01")
            #expect(dto.steps[1].due == "2022-05-23" && dto.steps[1].overdue)
            // …and the district, the province and the steering committee's report say so.
            let (lateStatus, lateBody) = try await sendJSON(app, .GET, "/api/v1/units/444/dossier-deadlines?date=2022-06-01", [:], "")
            #expect(lateStatus == .ok && lateBody.contains("\"daysLate\":9") && lateBody.contains("public-posting"), "\(lateBody)")
            for path in ["/units/444?date=2022-06-01", "/units/42?date=2022-06-01", "/units/444/report?date=2022-06-01"] {
                try await app.testing().test(.GET, path) { res async throws in
                    #expect(res.body.string.contains("Xã Hương Bình</a>: Công khai báo cáo") || res.body.string.contains("Xã Hương Bình: Công khai báo cáo"), "\(path)")
                    #expect(res.body.string.contains("quá 9 ngày"), "\(path)")
                }
            }
            #expect(try await sendJSON(app, .GET, "/api/v1/units/444/dossier-deadlines?date=2022-05-20", [:], "").1 == #"{"items":[]}"#)

            // Posted 7 days: too short. Posted 16 days: the posting closes.
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/18523/dossier/posting", commune, #"{"from":"2022-05-04","to":"2022-05-10","places":"Trụ sở xã, 9 thôn"}"#).0 == .ok)
            #expect(try await Self.upload(app, commune, kind: "comments-summary", date: "2022-05-20").0 == .created)
            let (short, shortBody) = try await sendJSON(app, .POST, steps, commune, #"{"step":"public-posting","date":"2022-05-20"}"#)
            #expect(short == .unprocessableEntity && shortBody.contains("niêm yết 7 ngày"), "\(shortBody)")
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/18523/dossier/posting", commune, #"{"from":"2022-05-04","to":"2022-05-19"}"#).0 == .ok)
            #expect(try await sendJSON(app, .POST, steps, commune, #"{"step":"public-posting","date":"2022-05-20"}"#).0 == .ok)

            // The Front's survey, village by village: one village missing and one asked too few, then right.
            let villages = try await UnitQueries.children(of: unit, on: Day("2022-05-21")!, db: app.db).filter { $0.level == .village }.map(\.code)
            #expect(villages.count == 9)
            func survey(_ rows: [(String, Int, Int, Int)]) -> String {
                #"{"villages":["# + rows.map { #"{"code":"\#($0.0)","households":\#($0.1),"asked":\#($0.2),"satisfied":\#($0.3)}"# }.joined(separator: ",") + "]}"
            }
            var rows = villages.dropLast().map { ($0, 200, 160, 150) }
            rows[0].2 = 100
            rows[0].3 = 95
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/18523/dossier/survey?date=2022-05-21", commune, survey(rows)).0 == .forbidden)
            let (impossible, impossibleBody) = try await sendJSON(app, .PUT, "/api/v1/units/18523/dossier/survey?date=2022-05-21", front, survey([(villages[0], 100, 120, 10)]))
            #expect(impossible == .unprocessableEntity && impossibleBody.contains("villages[0].asked"))
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/18523/dossier/survey?date=2022-05-21", front, survey(rows)).0 == .ok)
            #expect(try await Self.upload(app, front, kind: "survey-result", date: "2022-06-05").0 == .created)
            let (low, lowBody) = try await sendJSON(app, .POST, steps, front, #"{"step":"survey","date":"2022-06-05"}"#)
            #expect(low == .unprocessableEntity)
            #expect(lowBody.contains("50 % số hộ") && lowBody.contains("chưa nhập kết quả lấy ý kiến"), "\(lowBody)")
            rows[0].2 = 160
            rows[0].3 = 150
            rows.append((villages[8], 120, 90, 85))
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/18523/dossier/survey?date=2022-06-04", front, survey(rows)).0 == .ok)
            #expect(try await sendJSON(app, .POST, steps, front, #"{"step":"survey","date":"2022-06-05"}"#).0 == .ok)
            dto = try await Self.dossier(app, date: "2022-06-05")
            let survey = try #require(dto.survey)
            #expect(survey.villages.count == 9 && abs(survey.coverage - Double(160 * 8 + 90) / Double(200 * 8 + 120)) < 1e-9)

            // Submission closes the proposal: refused without its minutes and request, then accepted.
            let (noMinutes, noMinutesBody) = try await sendJSON(app, .POST, "/api/v1/units/18523/dossier", commune, #"{"step":"submit","date":"2022-06-10"}"#)
            #expect(noMinutes == .unprocessableEntity && noMinutesBody.contains("Biên bản họp"), "\(noMinutesBody)")
            for kind in ["meeting-minutes", "request"] { #expect(try await Self.upload(app, commune, kind: kind, date: "2022-06-10").0 == .created) }
            #expect(try await sendJSON(app, .POST, "/api/v1/units/18523/dossier", commune, #"{"step":"submit","date":"2022-06-10"}"#).0 == .ok)
            // Submitted: the commune's records are frozen.
            #expect(try await Self.upload(app, commune, kind: "photos", date: "2022-06-11").0 == .conflict)

            // The district reviews; the province appraises, the council votes, the chairman decides.
            #expect(try await sendJSON(app, .POST, "/api/v1/units/18523/dossier", district, #"{"step":"pass","date":"2022-06-20"}"#).0 == .unprocessableEntity)
            #expect(try await Self.upload(app, district, kind: "review-report", date: "2022-06-20").0 == .created)
            #expect(try await sendJSON(app, .POST, "/api/v1/units/18523/dossier", district, #"{"step":"pass","date":"2022-06-20"}"#).0 == .ok)
            #expect(try await Self.upload(app, province, kind: "appraisal-report", date: "2022-07-01").0 == .created)
            #expect(try await sendJSON(app, .POST, steps, province, #"{"step":"appraisal","date":"2022-07-01"}"#).0 == .ok)
            #expect(try await Self.upload(app, province, kind: "council-minutes", date: "2022-07-10").0 == .created)
            #expect(try await sendJSON(app, .POST, steps, province, #"{"step":"council","date":"2022-07-10"}"#).1.contains("Chưa nhập kết quả bỏ phiếu"))
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/18523/dossier/council", province, #"{"members":20,"for":17,"against":3,"abstain":0,"votedOn":"2022-07-10"}"#).0 == .ok)
            #expect(try await sendJSON(app, .POST, steps, province, #"{"step":"council","date":"2022-07-10"}"#).1.contains("phiếu tán thành, cần ít nhất 90 %"))
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/18523/dossier/council", province, #"{"members":20,"for":21,"against":0,"abstain":0,"votedOn":"2022-07-10"}"#).0 == .unprocessableEntity)
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/18523/dossier/council", province, #"{"members":20,"for":20,"against":0,"abstain":0,"votedOn":"2022-07-10"}"#).0 == .ok)
            #expect(try await sendJSON(app, .POST, steps, province, #"{"step":"council","date":"2022-07-10"}"#).0 == .ok)
            #expect(try await Self.upload(app, province, kind: "decision", date: "2022-07-15").0 == .created)
            let early = #"{"step":"recognise","date":"2022-07-15","decisionNumber":"1234/QĐ-UBND","decisionDate":"2022-07-05","signer":"Võ Trọng Hải"}"#
            let (beforeVote, beforeVoteBody) = try await sendJSON(app, .POST, "/api/v1/units/18523/dossier", province, early)
            #expect(beforeVote == .unprocessableEntity && beforeVoteBody.contains("trước ngày thẩm định"), "\(beforeVoteBody)")
            let decided = #"{"step":"recognise","date":"2022-07-15","decisionNumber":"1234/QĐ-UBND","decisionDate":"2022-07-15","signer":"Võ Trọng Hải"}"#
            #expect(try await sendJSON(app, .POST, "/api/v1/units/18523/dossier", province, decided).0 == .ok)
            #expect(try await sendJSON(app, .POST, steps, province, #"{"step":"announcement","date":"2022-07-20"}"#).0 == .ok)

            dto = try await Self.dossier(app, date: "2022-07-20")
            #expect(dto.state == .recognised)
            #expect(dto.steps.allSatisfy { $0.closedAt != nil && $0.problems.isEmpty })
            #expect(dto.steps.first { $0.step == "decision" }?.closedAt == "2022-07-15")
            #expect(dto.council?.passed == true && dto.council?.for == 20)
            #expect(dto.procedure?.decisionSigner == "Võ Trọng Hải" && dto.procedure?.announcedOn == "2022-07-20")
            #expect(dto.documents.filter(\.latest).count == 11)
            #expect(try await Recognition.query(on: app.db).filter(\.$unit.$id == unit.requireID()).filter(\.$decisionNumber == "1234/QĐ-UBND").count() == 1)
            // A year later criterion 2 is lost: the upkeep check lists Hương Bình, and the province
            // runs the revocation procedure; the recognition stays in the history with its revocation day.
            let declarations = (1...20).map { #"{"criterion":\#($0),"met":\#($0 != 2)}"# }.joined(separator: ",")
            #expect(try await sendJSON(app, .POST, "/api/v1/units/18523/assessments", commune, #"{"date":"2023-06-30","declarations":[\#(declarations)]}"#).0 == .created)
            try await app.testing().test(.GET, "/units/444/upkeep?year=2023") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Xã Hương Bình</a></td><td>15/07/2022"), "\(res.body.string)")
            }
            let revocation = "/api/v1/units/18523/dossier"
            #expect(try await sendJSON(app, .POST, revocation, commune, #"{"step":"start-revocation","date":"2023-07-03","note":"Mất tiêu chí 2"}"#).0 == .forbidden)
            #expect(try await sendJSON(app, .POST, revocation, province, #"{"step":"start-revocation","date":"2023-07-03","note":"Không còn đạt tiêu chí 2 (rà soát 2023)"}"#).0 == .ok)
            dto = try await Self.dossier(app, date: "2023-07-03")
            #expect(dto.state == .revoking && dto.procedure?.code == "xa-ntm-thu-hoi-qd18-2022")
            let (tooEarly, tooEarlyBody) = try await sendJSON(app, .POST, revocation, province, #"{"step":"revoke","date":"2023-07-04","note":"Thu hồi"}"#)
            #expect(tooEarly == .unprocessableEntity && tooEarlyBody.contains("Bước trước chưa xong"), "\(tooEarlyBody)")
            for (kind, step) in [("review-findings", "review"), ("consultation-summary", "consultation"), ("revocation-request", "revocation-dossier")] {
                #expect(try await Self.upload(app, province, kind: kind, date: "2023-07-10").0 == .created)
                #expect(try await sendJSON(app, .POST, steps, province, #"{"step":"\#(step)","date":"2023-07-10"}"#).0 == .ok, "\(step)")
            }
            #expect(try await Self.upload(app, province, kind: "revocation-decision", date: "2023-07-20").0 == .created)
            #expect(try await sendJSON(app, .POST, revocation, province, #"{"step":"revoke","date":"2023-07-20","note":"Quyết định thu hồi 555/QĐ-UBND"}"#).0 == .ok)
            #expect(try await Self.dossier(app, date: "2023-07-20").state == .revoked)
            let (_, history) = try await sendJSON(app, .GET, "/api/v1/units/18523/recognitions?date=2023-07-20", [:], "")
            #expect(history.contains(#""decisionNumber":"1234\/QĐ-UBND""#) && history.contains(#""revokedOn":"2023-07-20""#), "\(history)")

            // The page shows it all.

            try await app.testing().test(.GET, "/units/18523/dossier?date=2022-07-20") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Thu hồi quyết định công nhận"))
            }
        }
    }
}

extension DossierProcedureTests {
    @Test("While the report is posted, residents comment on it from the public page; the posting cannot close until every comment is answered")
    func postingComments() async throws {
        try await withNTMApp(demo: true) { app async throws in
            let today = Day.today
            let (_, commune) = try await makeUser(app, "xa-kl", role: .communeOfficer, scope: "18838", scopeDate: today.iso)
            let unit = try await UnitQueries.require(code: "18838", on: today, db: app.db)
            let set = try #require(try await CriteriaQueries.catalog(db: app.db).inForce(level: unit.level, provinceCode: unit.provinceCode, on: today))
            let declarations = set.criteria.map { #"{"criterion":\#($0.number),"met":true}"# }.joined(separator: ",")
            let assessed = today.adding(days: -20).iso, opened = today.adding(days: -15).iso
            #expect(try await sendJSON(app, .POST, "/api/v1/units/18838/assessments", commune, #"{"date":"\#(assessed)","declarations":[\#(declarations)]}"#).0 == .created)
            #expect(try await sendJSON(app, .POST, "/api/v1/units/18838/dossier", commune, #"{"step":"open","date":"\#(opened)"}"#).0 == .ok)
            // Not posted yet: a comment on the report is refused with what to choose instead.
            let (early, earlyBody) = try await Self.comment(app)
            #expect(early == .unprocessableEntity && earlyBody.contains("không trong thời gian lấy ý kiến"), "\(earlyBody)")
            let posting = #"{"from":"\#(today.adding(days: -5).iso)","to":"\#(today.adding(days: 10).iso)"}"#
            #expect(try await sendJSON(app, .PUT, "/api/v1/units/18838/dossier/posting", commune, posting).0 == .ok)
            try await app.testing().test(.GET, "/public/units/18838") { res async throws in
                #expect(res.body.string.contains("id=\"posting-notice\""))
                #expect(res.body.string.contains("<option value=\"dossier\""))
            }
            let (sent, sentBody) = try await Self.comment(app)
            #expect(sent == .created, "\(sentBody)")
            let report = try #require(try await ResidentReport.query(on: app.db).filter(\.$dossier.$id != nil).first())
            var dto = try await Self.dossier(app, unit: "18838", date: today.iso)
            #expect(dto.steps[1].problems.contains("Còn 1 ý kiến của người dân về báo cáo chưa được trả lời"), "\(dto.steps[1].problems)")
            // The commune answers it like any report; the problem is gone.
            let answer = #"{"status":"resolved","answer":"Đã bổ sung số liệu đường thôn vào báo cáo","version":\#(report.version)}"#
            #expect(try await sendJSON(app, .PATCH, "/api/v1/reports/\(report.trackingCode)", commune, answer).0 == .ok)
            dto = try await Self.dossier(app, unit: "18838", date: today.iso)
            #expect(!dto.steps[1].problems.contains { $0.contains("ý kiến của người dân") })
            // Everyone sees how many comments there are; only the officers who answer them read them.
            try await app.testing().test(.GET, "/units/18838/dossier") { res async throws in
                #expect(res.body.string.contains("1 ý kiến của người dân, 0 chưa trả lời xong"))
                #expect(!res.body.string.contains(report.trackingCode))
            }
            var officer = Browser(app: app)
            #expect(try await officer.signIn("xa-kl") == .seeOther)
            #expect(try await officer.get("/units/18838/dossier").1.contains(report.trackingCode))
        }
    }

    static func comment(_ app: Application) async throws -> (HTTPResponseStatus, String) {
        let (headers, body) = ResidentReportAppTests.multipart([("criterion", "dossier"), ("description", "Báo cáo chưa nêu đường thôn Bắc đã xuống cấp")])
        var result: (HTTPResponseStatus, String) = (.imATeapot, "")
        try await app.testing().test(.POST, "/api/v1/units/18838/reports", headers: headers, body: body) { res async throws in result = (res.status, res.body.string) }
        return result
    }
}

extension DossierProcedureTests {
    @Test("Reports count results by the year achieved and by the year decided: Hương Khê's four 2021 results were signed in January 2022")
    func achievementAndDecisionYears() async throws {
        try await withNTMApp(demo: true) { app async throws in
            func communes(_ year: Int) async throws -> (recognised: Int, decided: Int) {
                let (status, body) = try await sendJSON(app, .GET, "/api/v1/units/444/summary?year=\(year)", [:], "")
                #expect(status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
                let c = json?["communes"] as? [String: Any]
                return (c?["newlyRecognised"] as? Int ?? -1, c?["newlyDecided"] as? Int ?? -1)
            }
            let (achieved2021, decided2021) = try await communes(2021)
            let (achieved2022, decided2022) = try await communes(2022)
            #expect(achieved2021 == 4 && decided2021 == 0, "2021: \(achieved2021) achieved, \(decided2021) decided")
            #expect(decided2022 == 4 && achieved2022 == 0, "2022: \(achieved2022) achieved, \(decided2022) decided")
            // The commune page shows both: the decision and the year of the result.
            try await app.testing().test(.GET, "/units/18517?date=2022-06-01") { res async throws in
                #expect(res.body.string.contains("4420/QĐ-UBND (demo), 21/01/2022 (kết quả năm 2021)"))
            }
        }
    }
}

extension DossierProcedureTests {
    @Test("A commune short of criteria is not offered to open or submit a dossier; one at 20/20 is")
    func offeredOnlyWhenReached() async throws {
        try await withNTMApp(demo: true) { app async throws in
            try await makeUser(app, "xa-hl", role: .communeOfficer, scope: "18502")
            try await makeUser(app, "xa-hb2", role: .communeOfficer, scope: "18523")
            var short = Browser(app: app)
            #expect(try await short.signIn("xa-hl") == .seeOther)
            let shortPage = try await short.get("/units/18502?date=2022-04-26").1
            #expect(!shortPage.contains(#"name="step" value="open""#) && !shortPage.contains(#"name="step" value="submit""#))
            // Hương Bình at 20/20 whose paper dossier the district returned: both are offered again.
            let district = try await makeUser(app, "huyen-x", role: .districtOfficer, scope: "444").1
            #expect(try await sendJSON(app, .POST, "/api/v1/units/18523/dossier", district, #"{"step":"return","date":"2022-04-28","note":"Lập lại"}"#).0 == .ok)
            var reached = Browser(app: app)
            #expect(try await reached.signIn("xa-hb2") == .seeOther)
            let reachedPage = try await reached.get("/units/18523?date=2022-04-28").1
            #expect(reachedPage.contains(#"name="step" value="open""#))
        }
    }
}
