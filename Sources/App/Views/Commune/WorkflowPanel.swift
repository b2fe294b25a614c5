import Fluent
import NTMDomain
import Vapor

/// The recognition dossier on the commune page: its state, its steps so far, the steps the
/// signed-in user may take now, and (for signed-in users) the unit's change log.
struct WorkflowPanel: Encodable {
    struct Event: Encodable {
        var at: String
        var by: String
        var step: String
        var note: String
    }

    struct StepForm: Encodable {
        var step: String
        var label: String
        var needsNote: Bool
        var needsDecision: Bool
    }

    struct ChangeLine: Encodable {
        var at: String
        var by: String
        var what: String
    }

    /// The page's day; a step taken from the page is taken as of it.
    var date: String
    var title: String
    var state: String
    var version: Int?
    var events: [Event]
    var steps: [StepForm]
    var changes: [ChangeLine]
    var noteLabel: String
    var decisionLabel: String
    var changeLogTitle: String
    /// The dossier's own page: its procedure steps, documents, survey and vote.
    var dossierURL: String
    var dossierLinkLabel: String

    /// `ancestors`: the unit's, as the page already read them (they decide the appraisal chain).
    /// `reached`: whether the unit's scorecard meets every criterion today; opening or submitting a
    /// dossier is offered only then (the workflow would refuse it anyway), and never for a village.
    /// `viewer`: the page's, its scope read once for the page.
    static func load(for unit: AdminUnit, ancestors: [AdminUnit], request: Request, viewer: PageViewer?, reached: Bool) async throws -> WorkflowPanel {
        let vi = request.language == .vi
        let dossier = try await DossierWriter.current(unit: unit, grade: .standard, db: request.db)
        let day = try request.asOfDate()
        var steps: [StepForm] = []
        var changes: [ChangeLine] = []
        if let viewer {
            let districtReview = DossierWriter.hasDistrictReview(ancestors: ancestors)
            steps = legalSteps(from: dossier?.state, districtReview: districtReview)
                .filter { viewer.may($0.action(districtReview: districtReview)) }
                .filter { ![.open, .submit].contains($0) || (unit.level != .village && reached) }
                .map { StepForm(step: $0.rawValue, label: label($0, vi: vi), needsNote: [.returnForRework, .revoke, .startRevocation, .keep].contains($0), needsDecision: $0 == .recognise) }
            changes = try await AuditQueries.forUnit(unit.code, db: request.db).prefix(20).map {
                ChangeLine(at: TimestampFormat.format($0.at), by: $0.actorName, what: AuditWords.line(action: $0.action, entity: $0.entity, id: $0.entityID, request.language))
            }
        }
        return WorkflowPanel(
            date: day.iso,
            title: vi ? "Hồ sơ công nhận đạt chuẩn NTM" : "Recognition dossier",
            state: dossier.map { stateWord($0.state, vi: vi) } ?? (vi ? "Chưa có hồ sơ" : "No dossier yet"),
            version: dossier?.version,
            events: (dossier?.events ?? []).sorted { $0.at < $1.at }.map {
                Event(at: TimestampFormat.format($0.at), by: $0.actorName, step: label($0.step, vi: vi),
                      note: [$0.note, $0.decisionNumber.map { "QĐ \($0)" }, $0.decisionDate.flatMap(Day.init).map(DateFormat.format)]
                        .compactMap { $0 }.joined(separator: " · "))
            },
            steps: steps, changes: changes,
            noteLabel: vi ? "Ghi chú / lý do" : "Note / reason",
            decisionLabel: vi ? "Số và ngày quyết định" : "Decision number and date",
            changeLogTitle: vi ? "Nhật ký thay đổi" : "Change log",
            dossierURL: SiteURL.unit(unit.code, "dossier", on: day),
            dossierLinkLabel: vi ? "Hồ sơ, tài liệu và các bước của quy trình" : "The dossier: documents and procedure steps")
    }

    /// The steps the workflow allows from a state (the domain refuses the rest). Without a district
    /// review (two tiers) the province recognises or returns a submitted dossier directly.
    static func legalSteps(from state: DossierState?, districtReview: Bool = true) -> [DossierStep] {
        switch state {
        case nil, .returned?, .revoked?: [.open, .submit]
        case .preparing?: [.submit]
        case .submitted?: districtReview ? [.pass, .returnForRework] : [.recognise, .returnForRework]
        case .appraised?: [.recognise, .returnForRework]
        case .recognised?: [.startRevocation, .revoke]
        case .revoking?: [.revoke, .keep]
        }
    }

    static func label(_ step: DossierStep, vi: Bool) -> String {
        switch step {
        case .open: vi ? "Lập hồ sơ đề nghị công nhận (theo quy trình)" : "Open the recognition dossier (run the procedure)"
        case .submit: vi ? "Nộp hồ sơ đề nghị thẩm định" : "Submit for appraisal"
        case .pass: vi ? "Thẩm định đạt" : "Appraisal passed"
        case .returnForRework: vi ? "Trả lại hồ sơ" : "Return the dossier"
        case .recognise: vi ? "Công nhận đạt chuẩn" : "Recognise"
        case .revoke: vi ? "Thu hồi công nhận" : "Revoke recognition"
        case .startRevocation: vi ? "Bắt đầu thủ tục thu hồi công nhận" : "Start the revocation procedure"
        case .keep: vi ? "Giữ công nhận (dừng thủ tục thu hồi)" : "Keep the recognition (stop the revocation)"
        }
    }

    static func stateWord(_ state: DossierState, vi: Bool) -> String {
        switch state {
        case .preparing: vi ? "Đang lập hồ sơ" : "Being prepared"
        case .submitted: vi ? "Đã nộp, chờ thẩm định" : "Submitted, awaiting appraisal"
        case .returned: vi ? "Bị trả lại" : "Returned"
        case .appraised: vi ? "Đã thẩm định đạt, chờ công nhận" : "Appraised, awaiting recognition"
        case .recognised: vi ? "Đã công nhận" : "Recognised"
        case .revoking: vi ? "Đang xem xét thu hồi công nhận" : "Revocation under way"
        case .revoked: vi ? "Đã thu hồi công nhận" : "Recognition revoked"
        }
    }
}
