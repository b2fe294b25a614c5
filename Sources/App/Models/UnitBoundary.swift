import Fluent
import Foundation
import NTMDomain

/// A unit's real outline, loaded from a GeoJSON file: the map clips its cells to it instead of the
/// hull of the seats. Stored as the outer rings only (`[[[lon, lat]]]`), not the file's properties.
final class UnitBoundary: Model, @unchecked Sendable {
    static let schema = "unit_boundaries"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "unit_id") var unit: AdminUnit
    @Field(key: "rings") var rings: String
    @Field(key: "point_count") var pointCount: Int
    @OptionalField(key: "source") var source: String?
    @Field(key: "loaded_by") var loadedBy: String

    init() {}

    init(unitID: UUID, boundary: Boundary, source: String?, loadedBy: String) throws {
        self.$unit.id = unitID
        let rings = boundary.rings.map { $0.map { [$0.lon, $0.lat] } }
        self.rings = String(decoding: try JSONEncoder().encode(rings), as: UTF8.self)
        self.pointCount = boundary.rings.reduce(0) { $0 + $1.count }
        self.source = source
        self.loadedBy = loadedBy
    }

    var boundary: Boundary? {
        guard let rings = try? JSONDecoder().decode([[[Double]]].self, from: Data(rings.utf8)) else { return nil }
        return Boundary(rings: rings.map { $0.compactMap { $0.count >= 2 ? Boundary.Point(lon: $0[0], lat: $0[1]) : nil } })
    }
}
