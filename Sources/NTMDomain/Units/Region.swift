/// Socio-economic regions whose thresholds differ in the 2021–2025 sets, and the commune groups
/// of the 2026–2030 set. Stored as plain codes so a province can add a variant without a code change.
public enum Region {
    public static let general = "general"
    public static let northernMountains = "northern-mountains"
    public static let redRiverDelta = "red-river-delta"
    public static let northCentral = "north-central"
    public static let southCentralCoast = "south-central-coast"
    public static let centralHighlands = "central-highlands"
    public static let southeast = "southeast"
    public static let mekongDelta = "mekong-delta"

    public static let all = [general, northernMountains, redRiverDelta, northCentral,
                             southCentralCoast, centralHighlands, southeast, mekongDelta]
}
