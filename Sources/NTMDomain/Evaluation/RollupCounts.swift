/// A unit's communes (towns, wards) counted: how many are scored by a set, recognised, at 20/20
/// awaiting appraisal, and the criteria they meet in all. What the country and province tables show.
public struct RollupCounts: Hashable, Sendable {
    public var scored = 0
    public var recognised = 0
    public var awaitingRecognition = 0
    public var totalMet = 0

    public init() {}

    /// Adds one commune: its stored level (nil when nothing is recorded) and whether a recognition
    /// decision is in force. Only a decision recognises; 20/20 without one awaits appraisal.
    /// `inCriteriaTotal`: communes (xã) add their criteria to `totalMet`; towns and wards, scored
    /// against other sets, do not.
    public mutating func add(met: Int, level: ScorecardLevel?, recognised isRecognised: Bool, inCriteriaTotal: Bool = true) {
        scored += 1
        if inCriteriaTotal { totalMet += met }
        let effective = (level ?? .notAssessed).with(recognised: isRecognised)
        if effective == .recognised { recognised += 1 }
        if effective == .reachedStandard { awaitingRecognition += 1 }
    }
}
