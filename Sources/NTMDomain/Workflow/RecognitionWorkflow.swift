/// The recognition ladder for one unit and grade:
/// building → reached (every criterion met, automatic) → preparing (commune opens the dossier and
/// runs the procedure: documents, public posting, survey) → submitted (commune) → appraised
/// (district, or returned with reasons) → recognised (province, with a decision) → revoked (province).
/// A dossier run on paper before NTM may be recorded straight as submitted (no preparing).
/// Revocation is a procedure of its own, never a silent demotion: recognised → revoking (the
/// province starts it, with the reason) → revoked (its decision), or back to recognised (kept).
/// Where no district stands between commune and province (two tiers, since 1 July 2025) there is
/// no district review: the province appraises the submitted dossier and recognises or returns it.
public enum DossierState: String, Codable, Sendable, CaseIterable {
    case preparing
    case submitted
    case returned
    case appraised
    case recognised
    /// The province runs the revocation procedure; the commune is still recognised until its decision.
    case revoking
    case revoked

    /// A dossier in these states holds its assessment: correcting it needs the dossier returned.
    public var locksAssessment: Bool {
        self == .submitted || self == .appraised || self == .recognised
    }

    /// Open dossiers block a new submission for the same unit and grade.
    public var isOpen: Bool { self == .submitted || self == .appraised }
}

public enum DossierStep: String, Codable, Sendable, CaseIterable {
    case open, submit, pass, returnForRework = "return", recognise, startRevocation = "start-revocation", keep, revoke

    /// What the step needs the caller to be allowed to do.
    public var action: Action { action(districtReview: true) }

    /// Without a district review, returning a dossier is the province's decision.
    public func action(districtReview: Bool) -> Action {
        switch self {
        case .open, .submit: .submitDossier
        case .pass: .appraiseDossier
        case .returnForRework: districtReview ? .appraiseDossier : .recognise
        case .recognise, .startRevocation, .keep, .revoke: .recognise
        }
    }
}

public enum WorkflowError: Error, Equatable, Sendable {
    /// The step does not follow from the current state (a step out of order).
    case outOfOrder(step: DossierStep, from: DossierState?)
    /// Submission needs every criterion met in the latest assessment.
    case notAllCriteriaMet(met: Int, total: Int)
    case missing(field: String)
}

public enum RecognitionWorkflow {
    /// The state after `step`, or why the step is refused. `current` is nil when no dossier exists yet.
    /// `districtReview`: whether a district reviews the dossier between commune and province.
    public static func next(from current: DossierState?, step: DossierStep, scorecard: Scorecard?,
                            note: String?, decisionNumber: String?, districtReview: Bool = true) throws(WorkflowError) -> DossierState {
        switch (current, step) {
        case (nil, .open), (.returned?, .open), (.revoked?, .open),
             (nil, .submit), (.returned?, .submit), (.revoked?, .submit), (.preparing?, .submit):
            guard let scorecard, scorecard.allCriteriaMet else {
                throw .notAllCriteriaMet(met: scorecard?.met ?? 0, total: scorecard?.total ?? 0)
            }
            return step == .open ? .preparing : .submitted
        case (.submitted?, .pass) where districtReview:
            return .appraised
        case (.submitted?, .returnForRework), (.appraised?, .returnForRework):
            guard let note, !note.isEmpty else { throw .missing(field: "note") }
            return .returned
        // An appraised dossier is recognised; a submitted one directly only where no district reviews.
        case (.appraised?, .recognise),
             (.submitted?, .recognise) where !districtReview:
            guard let decisionNumber, !decisionNumber.isEmpty else { throw .missing(field: "decisionNumber") }
            return .recognised
        case (.recognised?, .revoke), (.revoking?, .revoke):
            guard let note, !note.isEmpty else { throw .missing(field: "note") }
            return .revoked
        case (.recognised?, .startRevocation):
            guard let note, !note.isEmpty else { throw .missing(field: "note") }
            return .revoking
        case (.revoking?, .keep):
            guard let note, !note.isEmpty else { throw .missing(field: "note") }
            return .recognised
        default:
            throw .outOfOrder(step: step, from: current)
        }
    }
}
