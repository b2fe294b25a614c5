import Foundation

/// The predecessor notation officers write in one spreadsheet cell: "A, B:SS+2, C:FF-1, D:FS+3".
/// A bare code means finish-to-start with no lag. A lag follows the link kind, so codes such as
/// "GT-01" keep their dash.
public enum DependencyList {
    public static func parse(_ text: String) throws(ParseError) -> [Dependency] {
        try text.split(whereSeparator: { $0 == "," || $0 == ";" }).map { raw throws(ParseError) in
            let item = raw.trimmingCharacters(in: .whitespaces)
            var code = Substring(item)
            var kind = Dependency.Kind.finishToStart
            var lag = 0
            if let colon = code.lastIndex(of: ":") {
                var link = code[code.index(after: colon)...]
                if let sign = link.firstIndex(where: { $0 == "+" || $0 == "-" }) {
                    // Ten years either way: a longer lag is a slip, and would overflow a schedule's sums.
                    guard let value = Int(link[link.index(after: sign)...].trimmingCharacters(in: .whitespaces)), value <= 3650 else { throw .badLag(item) }
                    lag = link[sign] == "-" ? -value : value
                    link = link[..<sign]
                }
                guard let parsed = Dependency.Kind(rawValue: link.trimmingCharacters(in: .whitespaces).uppercased()) else { throw .badKind(item) }
                kind = parsed
                code = code[..<colon]
            }
            let trimmed = code.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw .emptyCode(item) }
            return Dependency(trimmed, kind, lag: lag)
        }
    }

    public static func format(_ dependencies: [Dependency]) -> String {
        dependencies.map { d in
            var text = d.code
            if d.kind != .finishToStart || d.lag != 0 { text += ":" + d.kind.rawValue }
            if d.lag != 0 { text += (d.lag > 0 ? "+" : "") + String(d.lag) }
            return text
        }.joined(separator: ", ")
    }

    public enum ParseError: Error, Equatable, Sendable {
        case badLag(String), badKind(String), emptyCode(String)

        public var item: String {
            switch self { case .badLag(let s), .badKind(let s), .emptyCode(let s): s }
        }
    }
}
