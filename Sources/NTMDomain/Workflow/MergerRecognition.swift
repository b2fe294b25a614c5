/// How a unit formed by a merger stands on a recognition grade before a decision of its own.
/// Merged communes must be re-acknowledged (thừa nhận) by the province; what carries over until
/// then is the province's rule, stored as data with the day it takes effect.
public enum MergerRecognitionRule: String, Codable, CaseIterable, Hashable, Sendable {
    /// Recognised if every predecessor was on the day before the merger; otherwise "chờ thừa nhận".
    case everyPredecessor = "every-predecessor"
    /// Nothing carries over: a merged unit with any recognised predecessor waits for a decision.
    case decisionRequired = "decision-required"

    /// Where a province has set no rule, nothing is inherited without a decision.
    public static let fallback = MergerRecognitionRule.decisionRequired
}

/// One predecessor of a merged unit and whether it held the grade on the day before the merger.
public struct PredecessorRecognition: Hashable, Sendable {
    public let code: String
    public let name: String
    public let recognised: Bool

    public init(code: String, name: String, recognised: Bool) {
        self.code = code
        self.name = name
        self.recognised = recognised
    }
}

/// A merged unit's standing derived from its predecessors and the rule; a decision on the unit
/// itself (recognition or re-acknowledgement) always outranks it.
public enum MergerStanding: String, Codable, Hashable, Sendable {
    /// Every predecessor held the grade and the rule carries it over: counted as recognised.
    case inherited
    /// Some predecessors held the grade but the rule does not carry it over: "chờ thừa nhận".
    case awaitingAcknowledgement = "awaiting-acknowledgement"
    /// No predecessor held it: the unit builds towards a recognition of its own.
    case notInherited = "not-inherited"

    public static func derive(_ predecessors: [PredecessorRecognition], rule: MergerRecognitionRule) -> MergerStanding {
        let recognised = predecessors.filter(\.recognised).count
        guard recognised > 0 else { return .notInherited }
        switch rule {
        case .everyPredecessor where recognised == predecessors.count: return .inherited
        case .everyPredecessor, .decisionRequired: return .awaitingAcknowledgement
        }
    }
}
