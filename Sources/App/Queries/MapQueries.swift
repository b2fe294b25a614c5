import Fluent
import Foundation
import NTMDomain
import Vapor

/// The NTM map: every commune (town, ward) of a unit as a cell around its seat, coloured as Hà
/// Tĩnh's map colours them. Cells are the Voronoi diagram of the seats clipped to the outline of
/// the seats (grown a little), computed on the server and drawn as SVG or given as GeoJSON.
struct UnitMap {
    enum Class: String, CaseIterable, Codable {
        case model
        case standard
        case from16 = "16-19"
        case from12 = "12-15"
        case under12 = "under-12"
        case notAssessed = "not-assessed"

        func name(_ language: Language) -> String {
            let vi = language == .vi
            switch self {
            case .model: return vi ? "NTM kiểu mẫu" : "Model NTM"
            case .standard: return vi ? "Đạt chuẩn (đủ tiêu chí hoặc đã công nhận)" : "At standard (every criterion or recognised)"
            case .from16: return vi ? "16–19 tiêu chí" : "16–19 criteria"
            case .from12: return vi ? "12–15 tiêu chí" : "12–15 criteria"
            case .under12: return vi ? "Dưới 12 tiêu chí" : "Under 12 criteria"
            case .notAssessed: return vi ? "Chưa đánh giá" : "Not assessed"
            }
        }

        /// A mark drawn in the cell too, so the classes read without colour.
        var symbol: String {
            switch self {
            case .model: "★"
            case .standard: "✓"
            case .from16: "●"
            case .from12: "○"
            case .under12: "·"
            case .notAssessed: "?"
            }
        }
    }

    struct Cell {
        var unit: AdminUnit
        var met: Int
        var total: Int
        var mapClass: Class
        /// Lon/lat rings (closed): one, or one per piece where a loaded boundary cuts the cell
        /// (islands, a coast); none when the unit has no seat position.
        var rings: [[(lon: Double, lat: Double)]]
        var seat: (lon: Double, lat: Double)?
    }

    let unit: AdminUnit
    let day: Day
    let cells: [Cell]
    /// Kilometres east per degree of longitude over those per degree of latitude at the seats'
    /// mean latitude: the plane the cells were cut in, and the one they are drawn in.
    let eastScale: Double
    /// Where the outline the cells are clipped to comes from (a loaded file); nil: the hull of the seats.
    var outlineSource: String? = nil

    static func classify(_ card: UnitScorecard, model: Bool) -> Class {
        if model { return .model }
        switch card.level {
        case .recognised, .reachedStandard: return .standard
        case .notAssessed: return .notAssessed
        case .building:
            return card.met >= 16 ? .from16 : (card.met >= 12 ? .from12 : .under12)
        }
    }

    var counts: [(Class, Int)] { Class.allCases.map { c in (c, cells.filter { $0.mapClass == c }.count) } }
}

enum MapQueries {
    static func load(_ unit: AdminUnit, on day: Day, catalog: CriteriaCatalog, db: any Database) async throws -> UnitMap {
        let (units, scope) = try await UnitQueries.scored(unit, on: day, db: db)
        let cards = try await ScorecardQueries.stored(units, scope: scope, on: day, catalog: catalog, db: db)
        let models = Set(try await Recognition.query(on: db).filter(\.$unit.$id ~~ units.compactMap(\.id)).filter(\.$grade == .model)
            .filter(\.$decidedOn <= day.iso).all().filter { $0.inForce(on: day) }.map(\.$unit.id))
        let placed = cards.filter { $0.unit.latitude != nil && $0.unit.longitude != nil }
        let latitudes = placed.compactMap(\.unit.latitude)
        let lat0 = latitudes.isEmpty ? 0 : latitudes.reduce(0, +) / Double(latitudes.count)
        let scale = cos(lat0 * .pi / 180)
        let sites = placed.map { PlanePoint(x: $0.unit.longitude! * scale, y: $0.unit.latitude!) }
        // The real outline where one is loaded, else the hull of the seats grown a little.
        let loaded = try await UnitBoundary.query(on: db).filter(\.$unit.$id == unit.requireID()).first()
        let boundary = loaded?.boundary
        let parts = (boundary?.rings ?? []).map { ring in ring.map { PlanePoint(x: $0.lon * scale, y: $0.lat) } }
        let outline = parts.isEmpty ? PolygonMath.grown(PolygonMath.convexHull(sites), by: 1.04)
                                    : PolygonMath.grown(PolygonMath.convexHull(sites + parts.flatMap { $0 }), by: 1.01)
        let polygons = sites.count >= 3 ? Voronoi.cells(sites: sites, outline: outline) : sites.map { _ in Polygon() }
        var rings: [UUID: [[(lon: Double, lat: Double)]]] = [:]
        for (card, polygon) in zip(placed, polygons) where !polygon.isEmpty {
            let pieces = parts.isEmpty ? [polygon]
                : parts.map { PolygonMath.intersection($0, convex: polygon) }.filter { abs(PolygonMath.area($0)) > 0 }
            rings[card.unit.id!] = pieces.map { piece in (piece + [piece[0]]).map { (lon: $0.x / scale, lat: $0.y) } }
        }
        // Units no set applies to that day (a town between two sets) are drawn as not assessed, never left as holes.
        return UnitMap(unit: unit, day: day, cells: cards.map { card in
            UnitMap.Cell(unit: card.unit, met: card.met, total: card.total,
                         mapClass: UnitMap.classify(card, model: card.unit.id.map(models.contains) ?? false),
                         rings: card.unit.id.flatMap { rings[$0] } ?? [],
                         seat: card.unit.latitude.flatMap { lat in card.unit.longitude.map { (lon: $0, lat: lat) } })
        }, eastScale: scale, outlineSource: loaded.map { $0.source ?? "GeoJSON" })
    }
}

extension UnitMap {
    /// The map as SVG: a path per cell linking to its unit, with a `<title>` (name, X/Y) and a symbol.
    func svg(language: Language, width: Double = 760) -> String {
        let drawn = cells.filter { !$0.rings.isEmpty }
        let title = language == .vi ? "Bản đồ NTM \(unit.name) ngày \(DateFormat.format(day))" : "NTM map of \(unit.name) on \(DateFormat.format(day))"
        guard !drawn.isEmpty else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ntm-map\" viewBox=\"0 0 \(Int(width)) 60\" role=\"img\" aria-label=\"\(SVGChart.escape(title))\"><text x=\"10\" y=\"30\">"
                + (language == .vi ? "Chưa có vị trí trụ sở của các xã để vẽ bản đồ" : "No seat positions to draw a map") + "</text></svg>"
        }
        let k = eastScale
        let xs = drawn.flatMap { $0.rings.joined().map { $0.lon * k } }, ys = drawn.flatMap { $0.rings.joined().map(\.lat) }
        let minX = xs.min()!, maxX = xs.max()!, minY = ys.min()!, maxY = ys.max()!
        let scale = width / max(maxX - minX, 1e-9)
        let height = max(60, (maxY - minY) * scale)
        func point(_ lon: Double, _ lat: Double) -> String {
            String(format: "%.1f,%.1f", (lon * k - minX) * scale, (maxY - lat) * scale)
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ntm-map\" viewBox=\"0 0 \(Int(width)) \(Int(height.rounded(.up)))\" role=\"img\" aria-label=\"\(SVGChart.escape(title))\">"
        svg += "<title>\(SVGChart.escape(title))</title>"
        svg += "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\" stroke-width=\"1.5\"/></pattern></defs>"
        for cell in drawn {
            let path = cell.rings.map { "M" + $0.map { point($0.lon, $0.lat) }.joined(separator: " L") + " Z" }.joined(separator: " ")
            let label = "\(cell.unit.name) — \(cell.met)/\(cell.total) · \(cell.mapClass.name(language))"
            svg += "<a href=\"\(SiteURL.unit(cell.unit.code, on: day))\"><path d=\"\(path)\" class=\"map-cell map-\(cell.mapClass.rawValue)\"><title>\(SVGChart.escape(label))</title></path>"
            if let seat = cell.seat {
                let p = point(seat.lon, seat.lat).split(separator: ",")
                svg += "<text x=\"\(p[0])\" y=\"\(p[1])\" class=\"map-symbol\" text-anchor=\"middle\" dominant-baseline=\"middle\">\(cell.mapClass.symbol)</text>"
            }
            svg += "</a>"
        }
        return svg + "</svg>"
    }

    /// GeoJSON for GIS users: a Polygon feature per placed unit (lon, lat), properties from the contract.
    var geoJSON: [String: Any] {
        [
            "type": "FeatureCollection",
            "features": cells.filter { !$0.rings.isEmpty }.map { cell -> [String: Any] in
                let rings = cell.rings.map { ring in ring.map { [($0.lon * 1e6).rounded() / 1e6, ($0.lat * 1e6).rounded() / 1e6] } }
                return [
                    "type": "Feature",
                    "geometry": rings.count == 1 ? ["type": "Polygon", "coordinates": rings] : ["type": "MultiPolygon", "coordinates": rings.map { [$0] }],
                    "properties": ["code": cell.unit.code, "name": cell.unit.name, "met": cell.met, "total": cell.total, "class": cell.mapClass.rawValue],
                ]
            },
        ]
    }
}
