/// A point of the map plane (x east, y north), in any unit.
public struct PlanePoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A convex polygon, vertices counter-clockwise.
public typealias Polygon = [PlanePoint]

public enum PolygonMath {
    /// Signed area (positive when counter-clockwise).
    public static func area(_ polygon: Polygon) -> Double {
        guard polygon.count >= 3 else { return 0 }
        var sum = 0.0
        for i in polygon.indices {
            let a = polygon[i], b = polygon[(i + 1) % polygon.count]
            sum += a.x * b.y - b.x * a.y
        }
        return sum / 2
    }

    /// The convex hull of the points, counter-clockwise (Andrew's monotone chain).
    public static func convexHull(_ points: [PlanePoint]) -> Polygon {
        let sorted = Array(Set(points)).sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        guard sorted.count >= 3 else { return sorted }
        func cross(_ o: PlanePoint, _ a: PlanePoint, _ b: PlanePoint) -> Double { (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x) }
        var lower: [PlanePoint] = [], upper: [PlanePoint] = []
        for p in sorted {
            while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 { lower.removeLast() }
            lower.append(p)
        }
        for p in sorted.reversed() {
            while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 { upper.removeLast() }
            upper.append(p)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }

    /// The polygon scaled about its centroid: a hull drawn through the outermost seats would put
    /// them on the border, so the outline is grown a little.
    public static func grown(_ polygon: Polygon, by factor: Double) -> Polygon {
        guard !polygon.isEmpty else { return polygon }
        let cx = polygon.map(\.x).reduce(0, +) / Double(polygon.count), cy = polygon.map(\.y).reduce(0, +) / Double(polygon.count)
        return polygon.map { PlanePoint(x: cx + ($0.x - cx) * factor, y: cy + ($0.y - cy) * factor) }
    }

    /// The part of a convex polygon where `a·x + b·y ≤ c` (Sutherland–Hodgman against one half-plane).
    static func clip(_ polygon: Polygon, a: Double, b: Double, c: Double) -> Polygon {
        guard !polygon.isEmpty else { return polygon }
        var out: Polygon = []
        for i in polygon.indices {
            let p = polygon[i], q = polygon[(i + 1) % polygon.count]
            let fp = a * p.x + b * p.y - c, fq = a * q.x + b * q.y - c
            if fp <= 0 { out.append(p) }
            if (fp < 0 && fq > 0) || (fp > 0 && fq < 0) {
                let t = fp / (fp - fq)
                out.append(PlanePoint(x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y)))
            }
        }
        return out
    }
}

/// The Voronoi diagram of the seats clipped to a convex outline: each unit's cell is the part of
/// the outline closer to its seat than to any other. The cells partition the outline exactly.
public enum Voronoi {
    static func squaredDistance(_ a: PlanePoint, _ b: PlanePoint) -> Double {
        let dx = a.x - b.x, dy = a.y - b.y
        return dx * dx + dy * dy
    }

    /// One cell per site, in order (empty for a site outside the outline or on top of an earlier one).
    /// Sites are tried nearest first and the search stops once no farther site can cut the cell
    /// (twice the cell's reach from its site), so a province of 200 seats takes a few ms.
    public static func cells(sites: [PlanePoint], outline: Polygon) -> [Polygon] {
        sites.indices.map { i in
            let s = sites[i]
            let others = sites.indices.filter { $0 != i }.map { j -> (Int, Double) in (j, squaredDistance(sites[j], s)) }
                .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            var cell = outline
            for (j, distance) in others {
                let reach: Double = cell.map { squaredDistance($0, s) }.max() ?? 0
                if distance > 4 * reach { break }
                let t = sites[j]
                if distance == 0 {
                    // Two seats in one place: the later one gets no cell rather than an overlapping one.
                    if j < i { return [] }
                    continue
                }
                // Closer to s than to t: (t − s)·x ≤ (|t|² − |s|²) / 2.
                let c: Double = (t.x * t.x + t.y * t.y - s.x * s.x - s.y * s.y) / 2
                cell = PolygonMath.clip(cell, a: t.x - s.x, b: t.y - s.y, c: c)
                if cell.isEmpty { break }
            }
            return cell
        }
    }
}
