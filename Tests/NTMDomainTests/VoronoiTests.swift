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

    private func contains(_ polygon: Polygon, _ p: PlanePoint) -> Bool {
        guard polygon.count >= 3 else { return false }
        for i in polygon.indices {
            let a = polygon[i], b = polygon[(i + 1) % polygon.count]
            if (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) < -1e-9 { return false }
        }
        return true
    }
}
