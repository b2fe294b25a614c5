import Fluent
import Foundation
import NTMDomain

/// What a dossier's procedure holds beyond its workflow state (issue 17): the procedure it runs
/// under, the day it was opened, the public posting, the council's vote, the decision's signer and
/// its announcement. One row per dossier opened in NTM; dossiers recorded straight as submitted
/// (run on paper before NTM) have none.
final class DossierProcedureRecord: Model, @unchecked Sendable {
    static let schema = "dossier_procedures"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // reference
    @Parent(key: "dossier_id") var dossier: Dossier
    @Field(key: "procedure_code") var procedureCode: String
    @Field(key: "opened_on") var openedOn: String

    // data
    @OptionalField(key: "posted_from") var postedFrom: String?
    @OptionalField(key: "posted_to") var postedTo: String?
    @OptionalField(key: "posting_places") var postingPlaces: String?
    @OptionalField(key: "council_members") var councilMembers: Int?
    @OptionalField(key: "council_for") var councilFor: Int?
    @OptionalField(key: "council_against") var councilAgainst: Int?
    @OptionalField(key: "council_abstain") var councilAbstain: Int?
    @OptionalField(key: "council_voted_on") var councilVotedOn: String?
    @OptionalField(key: "decision_signer") var decisionSigner: String?
    @OptionalField(key: "announced_on") var announcedOn: String?

    init() {}

    init(dossierID: UUID, procedureCode: String, openedOn: Day) {
        self.$dossier.id = dossierID
        self.procedureCode = procedureCode
        self.openedOn = openedOn.iso
    }
}

/// A procedure step closed: when (the day it counts from) and by whom.
final class DossierStepClosing: Model, @unchecked Sendable {
    static let schema = "dossier_step_closings"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "dossier_id") var dossier: Dossier
    @Field(key: "step") var step: String
    @Field(key: "closed_on") var closedOn: String
    @Field(key: "closed_by") var closedBy: String

    init() {}

    init(dossierID: UUID, step: String, closedOn: Day, closedBy: String) {
        self.$dossier.id = dossierID
        self.step = step
        self.closedOn = closedOn.iso
        self.closedBy = closedBy
    }
}

/// A document of the dossier's checklist: an uploaded file (stored and served like evidence) under
/// a kind of the procedure. Uploading the same kind again adds a version; the latest counts.
final class DossierDocument: Model, @unchecked Sendable {
    static let schema = "dossier_documents"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "dossier_id") var dossier: Dossier
    @Parent(key: "evidence_id") var file: EvidenceFile
    @Field(key: "kind") var kind: String
    @Field(key: "uploaded_by") var uploadedBy: String

    init() {}

    init(dossierID: UUID, fileID: UUID, kind: String, uploadedBy: String) {
        self.$dossier.id = dossierID
        self.$file.id = fileID
        self.kind = kind
        self.uploadedBy = uploadedBy
    }
}

/// The Fatherland Front's survey in one village: households, how many were asked, how many are satisfied.
final class DossierSurveyVillage: Model, @unchecked Sendable {
    static let schema = "dossier_survey_villages"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Parent(key: "dossier_id") var dossier: Dossier
    @Parent(key: "village_id") var village: AdminUnit
    @Field(key: "households") var households: Int
    @Field(key: "asked") var asked: Int
    @Field(key: "satisfied") var satisfied: Int
    @Field(key: "entered_by") var enteredBy: String

    init() {}

    init(dossierID: UUID, villageID: UUID, households: Int, asked: Int, satisfied: Int, enteredBy: String) {
        self.$dossier.id = dossierID
        self.$village.id = villageID
        self.households = households
        self.asked = asked
        self.satisfied = satisfied
        self.enteredBy = enteredBy
    }
}
