import Foundation
import Testing
@testable import NTMDomain

/// Issue 17 (first part): the procedure as data, the dossier checker, deadlines and the upkeep check.
@Suite("Recognition procedure and dossier checker")
struct RecognitionProcedureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/Procedures")

    static func shipped(_ code: String) throws -> RecognitionProcedure {
        try JSONDecoder().decode(RecognitionProcedure.self, from: Data(contentsOf: folder.appendingPathComponent(code + ".json")))
    }

    static func day(_ text: String) -> Day { Day(text)! }

    /// Hương Bình's dossier as it should be: every document, 15 days posted, 80 % asked and 95 % satisfied
    /// in each village, 20/20 votes, decided after the appraisal, evidence for every criterion.
    static func complete(_ procedure: RecognitionProcedure) -> DossierFacts {
        DossierFacts(documents: Set(procedure.steps.flatMap { $0.documents.map(\.kind) }), closedSteps: Set(procedure.steps.map(\.code)),
                     posting: .init(from: day("2022-03-01"), to: day("2022-03-15")),
                     villages: [.init(code: "T1", name: "Thôn Bắc Hạ", households: 200, asked: 160, satisfied: 152),
                                .init(code: "T2", name: "Thôn Đông An", households: 150, asked: 120, satisfied: 115)],
                     council: .init(members: 20, votesFor: 20, against: 0, abstain: 0, votedOn: day("2022-05-20")),
                     appraisedOn: day("2022-05-15"), decisionOn: day("2022-06-15"))
    }

    @Test("The shipped procedures load: the three-tier one has the district's review, the two-tier one does not; every step is sourced or marked unverified")
    func shippedFiles() throws {
        let three = try Self.shipped("xa-ntm-qd18-2022-3-cap"), two = try Self.shipped("xa-ntm-qd18-2022-2-cap")
        #expect(three.steps.map(\.code).contains("district-review"))
        #expect(!two.steps.map(\.code).contains("district-review"))
        #expect(three.effective.to == Self.day("2025-06-30") && two.effective.from == Self.day("2025-07-01"))
        for step in three.steps + two.steps { #expect(step.verified || (step.source ?? "").contains("chưa xác minh"), "\(step.code)") }
        #expect(three.thresholds.postingDays == 15 && three.thresholds.surveyCoverage == 0.7)
    }

    @Test("A complete dossier passes every step")
    func complete() throws {
        let procedure = try Self.shipped("xa-ntm-qd18-2022-2-cap")
        for step in procedure.steps {
            #expect(DossierChecker.problems(closing: step.code, facts: Self.complete(procedure), procedure: procedure).isEmpty, "\(step.code)")
        }
    }

    @Test("Each rule fires on a dossier built to break it, and names what to fix")
    func eachRule() throws {
        let procedure = try Self.shipped("xa-ntm-qd18-2022-2-cap")
        func problems(_ change: (inout DossierFacts) -> Void, closing step: String = "announcement") -> [DossierProblem] {
            var facts = Self.complete(procedure)
            change(&facts)
            return DossierChecker.problems(closing: step, facts: facts, procedure: procedure)
        }
        let noMinutes = problems { $0.documents.remove("meeting-minutes") }
        #expect(noMinutes.count == 1)
        #expect(noMinutes.first?.reason(.vi).contains("Biên bản họp") == true)
        // A document of a later step is not asked for yet.
        #expect(problems({ $0.documents.remove("decision") }, closing: "council").isEmpty)

        #expect(problems { $0.posting = .init(from: Self.day("2022-03-01"), to: Self.day("2022-03-10")) } == [.postingTooShort(days: 10, required: 15)])
        #expect(problems { $0.posting = nil } == [.postingTooShort(days: 0, required: 15)])

        let lowCoverage = problems { $0.villages[1].asked = 90; $0.villages[1].satisfied = 90 }
        #expect(lowCoverage == [.surveyCoverageLow(village: "Thôn Đông An", coverage: 0.6, required: 0.7)])
        #expect(lowCoverage.first?.reason(.vi) == "Thôn Đông An: mới lấy ý kiến 60 % số hộ, cần ít nhất 70 %")
        #expect(problems { $0.villages[0].satisfied = 100 } == [.satisfactionLow(village: "Thôn Bắc Hạ", satisfaction: 0.625, required: 0.9)])
        #expect(problems { $0.villages[0].asked = 250 } == [.surveyCountsImpossible(village: "Thôn Bắc Hạ")])

        #expect(problems { $0.council = .init(members: 21, votesFor: 10, against: 0, abstain: 0, votedOn: Self.day("2022-05-20")) }
                == [.noQuorum(voted: 10, members: 21, required: 0.667)])
        #expect(problems { $0.council = .init(members: 20, votesFor: 17, against: 3, abstain: 0, votedOn: Self.day("2022-05-20")) }
                == [.votePassesNot(votesFor: 17, members: 20, required: 0.9)])

        #expect(problems { $0.decisionOn = Self.day("2022-05-18") } == [.decisionBeforeAppraisal(decision: Self.day("2022-05-18"), appraisal: Self.day("2022-05-20"))])
        #expect(problems { $0.criteriaWithoutEvidence = [17, 2] } == [.evidenceMissing(criteria: [2, 17])])

        // Steps close in order; a village left out of the survey, a council with no vote entered.
        #expect(problems({ $0.closedSteps.remove("survey") }, closing: "proposal") == [.earlierStepOpen(step: "survey", name: procedure.step("survey")!.name)])
        #expect(problems({ $0.closedSteps.remove("announcement") }, closing: "decision").isEmpty)
        #expect(problems({ $0.villagesNotSurveyed = ["Thôn Tân Hương"] }, closing: "survey") == [.villageNotSurveyed(village: "Thôn Tân Hương")])
        #expect(problems({ $0.council = nil }, closing: "council") == [.noVote])
        // A posting still running counts only the days up to the closing day.
        var facts = Self.complete(procedure)
        facts.posting = .init(from: Self.day("2022-03-01"), to: Self.day("2022-03-20"))
        #expect(DossierChecker.problems(closing: "public-posting", on: Self.day("2022-03-10"), facts: facts, procedure: procedure)
                == [.postingTooShort(days: 10, required: 15)])
        #expect(DossierChecker.problems(closing: "public-posting", on: Self.day("2022-03-15"), facts: facts, procedure: procedure).isEmpty)
    }

    @Test("The workflow closes its steps: submit the proposal, recognise the decision; the Front closes the survey")
    func workflowSteps() throws {
        let two = try Self.shipped("xa-ntm-qd18-2022-2-cap"), three = try Self.shipped("xa-ntm-qd18-2022-3-cap")
        #expect(two.step(closedBy: .submit)?.code == "proposal" && two.step(closedBy: .recognise)?.code == "decision")
        #expect(two.step(closedBy: .pass) == nil && three.step(closedBy: .pass)?.code == "district-review")
        #expect(two.step("survey")?.closer == .front && two.step("council")?.closer == .province)
        #expect(AccessPolicy.allows(.front, .enterSurvey, inScope: true) && !AccessPolicy.allows(.front, .submitDossier, inScope: true))
    }

    @Test("Deadlines follow the steps closed; open steps past their due day are overdue")
    func deadlines() throws {
        let procedure = try Self.shipped("xa-ntm-qd18-2022-2-cap")
        let start = Self.day("2022-03-01")
        let closed = ["self-assessment": Self.day("2022-03-01"), "public-posting": Self.day("2022-03-25")]
        let due = procedure.dueDays(start: start, closedOn: closed)
        #expect(due["public-posting"] == Self.day("2022-03-21"))      // 20 days after the self-assessment closed
        #expect(due["survey"] == Self.day("2022-04-15"))              // 21 days after the posting closed (late)
        #expect(due["proposal"] == nil)                               // the survey is still open
        #expect(procedure.overdue(start: start, closedOn: closed, today: Self.day("2022-04-20")).map(\.code) == ["survey"])
        #expect(procedure.overdue(start: start, closedOn: closed, today: Self.day("2022-04-10")).isEmpty)
    }

    @Test("Upkeep lists recognised units that no longer meet every criterion, longest recognised first")
    func upkeep() {
        let units = [UpkeepCheck.Unit(code: "18523", name: "Xã Hương Bình", recognisedOn: Self.day("2022-06-15"), unmet: [2]),
                     UpkeepCheck.Unit(code: "18508", name: "Xã Hòa Hải", recognisedOn: Self.day("2021-12-20"), unmet: [13, 17]),
                     UpkeepCheck.Unit(code: "18505", name: "Xã Hương Thủy", recognisedOn: Self.day("2021-12-20"), unmet: [])]
        let findings = UpkeepCheck.atRisk(units, on: Self.day("2023-12-31"))
        #expect(findings.map(\.unit.code) == ["18508", "18523"])
        #expect(findings.first?.daysSinceRecognition == 741)
    }
}
