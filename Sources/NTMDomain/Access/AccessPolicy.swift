/// Who may do what. The one place that decides, for pages and API alike; the app only supplies
/// the caller's role and whether the target lies inside the caller's unit scope (its subtree).
public enum Role: String, Codable, Sendable, CaseIterable {
    case admin
    case provincialOffice = "provincial-office"
    case districtOfficer = "district-officer"
    case communeOfficer = "commune-officer"
    case sponsor
    /// The commune's Fatherland Front committee (MTTQ): it runs the residents' satisfaction survey.
    case front
    case viewer
}

public enum Action: String, Codable, Sendable, CaseIterable {
    /// Record or correct an assessment of a unit.
    case editAssessment
    /// Add villages to a commune (by hand or CSV).
    case manageVillages
    /// Submit a commune's dossier for appraisal.
    case submitDossier
    /// Enter the satisfaction survey of a dossier, village by village, and close the survey step.
    case enterSurvey
    /// Pass or return a submitted dossier.
    case appraiseDossier
    /// Record a recognition decision, or revoke one.
    case recognise
    /// Create or edit a critical-path plan and its tasks.
    case editPlan
    /// Record what finishing a criterion costs and who pays.
    case editFunding
    /// Register organisations, assign them to units, evaluate them.
    case manageSponsors
    /// Report what a sponsor did or gave (the sponsor's own assignments: "in scope" means its own).
    case reportSponsorActivity
    /// Record socio-economic targets and actuals, OCOP products, household models.
    case editStatistics
    /// Load or edit a criteria set (national sets: administrators only).
    case editCriteriaSet
    /// Keep a named what-if scenario of a unit for the steering committee.
    case saveScenario
    /// Read residents' reports of a unit (with the private phone number), assign, answer and close them.
    case handleReports
    /// Load a unit's real outline (GeoJSON) for the map.
    case editBoundary
    /// Create users, reset passwords, read the audit log.
    case administer
}

public enum AccessPolicy {
    /// Roles allowed each action, inside their scope. Administrators may do everything everywhere.
    static let grants: [Action: Set<Role>] = [
        .editAssessment: [.communeOfficer, .districtOfficer, .provincialOffice],
        .manageVillages: [.communeOfficer, .districtOfficer, .provincialOffice],
        .editPlan: [.communeOfficer, .districtOfficer, .provincialOffice],
        .editFunding: [.communeOfficer, .districtOfficer, .provincialOffice],
        .manageSponsors: [.provincialOffice],
        .reportSponsorActivity: [.sponsor, .provincialOffice],
        .editStatistics: [.communeOfficer, .districtOfficer, .provincialOffice],
        .submitDossier: [.communeOfficer],
        .enterSurvey: [.front],
        .appraiseDossier: [.districtOfficer],
        .recognise: [.provincialOffice],
        .editCriteriaSet: [.provincialOffice],
        .saveScenario: [.communeOfficer, .districtOfficer, .provincialOffice],
        .handleReports: [.communeOfficer, .districtOfficer, .provincialOffice],
        .editBoundary: [.provincialOffice],
        .administer: [],
    ]

    /// `inScope`: the target unit is the caller's scope unit or lies below it.
    public static func allows(_ role: Role, _ action: Action, inScope: Bool) -> Bool {
        if role == .admin { return true }
        return inScope && (grants[action]?.contains(role) ?? false)
    }
}
