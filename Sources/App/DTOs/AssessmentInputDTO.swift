import NTMDomain
import Vapor

/// Body of `POST /api/v1/units/{code}/assessments`.
struct AssessmentInputDTO: Content {
    var set: String?
    var date: String
    var note: String?
    var source: String?
    var values: [ValueDTO]?
    var declarations: [DeclarationDTO]?

    struct ValueDTO: Content {
        var indicator: String
        var value: IndicatorValueDTO
        var note: String?
        var evidence: String?
    }

    /// `{"criterion": 7, "met": true}`, or `{"criterion": 7, "applicable": false}` where the
    /// criterion does not apply to the unit (không áp dụng).
    struct DeclarationDTO: Content {
        var criterion: Int
        var met: Bool?
        var note: String?
        var applicable: Bool? = nil

        var isApplicable: Bool { applicable ?? true }
        var declaration: Declaration {
            isApplicable ? Declaration(met: met ?? false, note: note) : .notApplicable(note: note)
        }
    }
}

extension AssessmentInputDTO.DeclarationDTO {
    /// A declaration in its wire form: `met`, or `applicable: false` without `met`.
    init(criterion: Int, _ declaration: Declaration) {
        self.init(criterion: criterion, met: declaration.applicable ? declaration.met : nil, note: declaration.note,
                  applicable: declaration.applicable ? nil : false)
    }
}

extension AssessmentInputDTO {
    /// The stored assessment in its input form: what the audit trail records as the old value.
    init(_ assessment: Assessment) {
        self.init(set: assessment.setCode, date: assessment.asOf, note: assessment.note, source: assessment.source,
                  values: assessment.values.compactMap { v in
                      v.value.map { ValueDTO(indicator: v.indicatorCode, value: IndicatorValueDTO($0), note: v.note, evidence: v.evidence) }
                  },
                  declarations: assessment.declarations.map { DeclarationDTO(criterion: $0.criterionNumber, $0.declaration) })
    }
}

/// Body of `PUT /api/v1/units/{code}/assessments`: a correction, with the version it was based on.
struct AssessmentCorrectionDTO: Content {
    var version: Int
    var assessment: AssessmentInputDTO
}

/// An indicator value on the wire: `true`/`false` for yes/no indicators, a number otherwise.
struct IndicatorValueDTO: Codable, Sendable {
    var value: IndicatorValue

    init(_ value: IndicatorValue) { self.value = value }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = .yes(flag)
        } else if let number = try? container.decode(Double.self) {
            value = .number(number)
        } else {
            throw DecodingError.typeMismatch(Double.self, .init(codingPath: decoder.codingPath,
                debugDescription: "a number, or true/false for a yes/no indicator"))
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .yes(let flag): try container.encode(flag)
        case .number(let number): try container.encode(number)
        }
    }
}
