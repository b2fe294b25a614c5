import Foundation

/// A province's real outline, loaded from a GeoJSON file (what QGIS and the national GIS portals
/// export): the outer rings of its polygons, in lon/lat. Holes are ignored: a commune's cell
/// covering a lake is still the commune's.
public struct Boundary: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var lon: Double
        public var lat: Double

        public init(lon: Double, lat: Double) {
            self.lon = lon
            self.lat = lat
        }
    }

    public var rings: [[Point]]

    public init(rings: [[Point]]) {
        self.rings = rings
    }

    public enum Problem: Error, Equatable, Sendable {
        case notJSON
        case noPolygon
        case badCoordinates(path: String)
        case tooManyPoints(Int)
    }

    /// Enough for a province traced at a few metres; more is a mistake (a whole country, a raster trace).
    public static let maxPoints = 200_000

    /// The outer rings of every Polygon and MultiPolygon in a FeatureCollection, Feature or geometry.
    public static func parse(_ bytes: [UInt8]) throws(Problem) -> Boundary {
        guard let json = try? JSONSerialization.jsonObject(with: Data(bytes)) else { throw .notJSON }
        var rings: [[Point]] = []
        try collect(json, path: "", into: &rings)
        guard !rings.isEmpty else { throw .noPolygon }
        let count = rings.reduce(0) { $0 + $1.count }
        if count > maxPoints { throw .tooManyPoints(count) }
        return Boundary(rings: rings)
    }

    private static func collect(_ json: Any, path: String, into rings: inout [[Point]]) throws(Problem) {
        guard let object = json as? [String: Any], let type = object["type"] as? String else { return }
        switch type {
        case "FeatureCollection":
            for (i, feature) in ((object["features"] as? [Any]) ?? []).enumerated() { try collect(feature, path: "features[\(i)]", into: &rings) }
        case "Feature":
            if let geometry = object["geometry"] { try collect(geometry, path: path + ".geometry", into: &rings) }
        case "GeometryCollection":
            for (i, geometry) in ((object["geometries"] as? [Any]) ?? []).enumerated() { try collect(geometry, path: path + ".geometries[\(i)]", into: &rings) }
        case "Polygon":
            rings.append(try outerRing(object["coordinates"], path: path + ".coordinates"))
        case "MultiPolygon":
            guard let polygons = object["coordinates"] as? [Any] else { throw .badCoordinates(path: path + ".coordinates") }
            for (i, polygon) in polygons.enumerated() { rings.append(try outerRing(polygon, path: path + ".coordinates[\(i)]")) }
        default:
            return
        }
    }

    private static func outerRing(_ coordinates: Any?, path: String) throws(Problem) -> [Point] {
        guard let ringsOfPolygon = coordinates as? [Any], let outer = ringsOfPolygon.first as? [Any] else { throw .badCoordinates(path: path) }
        var points: [Point] = []
        for (i, position) in outer.enumerated() {
            guard let pair = position as? [Any], pair.count >= 2, let lon = (pair[0] as? NSNumber)?.doubleValue, let lat = (pair[1] as? NSNumber)?.doubleValue,
                  lon.isFinite, lat.isFinite, (-180...180).contains(lon), (-90...90).contains(lat) else {
                throw .badCoordinates(path: path + "[0][\(i)]")
            }
            points.append(Point(lon: lon, lat: lat))
        }
        if points.count > 1 && points.first == points.last { points.removeLast() }
        guard points.count >= 3 else { throw .badCoordinates(path: path + "[0]") }
        return points
    }
}

extension PolygonMath {
    /// The part of `subject` (any simple polygon, convex or not) inside the convex `clip`
    /// (Sutherland–Hodgman, one half-plane per edge of `clip`). Where the part falls apart in
    /// pieces they stay joined by zero-width seams: the area and the drawing are exact.
    public static func intersection(_ subject: Polygon, convex clip: Polygon) -> Polygon {
        let window = area(clip) < 0 ? Array(clip.reversed()) : clip
        var result = subject
        for k in window.indices where !result.isEmpty {
            let p = window[k], q = window[(k + 1) % window.count]
            // Left of p→q (inside a counter-clockwise polygon): a·x + b·y ≤ c.
            let a = q.y - p.y, b = p.x - q.x
            result = PolygonMath.clip(result, a: a, b: b, c: a * p.x + b * p.y)
        }
        return result
    }
}
