import Foundation

/// Numbers as officers type them in a form: "85,5" and "1.346,7" (Vietnamese), "85.5", "12 %".
enum FormNumber {
    /// Nil when the text is not a number. A dot followed by groups of three digits is a thousands
    /// separator ("12.500" = 12500), as in Vietnamese; a single comma is the decimal mark.
    static func parse(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: "\u{00A0}", with: "")
        if t.hasSuffix("%") { t.removeLast() }
        guard !t.isEmpty else { return nil }
        if t.range(of: #"^-?\d{1,3}(\.\d{3})+(,\d+)?$"#, options: .regularExpression) != nil {
            t = t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        } else if t.filter({ $0 == "," }).count == 1 && !t.contains(".") {
            t = t.replacingOccurrences(of: ",", with: ".")
        }
        guard t.range(of: #"^-?\d+(\.\d+)?$"#, options: .regularExpression) != nil, let value = Double(t), value.isFinite else { return nil }
        return value
    }

    /// A value put back into a form: no grouping, a comma for decimals in Vietnamese.
    static func display(_ value: Double, vietnamese: Bool) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return vietnamese ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
