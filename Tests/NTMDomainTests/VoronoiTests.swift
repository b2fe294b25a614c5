import Testing
@testable import NTMDomain

@Suite("Map cells")
struct VoronoiTests {
    @Test("Cells of random seats cover the outline without overlap: their areas add up to the outline's, each holds its seat")
    func partition() {
        var rng = SplitMix(seed: 14)
        for n in [1, 2, 3, 20, 200] {
            let sites = (0..<n).map { _ in PlanePoint(x: rng.unit() * 100, y: rng.unit() * 60) }
            let outline = PolygonMath.grown(PolygonMath.convexHull(sites + [PlanePoint(x: 0, y: 0), PlanePoint(x: 100, y: 0), PlanePoint(x: 0, y: 60)]), by: 1.05)
            let cells = Voronoi.cells(sites: sites, outline: outline)
            let total = cells.map(PolygonMath.area).reduce(0, +)
            #expect(abs(total - PolygonMath.area(outline)) <= 0.001 * PolygonMath.area(outline), "n = \(n)")
            for (site, cell) in zip(sites, cells) {
                #expect(contains(cell, site))
            }
        }
    }

    @Test("Two seats in one place: one cell, not two overlapping ones")
    func duplicates() {
        let sites = [PlanePoint(x: 1, y: 1), PlanePoint(x: 1, y: 1), PlanePoint(x: 3, y: 3)]
        let outline = [PlanePoint(x: 0, y: 0), PlanePoint(x: 4, y: 0), PlanePoint(x: 4, y: 4), PlanePoint(x: 0, y: 4)]
        let cells = Voronoi.cells(sites: sites, outline: outline)
        #expect(cells[1].isEmpty && !cells[0].isEmpty)
        #expect(abs(cells.map(PolygonMath.area).reduce(0, +) - 16) < 1e-9)
        #expect(PolygonMath.convexHull([PlanePoint(x: 0, y: 0), PlanePoint(x: 2, y: 0), PlanePoint(x: 1, y: 1), PlanePoint(x: 2, y: 2), PlanePoint(x: 0, y: 2)]).count == 4)
    }

    @Test("Clipped to a real, non-convex outline (an L, and an island apart), the cells still add up to the outline's area")
    func realOutline() {
        var rng = SplitMix(seed: 7)
        let ell: Polygon = [PlanePoint(x: 0, y: 0), PlanePoint(x: 100, y: 0), PlanePoint(x: 100, y: 30), PlanePoint(x: 40, y: 30),
                            PlanePoint(x: 40, y: 80), PlanePoint(x: 0, y: 80)]
        let island: Polygon = [PlanePoint(x: 80, y: 60), PlanePoint(x: 95, y: 60), PlanePoint(x: 90, y: 75)]
        let sites = (0..<60).map { _ -> PlanePoint in
            let p = PlanePoint(x: rng.unit() * 100, y: rng.unit() * 80)
            return p.x > 40 && p.y > 30 ? PlanePoint(x: p.x - 40, y: p.y) : p
        }
        let outline = PolygonMath.convexHull(sites + ell + island)
        let cells = Voronoi.cells(sites: sites, outline: PolygonMath.grown(outline, by: 1.01))
        let clipped = cells.flatMap { cell in [ell, island].map { PolygonMath.intersection($0, convex: cell) } }
        let total = clipped.map { abs(PolygonMath.area($0)) }.reduce(0, +)
        let expected = PolygonMath.area(ell) + PolygonMath.area(island)
        #expect(abs(total - expected) <= 0.001 * expected)
        // A square cut by a half-square window keeps half its area.
        let square: Polygon = [PlanePoint(x: 0, y: 0), PlanePoint(x: 2, y: 0), PlanePoint(x: 2, y: 2), PlanePoint(x: 0, y: 2)]
        let window: Polygon = [PlanePoint(x: 1, y: -1), PlanePoint(x: 3, y: -1), PlanePoint(x: 3, y: 3), PlanePoint(x: 1, y: 3)]
        #expect(abs(abs(PolygonMath.area(PolygonMath.intersection(square, convex: window))) - 2) < 1e-9)
        #expect(abs(abs(PolygonMath.area(PolygonMath.intersection(square, convex: window.reversed()))) - 2) < 1e-9)
    }

    @Test("GeoJSON outlines: FeatureCollection, MultiPolygon; bad coordinates are named by their path")
    func geoJSON() throws {
        let collection = #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Hà Tĩnh"}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[105.1, 18.0], [106.5, 18.0], [106.0, 18.8], [105.1, 18.0]], [[105.5, 18.2], [105.6, 18.2], [105.55, 18.3]]], [[[106.6, 18.1], [106.7, 18.1], [106.65, 18.2]]]]}}]}"#
        let boundary = try Boundary.parse(Array(collection.utf8))
        #expect(boundary.rings.count == 2)          // two polygons; the hole of the first is ignored
        #expect(boundary.rings[0].count == 3)       // the closing point is dropped
        #expect(throws: Boundary.Problem.notJSON) { try Boundary.parse(Array("not json".utf8)) }
        #expect(throws: Boundary.Problem.noPolygon) { try Boundary.parse(Array(#"{"type": "Point", "coordinates": [105, 18]}"#.utf8)) }
        #expect(throws: Boundary.Problem.badCoordinates(path: ".coordinates[0][1]")) {
            try Boundary.parse(Array(#"{"type": "Polygon", "coordinates": [[[105, 18], [500, 18], [105, 19]]]}"#.utf8))
        }
    }

    private func contains(_ polygon: Polygon, _ p: PlanePoint) -> Bool {
        guard polygon.count >= 3 else { return false }
        for i in polygon.indices {
            let a = polygon[i], b = polygon[(i + 1) % polygon.count]
            if (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) < -1e-9 { return false }
        }
        return true
    }
}
