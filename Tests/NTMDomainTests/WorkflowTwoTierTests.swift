import NTMDomain
import Testing

@Suite("Appraisal chain on two tiers")
struct WorkflowTwoTierTests {
    @Test("Without a district the province recognises or returns a submitted dossier; there is no district review step")
    func noDistrictStep() throws {
        #expect(throws: WorkflowError.outOfOrder(step: .pass, from: .submitted)) {
            try RecognitionWorkflow.next(from: .submitted, step: .pass, scorecard: nil, note: nil, decisionNumber: nil, districtReview: false)
        }
        #expect(try RecognitionWorkflow.next(from: .submitted, step: .recognise, scorecard: nil, note: nil, decisionNumber: "12/QĐ-UBND",
                                             districtReview: false) == .recognised)
        // With a district, the province may not skip its review.
        #expect(throws: WorkflowError.outOfOrder(step: .recognise, from: .submitted)) {
            try RecognitionWorkflow.next(from: .submitted, step: .recognise, scorecard: nil, note: nil, decisionNumber: "12/QĐ-UBND", districtReview: true)
        }
        #expect(DossierStep.returnForRework.action(districtReview: true) == .appraiseDossier)
        #expect(DossierStep.returnForRework.action(districtReview: false) == .recognise)
    }
}
