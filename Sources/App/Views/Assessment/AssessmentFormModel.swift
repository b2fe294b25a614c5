import NTMDomain
import Vapor

/// The assessment entry page: every criterion of the set in force with its indicators, pre-filled
/// with the latest values (or with what the officer typed, when a save was refused), and the
/// problems next to the fields they belong to.
struct AssessmentFormModel: Encodable {
    struct Choice: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct IndicatorField: Encodable {
        var index: Int
        var code: String
        var name: String
        var rule: String
        var unit: String
        var isYesNo: Bool
        var value: String
        var choices: [Choice]
        var note: String
        var evidence: String
        var problem: String?
        var verified: Bool
    }

    struct CriterionBlock: Encodable {
        var number: Int
        var name: String
        var choices: [Choice]
        var note: String
        var problem: String?
        var indicators: [IndicatorField]
    }

    var layout: LayoutModel
    var name: String
    var code: String
    var date: String
    var dateText: String
    var setCode: String
    var setName: String
    var version: Int?
    var source: String
    var note: String
    var problems: [String]
    var criteria: [CriterionBlock]
    var words: Words
    var cancelURL: String

    struct Words: Encodable {
        var title: String
        var intro: String
        var verdict: String
        var note: String
        var evidence: String
        var source: String
        var generalNote: String
        var save: String
        var cancel: String
        var correcting: String?
        var problemsTitle: String
        var decimalHint: String
        var value: String
    }

    /// A criterion's verdict as the form's select names it.
    enum Verdict: String, CaseIterable {
        case fromIndicators = ""
        case met
        case notMet = "not-met"
        case notApplicable = "na"

        init(_ declaration: AssessmentDeclaration) {
            self = !declaration.isApplicable ? .notApplicable : declaration.met ? .met : .notMet
        }

        /// The declaration the API takes; nil when the indicators decide.
        func declaration(criterion: Int, note: String?) -> AssessmentInputDTO.DeclarationDTO? {
            switch self {
            case .fromIndicators: nil
            case .met: .init(criterion: criterion, met: true, note: note)
            case .notMet: .init(criterion: criterion, met: false, note: note)
            case .notApplicable: .init(criterion: criterion, met: nil, note: note, applicable: false)
            }
        }

        func label(_ text: UIText, vietnamese: Bool) -> String {
            switch self {
            case .fromIndicators: vietnamese ? "Theo chỉ tiêu" : "From the indicators"
            case .met: text.met
            case .notMet: text.notMet
            case .notApplicable: text.notApplicable
            }
        }
    }

    /// The form's layout of a set: each criterion with the indicators an officer types (derived ones
    /// are computed), numbered as the fields `i0`, `i1`… are. The page and the reader both use it.
    static func fields(of set: CriteriaSet) -> [(criterion: Criterion, indicators: [(index: Int, indicator: Indicator)])] {
        var index = 0
        return set.criteria.map { criterion in
            (criterion, criterion.indicators.filter { $0.derived == nil }.map { indicator in
                defer { index += 1 }
                return (index, indicator)
            })
        }
    }

    /// The officer's entries by field, as a refused form comes back (nil: pre-fill from `assessment`).
    struct Entries {
        var verdicts: [Int: Verdict] = [:]
        var criterionNotes: [Int: String] = [:]
        var values: [String: String] = [:]
        var notes: [String: String] = [:]
        var evidence: [String: String] = [:]
        var source = ""
        var note = ""
    }

    init(request: Request, unit: AdminUnit, ancestors: [AdminUnit], set: CriteriaSet, day: Day, assessment: Assessment?,
         entries: Entries?, problems: [InputProblem]) {
        let language = request.language
        let vi = language == .vi
        let text = UIText(language)
        layout = LayoutModel(request: request, title: (vi ? "Nhập đánh giá — " : "Assessment — ") + unit.name,
                             crumbs: Crumbs.of(ancestors + [unit], day: day), withForms: true)
        name = unit.name
        code = unit.code
        date = day.iso
        dateText = DateFormat.format(day)
        setCode = set.code
        setName = set.name.text(language)
        // Correcting the assessment of this very day keeps its history and checks its version.
        let sameDay = assessment.flatMap { $0.asOf == day.iso ? $0 : nil }
        version = sameDay?.version
        cancelURL = SiteURL.unit(unit.code, on: day)
        let filled = entries ?? Self.entries(from: assessment, vietnamese: vi)
        source = filled.source
        note = filled.note
        let byField = Dictionary(grouping: problems, by: \.field).mapValues { $0.map { $0.reason.text(language) }.joined(separator: " ") }
        // Every problem at the top (a phone shows one field at a time), each also beside its field.
        self.problems = problems.map { $0.reason.text(language) }

        criteria = Self.fields(of: set).map { criterion, fields in
            let verdict = filled.verdicts[criterion.number] ?? .fromIndicators
            let choices = Verdict.allCases.map { Choice(value: $0.rawValue, label: $0.label(text, vietnamese: vi), selected: $0 == verdict) }
            let indicators = fields.map { index, indicator -> IndicatorField in
                let value = filled.values[indicator.code] ?? ""
                return IndicatorField(
                    index: index, code: indicator.code, name: indicator.name.text(language),
                    rule: CriteriaSetPageModel.rule(indicator, language: language), unit: indicator.unit ?? "",
                    isYesNo: indicator.kind == .yesNo, value: value,
                    choices: [("", "—"), ("yes", text.met), ("no", text.notMet)].map { Choice(value: $0.0, label: $0.1, selected: $0.0 == value) },
                    note: filled.notes[indicator.code] ?? "", evidence: filled.evidence[indicator.code] ?? "",
                    problem: byField["i-\(indicator.code)"], verified: indicator.verified)
            }
            return CriterionBlock(number: criterion.number, name: criterion.name.text(language), choices: choices,
                                  note: filled.criterionNotes[criterion.number] ?? "", problem: byField["c-\(criterion.number)"],
                                  indicators: indicators)
        }
        words = Words(
            title: vi ? "Nhập đánh giá" : "Enter an assessment",
            intro: vi ? "Mỗi tiêu chí: nhập giá trị các chỉ tiêu (hệ thống tự kết luận) hoặc chọn kết luận. \"Không áp dụng\" đưa tiêu chí ra khỏi tổng (19/19)."
                      : "For each criterion: enter its indicators (the system decides) or choose a verdict. \"Not applicable\" takes it out of the count (19/19).",
            verdict: vi ? "Kết luận" : "Verdict", note: vi ? "Ghi chú" : "Note",
            evidence: vi ? "Minh chứng (đường dẫn)" : "Evidence (link)", source: text.source,
            generalNote: vi ? "Ghi chú chung" : "General note", save: vi ? "Lưu đánh giá" : "Save the assessment",
            cancel: vi ? "Hủy" : "Cancel",
            correcting: sameDay.map { a in
                vi ? "Đang sửa đánh giá ngày \(DateFormat.format(day)) (lần sửa \(a.version)); bản cũ được giữ trong nhật ký thay đổi."
                   : "Correcting the assessment of \(DateFormat.format(day)) (version \(a.version)); the old one stays in the change log."
            },
            problemsTitle: vi ? "Chưa lưu — cần sửa:" : "Not saved — please fix:",
            decimalHint: vi ? "Số thập phân dùng dấu phẩy: 85,5" : "Decimals with a point or a comma: 85.5",
            value: vi ? "Giá trị" : "Value")
    }

    /// The latest assessment as form entries: the starting point of a new one.
    static func entries(from assessment: Assessment?, vietnamese: Bool) -> Entries {
        var entries = Entries()
        guard let assessment else { return entries }
        for value in assessment.values {
            switch value.value {
            case .yes(let flag)?: entries.values[value.indicatorCode] = flag ? "yes" : "no"
            case .number(let n)?: entries.values[value.indicatorCode] = FormNumber.display(n, vietnamese: vietnamese)
            case nil: break
            }
            entries.notes[value.indicatorCode] = value.note ?? ""
            entries.evidence[value.indicatorCode] = value.evidence ?? ""
        }
        for declaration in assessment.declarations {
            entries.verdicts[declaration.criterionNumber] = Verdict(declaration)
            entries.criterionNotes[declaration.criterionNumber] = declaration.note ?? ""
        }
        entries.source = assessment.source ?? ""
        entries.note = assessment.note ?? ""
        return entries
    }
}
