import Foundation

/// Where a resident's report (phản ánh) stands. A report is answered by moving it on; it is closed
/// once resolved (with the answer residents will read) or rejected (with the reason).
public enum ReportStatus: String, Codable, Sendable, CaseIterable {
    case received
    case inProgress = "in-progress"
    case resolved
    case rejected

    public var isClosed: Bool { self == .resolved || self == .rejected }

    /// received → in progress → resolved / rejected; a received report may be closed at once
    /// (a duplicate, or fixed the same day). A closed report stays closed: a new problem is a new report.
    public func canMove(to next: ReportStatus) -> Bool {
        switch (self, next) {
        case (.received, .inProgress), (.received, .resolved), (.received, .rejected),
             (.inProgress, .resolved), (.inProgress, .rejected): true
        default: false
        }
    }
}

/// Why a change of a report's status is refused, for the officer who asked for it.
public enum ReportTransitionProblem: Error, Equatable, Sendable {
    case closed(ReportStatus)
    case notAllowed(from: ReportStatus, to: ReportStatus)
    /// Resolving needs the answer residents will read; rejecting needs the reason.
    case answerRequired(ReportStatus)
}

public enum ResidentReportRules {
    /// A report with no answer after this many days is overdue (the province's service promise).
    public static let answerDays = 7
    /// Photos a resident may attach to one report.
    public static let maxPhotos = 3
    /// Bytes one photo may have.
    public static let maxPhotoBytes = 5 << 20
    /// The longest description kept, in characters.
    public static let maxDescription = 4000

    /// The status after `next` with `answer`, or why not.
    public static func transition(from current: ReportStatus, to next: ReportStatus, answer: String?) -> ReportTransitionProblem? {
        if current.isClosed { return .closed(current) }
        guard current.canMove(to: next) else { return .notAllowed(from: current, to: next) }
        if next.isClosed && (answer ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .answerRequired(next) }
        return nil
    }

    /// Open, never answered, and received more than `answerDays` ago.
    public static func isOverdue(status: ReportStatus, receivedAt: Date, answeredAt: Date?, now: Date) -> Bool {
        guard !status.isClosed, answeredAt == nil else { return false }
        return now.timeIntervalSince(receivedAt) > Double(answerDays) * 86_400
    }

    /// How many reports one address, and one commune, may send in an hour. Generous for people,
    /// tight for a script: a village meeting may send several from one café's address.
    public struct Limits: Sendable, Equatable {
        public var perAddressPerHour: Int
        public var perUnitPerHour: Int

        public init(perAddressPerHour: Int, perUnitPerHour: Int) {
            self.perAddressPerHour = perAddressPerHour
            self.perUnitPerHour = perUnitPerHour
        }

        public static let standard = Limits(perAddressPerHour: 5, perUnitPerHour: 30)

        public enum Exceeded: Equatable, Sendable { case address, unit }

        /// Which limit a new report would break, given the reports of the last hour.
        public func exceeded(fromAddressLastHour: Int, forUnitLastHour: Int) -> Exceeded? {
            if fromAddressLastHour >= perAddressPerHour { return .address }
            if forUnitLastHour >= perUnitPerHour { return .unit }
            return nil
        }
    }

    /// A code a resident can read over the phone: no 0/O or 1/I/L.
    static let trackingAlphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// "PA-7K3M-9QXH" from 8 random symbols (31⁸ ≈ 8.5·10¹¹: not guessable by walking).
    public static func trackingCode<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let symbols = (0..<8).map { _ in trackingAlphabet[Int.random(in: 0..<trackingAlphabet.count, using: &generator)] }
        return "PA-" + String(symbols[0..<4]) + "-" + String(symbols[4..<8])
    }

    /// The code as typed by a resident (lower case, spaces, no dashes) in its stored form, or nil.
    public static func normalizedTrackingCode(_ text: String) -> String? {
        let symbols = text.uppercased().filter { $0.isLetter || $0.isNumber }
        let body = symbols.hasPrefix("PA") && symbols.count == 10 ? String(symbols.dropFirst(2)) : String(symbols)
        guard body.count == 8, body.allSatisfy(trackingAlphabet.contains) else { return nil }
        return "PA-" + body.prefix(4) + "-" + body.suffix(4)
    }
}
