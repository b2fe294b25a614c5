import Testing
@testable import NTMDomain

@Suite("Recognition across mergers")
struct MergerRecognitionTests {
    static func units(_ recognised: Bool...) -> [PredecessorRecognition] {
        recognised.enumerated().map { PredecessorRecognition(code: "\($0.offset)", name: "Xã \($0.offset)", recognised: $0.element) }
    }

    @Test("Every predecessor recognised: the merged commune keeps the standard")
    func everyPredecessorInherits() {
        #expect(MergerStanding.derive(Self.units(true, true, true), rule: .everyPredecessor) == .inherited)
    }

    @Test("Some recognised: chờ thừa nhận until the province decides; none recognised: nothing to inherit")
    func partlyRecognisedAwaits() {
        #expect(MergerStanding.derive(Self.units(true, false), rule: .everyPredecessor) == .awaitingAcknowledgement)
        #expect(MergerStanding.derive(Self.units(false, false), rule: .everyPredecessor) == .notInherited)
        #expect(MergerStanding.derive([], rule: .everyPredecessor) == .notInherited)
    }

    @Test("Where a decision is always required, even an all-recognised merger waits")
    func decisionRequiredAlwaysWaits() {
        #expect(MergerStanding.derive(Self.units(true, true), rule: .decisionRequired) == .awaitingAcknowledgement)
        #expect(MergerRecognitionRule.fallback == .decisionRequired)
    }
}
