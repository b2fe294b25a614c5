/// Number and date formats as Vietnamese documents write them: 1.346,7 and 26/04/2022.
/// English pages use 1,346.7 and the same day-first date (as the province's English reports do).
public enum Language: String, Codable, Sendable, CaseIterable {
    case vi, en
}

public enum NumberFormat {
    /// Formats with a fixed number of decimals and locale-specific separators, exactly (no binary rounding surprises
    /// for the values shown: rounding is half away from zero on the decimal digits).
    public static func format(_ value: Double, decimals: Int = 1, language: Language = .vi, trimZeros: Bool = true) -> String {
        let scale = pow10(decimals)
        let scaled = (abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero)
        let integerPart = Int(scaled) / scale
        var fraction = Int(scaled) % scale
        var fractionDigits = decimals
        if trimZeros {
            while fractionDigits > 0 && fraction % 10 == 0 {
                fraction /= 10
                fractionDigits -= 1
            }
        }
        return compose(negative: value < 0 && scaled > 0, integerPart: integerPart, fraction: fraction, fractionDigits: fractionDigits, language: language)
    }

    /// Formats an integer with thousands separators: 3.365 (vi) or 3,365 (en).
    public static func format(_ value: Int, language: Language = .vi) -> String {
        compose(negative: value < 0, integerPart: abs(value), fraction: 0, fractionDigits: 0, language: language)
    }

    private static func compose(negative: Bool, integerPart: Int, fraction: Int, fractionDigits: Int, language: Language) -> String {
        let (group, decimal) = language == .vi ? (".", ",") : (",", ".")
        var digits = String(integerPart)
        var grouped = ""
        while digits.count > 3 {
            grouped = group + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if fractionDigits > 0 {
            let padded = String(repeating: "0", count: max(0, fractionDigits - String(fraction).count)) + String(fraction)
            grouped += decimal + padded
        }
        return (negative ? "-" : "") + grouped
    }

    private static func pow10(_ n: Int) -> Int {
        (0..<n).reduce(1) { acc, _ in acc * 10 }
    }
}

public enum DateFormat {
    /// 26/04/2022 — used for both languages; the API uses ISO dates.
    public static func format(_ day: Day) -> String {
        let dd = day.day < 10 ? "0\(day.day)" : "\(day.day)"
        let mm = day.month < 10 ? "0\(day.month)" : "\(day.month)"
        return "\(dd)/\(mm)/\(day.year)"
    }
}
