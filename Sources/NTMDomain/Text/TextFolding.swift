import Foundation

/// Vietnamese text helpers used at every boundary: store NFC, search on a folded key.
public enum TextFolding {
    /// NFC form of user input, trimmed, with runs of white space collapsed.
    public static func normalized(_ text: String) -> String {
        var visible = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            // Control and invisible format characters (bell, escape, zero-width space, BOM) carry
            // nothing an officer meant to type; line breaks and tabs become spaces below.
            case .control where !scalar.properties.isWhitespace, .format: continue
            default: visible.append(scalar)
            }
        }
        return String(visible).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A diacritic- and case-free key: "Điền Mỹ" → "dien my". Unicode folding keeps đ
    /// (it is a letter of its own, not d plus a mark), so it is mapped by hand.
    public static func searchKey(_ text: String) -> String {
        let decomposed = text.decomposedStringWithCanonicalMapping.lowercased()
        var scalars = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue // combining marks: tones and vowel hats
            case 0x0111: scalars.append("d") // đ
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }

    /// Strips the unit-type prefix ("Xã ", "Huyện ") so "huong khe" ranks the unit first.
    public static func nameWithoutType(_ name: String) -> String {
        let prefixes = ["Thành phố ", "Thị trấn ", "Thị xã ", "Tỉnh ", "Huyện ", "Quận ", "Phường ", "Xã ", "Đặc khu ", "Thôn ", "Xóm ", "Bản "]
        let nfc = normalized(name)
        for prefix in prefixes where nfc.hasPrefix(prefix) {
            return String(nfc.dropFirst(prefix.count))
        }
        return nfc
    }
}
