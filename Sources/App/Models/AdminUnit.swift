import Fluent
import SQLKit
import NTMDomain
import Vapor

/// One administrative unit in one period. Codes are reused across reforms (18838 was Lâm Hợp
/// until 2025, then the merged Kỳ Lạc), so a unit is its code plus its validity window.
final class AdminUnit: Model, @unchecked Sendable {
    static let schema = "admin_units"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // reference
    @Field(key: "code") var code: String
    @OptionalParent(key: "parent_id") var parent: AdminUnit?
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "valid_from") var validFrom: String?
    @Field(key: "valid_to") var validTo: String?
    @Field(key: "source") var source: String

    // data
    @Field(key: "name") var name: String
    @Field(key: "level") var level: AdminLevel
    @Field(key: "official_type") var officialType: String
    @Field(key: "search_key") var searchKey: String
    @OptionalField(key: "region") var region: String?
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @OptionalField(key: "area_km2") var areaKm2: Double?

    init() {}

    init(code: String, name: String, level: AdminLevel, officialType: String, parentID: UUID?, provinceCode: String,
         window: DateWindow, source: String, region: String? = nil, latitude: Double? = nil, longitude: Double? = nil, areaKm2: Double? = nil) {
        self.code = code
        self.name = TextFolding.normalized(name)
        self.level = level
        self.officialType = officialType
        self.$parent.id = parentID
        self.provinceCode = provinceCode
        self.validFrom = window.from?.iso
        self.validTo = window.to?.iso
        self.source = source
        self.region = region
        self.latitude = latitude
        self.longitude = longitude
        self.areaKm2 = areaKm2
        self.searchKey = TextFolding.searchKey(self.name)
    }

    var window: DateWindow {
        DateWindow(from: validFrom.flatMap(Day.init), to: validTo.flatMap(Day.init))
    }
}

extension AdminUnit {
    /// A unit read from a plain SQL row (`SELECT admin_units.*`). Lists of thousands of units are
    /// read this way: Fluent's generic decoding reflects over the model for every row and cost
    /// half of the country page.
    convenience init(row: any SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        $id.exists = true
        createdAt = try row.decode(column: "created_at", as: Date?.self)
        updatedAt = try row.decode(column: "updated_at", as: Date?.self)
        code = try row.decode(column: "code", as: String.self)
        $parent.id = try row.decode(column: "parent_id", as: UUID?.self)
        provinceCode = try row.decode(column: "province_code", as: String.self)
        validFrom = try row.decode(column: "valid_from", as: String?.self)
        validTo = try row.decode(column: "valid_to", as: String?.self)
        source = try row.decode(column: "source", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        let levelText = try row.decode(column: "level", as: String.self)
        guard let level = AdminLevel(rawValue: levelText) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Unknown unit level \(levelText) for unit \(code)"))
        }
        self.level = level
        officialType = try row.decode(column: "official_type", as: String.self)
        searchKey = try row.decode(column: "search_key", as: String.self)
        region = try row.decode(column: "region", as: String?.self)
        latitude = try row.decode(column: "latitude", as: Double?.self)
        longitude = try row.decode(column: "longitude", as: Double?.self)
        areaKm2 = try row.decode(column: "area_km2", as: Double?.self)
    }
}
