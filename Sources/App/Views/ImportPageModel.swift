import NTMDomain
import Vapor

/// The import page: download the template, upload the filled-in sheet, see what would change (or
/// every problem, by sheet, row and column), confirm.
struct ImportPageModel: Encodable {
    enum Stage {
        case upload
        case preview(AssessmentImportPlan, upload: String, filename: String?)
        case problems(AppError, filename: String?)
    }

    struct ChangeRow: Encodable {
        var name: String
        var before: String
        var after: String
        var detail: String
    }

    struct ProblemRow: Encodable {
        var place: String
        var reason: String
    }

    var layout: LayoutModel
    var code: String
    var date: String
    var dateText: String
    var templateURL: String
    var canUpload: Bool
    var filename: String?
    var changes: [ChangeRow] = []
    var summary: String?
    var upload: String?
    var problems: [ProblemRow] = []
    var problemSummary: String?

    init(request: Request, unit: AdminUnit, ancestors: [AdminUnit], day: Day, stage: Stage, canUpload: Bool) {
        let language = request.language, vi = language == .vi
        layout = LayoutModel(request: request, title: (vi ? "Nhập đánh giá từ Excel — " : "Import assessments from Excel — ") + unit.name,
                             crumbs: Crumbs.of(ancestors + [unit], day: day), withForms: true)
        code = unit.code
        date = day.iso
        dateText = DateFormat.format(day)
        templateURL = SiteURL.unitPage(unit.code, "assessments-template.xlsx").link([("date", day.iso), ("lang", language.rawValue)])
        self.canUpload = canUpload
        switch stage {
        case .upload:
            break
        case .preview(let plan, let upload, let filename):
            self.upload = upload
            self.filename = filename
            changes = plan.changes.map { change in
                var parts: [String] = []
                if !change.nowMet.isEmpty { parts.append((vi ? "tiêu chí " : "criteria ") + change.nowMet.map(String.init).joined(separator: ", ") + (vi ? " nay đạt" : " now met")) }
                if !change.lost.isEmpty { parts.append((vi ? "tiêu chí " : "criteria ") + change.lost.map(String.init).joined(separator: ", ") + (vi ? " không còn đạt" : " no longer met")) }
                if change.correction { parts.append(vi ? "sửa đánh giá cùng ngày" : "corrects the same day's assessment") }
                return ChangeRow(name: change.name, before: "\(change.metBefore)/\(change.total)", after: "\(change.metAfter)/\(change.total)",
                                 detail: parts.joined(separator: "; "))
            }
            summary = vi ? "\(plan.rows) dòng: \(plan.changes.count) sẽ được ghi, \(plan.unchanged) không đổi (không ghi lại). Chưa có gì được lưu."
                         : "\(plan.rows) rows: \(plan.changes.count) will be recorded, \(plan.unchanged) unchanged (not recorded again). Nothing is saved yet."
        case .problems(let error, let filename):
            self.filename = filename
            let list = error.problems.isEmpty ? [InputProblem(field: error.field ?? "file", vi: error.reason(.vi), en: error.reason(.en))] : error.problems
            problems = list.map { p in
                let place: String
                if let row = p.row {
                    place = [p.sheet.map { (vi ? "Trang " : "Sheet ") + $0 }, (vi ? "dòng " : "row ") + String(row), p.column.map { (vi ? "cột " : "column ") + $0 }]
                        .compactMap { $0 }.joined(separator: ", ")
                } else {
                    place = p.field
                }
                return ProblemRow(place: place, reason: p.reason.text(language))
            }
            problemSummary = vi ? "\(list.count) lỗi: chưa có gì được lưu. Sửa trong tệp rồi tải lên lại."
                                : "\(list.count) problems: nothing was saved. Fix them in the file and upload it again."
        }
    }
}
