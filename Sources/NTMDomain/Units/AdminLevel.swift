/// The tiers of Vietnam's administrative tree that NTM tracks.
/// Towns (thị trấn) and wards (phường) sit beside communes; villages (thôn) sit below them.
public enum AdminLevel: String, Codable, Sendable, CaseIterable {
    /// The national root (Việt Nam), so the country is a unit like any other.
    case country
    case province, district, commune, town, ward, village

    /// Depth in the pre-2025 tree; used to order drill-down lists.
    public var depth: Int {
        switch self {
        case .country: -1
        case .province: 0
        case .district: 1
        case .commune, .town, .ward: 2
        case .village: 3
        }
    }

    /// Maps the Vietnamese unit type written in the official lists to a level.
    public static func fromOfficialType(_ type: String) -> AdminLevel? {
        switch TextFolding.searchKey(type) {
        case "tinh", "thanh pho truc thuoc trung uong": .province
        case "huyen", "quan", "thi xa", "thanh pho": .district
        case "xa", "dac khu": .commune
        case "thi tran": .town
        case "phuong": .ward
        case "thon", "xom", "ban", "to dan pho", "khoi", "ap", "lang": .village
        default: nil
        }
    }
}
