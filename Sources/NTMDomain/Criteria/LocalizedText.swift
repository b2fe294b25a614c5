/// A text with its Vietnamese original and an optional English rendering.
public struct LocalizedText: Codable, Hashable, Sendable {
    public var vi: String
    public var en: String?

    public init(vi: String, en: String? = nil) {
        self.vi = vi
        self.en = en
    }

    /// Vietnamese is the source of truth; English falls back to it when no translation exists.
    public func text(_ language: Language) -> String {
        language == .en ? (en ?? vi) : vi
    }
}
