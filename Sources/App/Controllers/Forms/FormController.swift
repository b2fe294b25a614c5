import NTMDomain
import Vapor

/// `/forms/{name}`: every write the API has that no page of its own covers, as a form (see `PageForm`).
///
/// A refused save comes back as the same form with what was typed and each reason beside its field;
/// a save that went through ends on the page it belongs to, with a message naming what changed.
struct FormController {
    private let forms: [String: PageForm]

    init(_ forms: [PageForm]) {
        self.forms = Dictionary(uniqueKeysWithValues: forms.map { ($0.name, $0) })
    }

    func register(_ pages: any RoutesBuilder) {
        pages.get(SiteURL.form(":name").pathComponents, use: show)
        pages.post(SiteURL.form(":name").pathComponents, use: save)
    }

    @Sendable func show(req: Request) async throws -> View {
        let form = try lookup(req)
        var context: [String: String] = [:]
        for name in form.context { context[name] = req.query[String.self, at: name] }
        let formRequest = FormRequest(request: req, context: context)
        var description = try await form.describe(formRequest)
        // A link may fill fields in ("add an activity for criterion 5").
        for k in description.fields.indices {
            if let given = req.query[String.self, at: description.fields[k].name] { description.fields[k].value = given }
        }
        return try await render(req, form, formRequest, description, problems: [])
    }

    @Sendable func save(req: Request) async throws -> Response {
        let form = try lookup(req)
        let values: [String: String]
        if let type = req.headers.contentType, type.type == "multipart", let boundary = type.parameters["boundary"] {
            values = try FormBody.values(multipart: req.body.data ?? ByteBuffer(), boundary: boundary)
        } else {
            values = FormBody.values(req.body.string ?? "")
        }
        var context: [String: String] = [:]
        for name in form.context { context[name] = values["ctx." + name] }
        let formRequest = FormRequest(request: req, context: context)
        var description = try await form.describe(formRequest)
        for k in description.fields.indices {
            let field = description.fields[k]
            description.fields[k].value = field.kind == .checkbox ? (values[field.name] == nil ? "" : "on") : values[field.name] ?? ""
        }
        do {
            let body = try FormBody.json(description.fields, values: values)
            let saved = try await form.save(formRequest, body)
            req.session.data[Flash.key] = saved.message
            return req.redirect(to: saved.next)
        } catch let preview as FormPreview {
            let view = try await render(req, form, formRequest, description, problems: [], preview: preview.lines)
            return try await view.encodeResponse(for: req)
        } catch let error as AppError where [.badRequest, .forbidden, .notFound, .conflict, .unprocessableEntity].contains(error.status) {
            // The form itself was allowed (describe checked): a refusal now comes from what was typed (a date, a unit chosen).
            let reasons = error.problems.isEmpty ? [(error.field, error.reason(req.language))]
                : error.problems.map { (Optional($0.field), $0.reason.text(req.language)) }
            var problems: [String] = []
            for (field, reason) in reasons {
                if let k = description.fields.firstIndex(where: { $0.name == Self.fieldName(field) }) {
                    description.fields[k].error = [description.fields[k].error, reason].compactMap { $0 }.joined(separator: "; ")
                } else {
                    problems.append(reason)
                }
            }
            let view = try await render(req, form, formRequest, description, problems: problems)
            let response = try await view.encodeResponse(for: req)
            response.status = error.status
            return response
        } catch let error as DecodingError {
            // Only a value the form's fields let through but the body's type cannot hold (a choice not offered).
            let failure = NTMErrorMiddleware.describe(error, language: req.language)
            var problems = [failure.body.reason]
            if let k = description.fields.firstIndex(where: { $0.name == Self.fieldName(failure.body.field) }) {
                description.fields[k].error = description.fields[k].missing.reason.text(req.language)
                problems = []
            }
            let view = try await render(req, form, formRequest, description, problems: problems)
            let response = try await view.encodeResponse(for: req)
            response.status = .badRequest
            return response
        }
    }

    /// `identified[0].amount` (the API's path) → `identified.0.amount` (the form's name).
    static func fieldName(_ apiPath: String?) -> String? {
        apiPath.map { $0.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "") }
    }

    private func lookup(_ req: Request) throws -> PageForm {
        let name = req.parameters.get("name") ?? ""
        guard let form = forms[name] else {
            throw AppError(.notFound, field: "name", vi: "Không có biểu mẫu \(name)", en: "No form \(name)")
        }
        return form
    }

    private func render(_ req: Request, _ form: PageForm, _ formRequest: FormRequest, _ description: FormDescription, problems: [String],
                        preview: [String] = []) async throws -> View {
        let vi = req.language == .vi
        let model = FormPageModel(
            layout: LayoutModel(request: req, title: description.title, withForms: true),
            intro: description.intro, action: SiteURL.form(form.name).path,
            hidden: form.context.compactMap { name in formRequest.context[name].map { .init(name: "ctx." + name, value: $0) } },
            fields: description.fields, submit: description.submit, cancelURL: description.back,
            cancelLabel: vi ? "Quay lại, không lưu" : "Go back without saving",
            problems: problems, problemsTitle: vi ? "Chưa lưu được — sửa các chỗ dưới đây rồi lưu lại:" : "Not saved — correct the following and save again:",
            requiredNote: vi ? "Dấu * là bắt buộc." : "* marks a required field.",
            hasFile: description.fields.contains { $0.kind == .fileText }, preview: preview,
            previewTitle: vi ? "Chưa lưu. Khi lưu sẽ thay đổi như sau — xem lại, đánh dấu xác nhận rồi lưu:"
                             : "Not saved yet. Saving will change the following — review, tick the confirmation and save:",
            chooseFile: vi ? "hoặc chọn tệp" : "or choose a file")
        return try await req.view.render("form", model)
    }
}

struct FormPageModel: Encodable {
    var layout: LayoutModel
    var intro: String?
    var action: String
    var hidden: [ConfirmPageModel.Field]
    var fields: [FormField]
    var submit: String
    var cancelURL: String
    var cancelLabel: String
    var problems: [String]
    var problemsTitle: String
    var requiredNote: String
    var hasFile: Bool
    var preview: [String]
    var previewTitle: String
    var chooseFile: String
}
