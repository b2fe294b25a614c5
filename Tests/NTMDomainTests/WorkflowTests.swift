import Testing
@testable import NTMDomain

@Suite("Recognition workflow and access policy")
struct WorkflowTests {
    static let complete = Evaluator.evaluate(Fixtures.set(), input: .init(declarations: Dictionary(uniqueKeysWithValues:
        Fixtures.set().criteria.map { ($0.number, Declaration(met: true)) })), year: 2022)
    static let partial = Evaluator.evaluate(Fixtures.set(), input: .init(declarations: [1: Declaration(met: true)]), year: 2022)

    @Test("Every legal step leads where the ladder says")
    func legalSteps() throws {
        let w = RecognitionWorkflow.self
        #expect(try w.next(from: nil, step: .submit, scorecard: Self.complete, note: nil, decisionNumber: nil) == .submitted)
        #expect(try w.next(from: .returned, step: .submit, scorecard: Self.complete, note: nil, decisionNumber: nil) == .submitted)
        #expect(try w.next(from: .revoked, step: .submit, scorecard: Self.complete, note: nil, decisionNumber: nil) == .submitted)
        #expect(try w.next(from: nil, step: .open, scorecard: Self.complete, note: nil, decisionNumber: nil) == .preparing)
        #expect(try w.next(from: .preparing, step: .submit, scorecard: Self.complete, note: nil, decisionNumber: nil) == .submitted)
        #expect(try w.next(from: .submitted, step: .pass, scorecard: nil, note: nil, decisionNumber: nil) == .appraised)
        #expect(try w.next(from: .submitted, step: .returnForRework, scorecard: nil, note: "thiếu biên bản", decisionNumber: nil) == .returned)
        #expect(try w.next(from: .appraised, step: .returnForRework, scorecard: nil, note: "sai số liệu", decisionNumber: nil) == .returned)
        #expect(try w.next(from: .appraised, step: .recognise, scorecard: nil, note: nil, decisionNumber: "12/QĐ-UBND") == .recognised)
        #expect(try w.next(from: .recognised, step: .revoke, scorecard: nil, note: "không duy trì", decisionNumber: nil) == .revoked)
        #expect(try w.next(from: .recognised, step: .startRevocation, scorecard: nil, note: "mất tiêu chí 2", decisionNumber: nil) == .revoking)
        #expect(try w.next(from: .revoking, step: .keep, scorecard: nil, note: "đã khắc phục", decisionNumber: nil) == .recognised)
        #expect(try w.next(from: .revoking, step: .revoke, scorecard: nil, note: "thu hồi", decisionNumber: nil) == .revoked)
    }

    @Test("Every other combination of state and step is refused as out of order")
    func illegalSteps() {
        let legal: Set<String> = ["nil-submit", "returned-submit", "revoked-submit", "nil-open", "returned-open", "revoked-open", "preparing-submit", "submitted-pass", "submitted-return",
                                  "appraised-return", "appraised-recognise", "recognised-revoke",
                                  "recognised-start-revocation", "revoking-revoke", "revoking-keep"]
        let states: [DossierState?] = [nil] + DossierState.allCases.map { $0 }
        for state in states {
            for step in DossierStep.allCases where !legal.contains("\(state?.rawValue ?? "nil")-\(step.rawValue)") {
                #expect(throws: WorkflowError.outOfOrder(step: step, from: state)) {
                    try RecognitionWorkflow.next(from: state, step: step, scorecard: Self.complete, note: "n", decisionNumber: "1")
                }
            }
        }
    }

    @Test("Submission needs every criterion met; return and revoke need reasons; recognition a decision number")
    func conditions() {
        #expect(throws: WorkflowError.notAllCriteriaMet(met: 1, total: 6)) {
            try RecognitionWorkflow.next(from: nil, step: .submit, scorecard: Self.partial, note: nil, decisionNumber: nil)
        }
        #expect(throws: WorkflowError.missing(field: "note")) {
            try RecognitionWorkflow.next(from: .submitted, step: .returnForRework, scorecard: nil, note: "", decisionNumber: nil)
        }
        #expect(throws: WorkflowError.missing(field: "decisionNumber")) {
            try RecognitionWorkflow.next(from: .appraised, step: .recognise, scorecard: nil, note: nil, decisionNumber: nil)
        }
    }

    @Test("Roles act only inside their scope; administrators everywhere; viewers never write; sponsors only report on their own work")
    func policy() {
        #expect(AccessPolicy.allows(.communeOfficer, .editAssessment, inScope: true))
        #expect(!AccessPolicy.allows(.communeOfficer, .editAssessment, inScope: false))
        #expect(!AccessPolicy.allows(.communeOfficer, .appraiseDossier, inScope: true))
        #expect(AccessPolicy.allows(.districtOfficer, .appraiseDossier, inScope: true))
        #expect(AccessPolicy.allows(.provincialOffice, .recognise, inScope: true))
        #expect(!AccessPolicy.allows(.districtOfficer, .recognise, inScope: true))
        #expect(AccessPolicy.allows(.admin, .administer, inScope: false))
        for action in Action.allCases {
            #expect(!AccessPolicy.allows(.viewer, action, inScope: true))
            #expect(AccessPolicy.allows(.sponsor, action, inScope: true) == (action == .reportSponsorActivity))
            #expect(!AccessPolicy.allows(.provincialOffice, .administer, inScope: true) || action != .administer)
        }
    }
}
