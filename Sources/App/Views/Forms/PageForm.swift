import Foundation
import NTMDomain
import Vapor

/// A write the pages offer as a form of its own (`/forms/{name}`): what it asks and what saving does.
///
/// The form's fields are the API's JSON body, field by field (`name` is the JSON key path, `identified.0.amount`
/// for `identified[0].amount`): a save turns what the browser sent into that body and runs the very code the API
/// runs — the same access check, the same validation, the same messages — so a page cannot accept what the API
/// refuses, or the other way round.
struct PageForm: Sendable {
    /// `/forms/{name}`.
    let name: String
    /// Query parameters the form works on (`unit`, `assignment`…), carried through the round trip.
    let context: [String]
    /// The form for this request, after checking the user may use it (the check of the write itself).
    let describe: @Sendable (FormRequest) async throws -> FormDescription
    /// Runs the write with the API's body; answers what to tell the user and where to go.
    let save: @Sendable (FormRequest, Data) async throws -> FormSaved
}

/// The request a form answers, with its context parameters.
struct FormRequest: Sendable {
    let request: Request
    let context: [String: String]

    var language: Language { request.language }
    var vi: Bool { request.language == .vi }

    /// The context parameter, or a 400 naming it.
    func require(_ name: String) throws -> String {
        guard let value = context[name], !value.isEmpty else {
            throw AppError(.badRequest, field: name, vi: "Thiếu \(name) trong địa chỉ của biểu mẫu", en: "The form's address lacks \(name)")
        }
        return value
    }

    /// The day of the page the form was opened from (its `date`), else today: a code names different
    /// units over time, and the form works on the one that page showed.
    var day: Day {
        context["date"].flatMap { try? Day.parse($0, field: "date") } ?? .today
    }

    /// The date the page the form came from was showing, for the links back to it.
    var pageDay: Day? {
        context["date"].flatMap { try? Day.parse($0, field: "date") }
    }

    /// The unit the form is about, as it was on `day`.
    func unit() async throws -> AdminUnit {
        try await UnitQueries.require(code: try require("unit"), on: day, db: request.db)
    }

    /// The API's body for `Input`, as the API's decoder would read it.
    func decode<Input: Decodable>(_ type: Input.Type, _ body: Data) throws -> Input {
        try JSONDecoder().decode(type, from: body)
    }
}

/// What the form shows.
struct FormDescription {
    var title: String
    var intro: String?
    var fields: [FormField]
    var submit: String
    /// Where "back" goes (and where the user came from).
    var back: String
}

/// The outcome of a save: a message naming what changed, and the page to show next.
struct FormSaved {
    var message: String
    var next: String
}

/// One field of a page form; its kind says how the typed text becomes the API's value.
struct FormField: Encodable, Sendable {
    enum Kind: String, Sendable {
        case text, textarea, password, select, date, checkbox
        /// A choice whose values are whole numbers (a criterion, a number of stars).
        case numberChoice
        /// A whole number.
        case integer
        /// A number with decimals; a comma is read as the decimal mark ("12,5").
        case decimal
        /// Whole đồng; dots, commas and spaces between thousands are allowed ("1.500.000").
        case money
        /// Several whole numbers ("1, 5, 17").
        case integers
        /// A file's text (CSV, JSON, GeoJSON): chosen as a file, or pasted into the box.
        case fileText
    }

    struct Option: Encodable, Sendable {
        var value: String
        var label: String
        var selected = false
    }

    var name: String
    var label: String
    var kind: Kind
    var required = false
    var hint: String?
    var options: [Option] = []
    /// What the field holds: the default, or what was typed.
    var value = ""
    var error: String?
    /// For a file: the types the chooser offers (".csv", ".json").
    var accept = ""

    /// The problem of a required field left empty, said the same wherever it is found.
    var missing: InputProblem {
        InputProblem(field: name, vi: "Cần nhập \(label.prefix(1).lowercased() + label.dropFirst())", en: "\(label) is required")
    }

    init(_ name: String, _ label: String, _ kind: Kind = .text, required: Bool = false, hint: String? = nil,
         options: [Option] = [], value: String = "") {
        self.name = name
        self.label = label
        self.kind = kind
        self.required = required
        self.hint = hint
        self.options = options
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case name, label, required, hint, options, value, error, id, inputType, inputMode, isSelect, isTextarea, isCheckbox, checked, isFile, accept, autocomplete
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(label, forKey: .label)
        try c.encode(required, forKey: .required)
        try c.encodeIfPresent(hint, forKey: .hint)
        try c.encode(options.map { option in Option(value: option.value, label: option.label, selected: option.value == value) }, forKey: .options)
        // A password typed is never sent back in a page.
        try c.encode(kind == .password ? "" : value, forKey: .value)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encode("f-" + name.replacingOccurrences(of: ".", with: "-"), forKey: .id)
        let inputType = switch kind {
        case .date: "date"
        case .password: "password"
        default: "text"
        }
        try c.encode(inputType, forKey: .inputType)
        let inputMode = switch kind {
        case .integer, .money: "numeric"
        case .decimal: "decimal"
        default: ""
        }
        try c.encode(inputMode, forKey: .inputMode)
        try c.encode(kind == .select || kind == .numberChoice, forKey: .isSelect)
        try c.encode(kind == .textarea || kind == .fileText, forKey: .isTextarea)
        try c.encode(kind == .fileText, forKey: .isFile)
        try c.encode(accept, forKey: .accept)
        // A browser must not fill a typed figure from memory; a new password is marked as one (for password managers).
        let autocomplete = switch kind {
        case .password: "new-password"
        case .date: ""
        default: "off"
        }
        try c.encode(autocomplete, forKey: .autocomplete)
        try c.encode(kind == .checkbox, forKey: .isCheckbox)
        try c.encode(kind == .checkbox && value == "on", forKey: .checked)
    }
}

/// Saving stops to show what it would change; the form comes back with the lines and what was typed,
/// and saves once the user confirms (a field of the form says so).
struct FormPreview: Error {
    var lines: [String]
}

/// What a browser sends, and the API body made from it.
enum FormBody {
    /// A file field's upload arrives as `name.upload`; it replaces what the box beside it holds.
    static let uploadSuffix = ".upload"

    /// `multipart/form-data`: text parts as values, a chosen file's text under its field's name.
    static func values(multipart body: ByteBuffer, boundary: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for part in try MultipartParts.parse(body, boundary: boundary) {
            let text = String(decoding: part.bytes, as: UTF8.self)
            if part.name.hasSuffix(uploadSuffix) {
                if !part.bytes.isEmpty { values[String(part.name.dropLast(uploadSuffix.count))] = text }
            } else if values[part.name] == nil || values[part.name]?.isEmpty == true {
                values[part.name] = text
            }
        }
        return values
    }

    /// `application/x-www-form-urlencoded` to name → value; a name sent twice keeps its first value.
    static func values(_ body: String) -> [String: String] {
        Dictionary(URLEncodedPairs.parse(body), uniquingKeysWith: { first, _ in first })
    }

    /// The JSON body the API takes, each field read by its kind; every field that cannot be read is named.
    static func json(_ fields: [FormField], values: [String: String]) throws -> Data {
        var problems: [InputProblem] = []
        var root: [String: Any] = [:]
        var arrays: [String: [Int: [String: Any]]] = [:]
        for field in fields {
            let text = (values[field.name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let value: Any?
            switch field.kind {
            case .checkbox: value = text == "on" || text == "true"
            case _ where text.isEmpty:
                if field.required { problems.append(field.missing) }
                value = nil
            case .integer, .numberChoice:
                value = Int(text)
                if value == nil { problems.append(InputProblem(field: field.name, vi: "\"\(text)\" không phải số nguyên", en: "\"\(text)\" is not a whole number")) }
            case .money:
                let digits = text.filter { !". ,_đ".contains($0) }
                value = Int64(digits)
                if value == nil { problems.append(InputProblem(field: field.name, vi: "\"\(text)\" không phải số tiền (đồng, số nguyên)", en: "\"\(text)\" is not an amount (whole đồng)")) }
            case .decimal:
                value = FormNumber.parse(text)
                if value == nil { problems.append(InputProblem(field: field.name, vi: "\"\(text)\" không phải số", en: "\"\(text)\" is not a number")) }
            case .integers:
                let parts = text.split(whereSeparator: { ", ;".contains($0) })
                let numbers = parts.compactMap { Int($0) }
                value = numbers
                if numbers.count != parts.count {
                    problems.append(InputProblem(field: field.name, vi: "\"\(text)\": cần các số nguyên cách nhau bởi dấu phẩy", en: "\"\(text)\": whole numbers separated by commas"))
                }
            case .date:
                do { value = try Day.parse(text, field: field.name).iso } catch {
                    problems.append(InputProblem(field: field.name, vi: error.reason(.vi), en: error.reason(.en)))
                    value = nil
                }
            case .text, .textarea, .password, .select, .fileText: value = text
            }
            guard let value else { continue }
            // `identified.0.amount` → identified[0].amount
            let path = field.name.split(separator: ".").map(String.init)
            if path.count == 3, let index = Int(path[1]) {
                arrays[path[0], default: [:]][index, default: [:]][path[2]] = value
            } else {
                root[field.name] = value
            }
        }
        for (name, rows) in arrays {
            root[name] = rows.keys.sorted().compactMap { rows[$0] }
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        return try JSONSerialization.data(withJSONObject: root)
    }
}
