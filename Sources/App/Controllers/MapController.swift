import Fluent
import NTMDomain
import Vapor

/// The NTM map of a province or district on a day: page, SVG and GeoJSON.
struct MapController {
    func register(api: any RoutesBuilder, writes: any RoutesBuilder, pages: any RoutesBuilder) {
        writes.on(.PUT, "units", ":code", "boundary", body: .collect(maxSize: "20mb"), use: loadBoundary)
        api.get("units", ":code", "map.svg", use: svg)
        api.get("units", ":code", "map.geojson", use: geoJSON)
        pages.get(SiteURL.unitPage(":code", "map").pathComponents, use: page)
    }

    private func load(_ req: Request) async throws -> UnitMap {
        let day = try req.asOfDate()
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        // Ten thousand cells are neither readable nor quick to compute on request: the map is drawn per province.
        guard unit.level != .country else {
            throw AppError(.unprocessableEntity, field: "code", vi: "Bản đồ NTM vẽ theo từng tỉnh: chọn một tỉnh trong danh sách",
                           en: "The NTM map is drawn per province: choose a province from the list")
        }
        return try await MapQueries.load(unit, on: day, catalog: try await CriteriaQueries.catalog(db: req.db), db: req.db)
    }

    /// `PUT /api/v1/units/{code}/boundary?source=…` with the GeoJSON as the body.
    @Sendable func loadBoundary(req: Request) async throws -> Response {
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: .today, db: req.db)
        let body = req.body.data.map { Array($0.readableBytesView) } ?? []
        let record = try await Self.loadBoundary(body, unit: unit, source: req.query[String.self, at: "source"], req: req)
        struct Loaded: Content { var unit: String; var polygons: Int; var points: Int }
        return try await Loaded(unit: unit.code, polygons: record.boundary?.rings.count ?? 0, points: record.pointCount).encodeResponse(status: .ok, for: req)
    }

    /// A unit's outline, from the API or the map page's form.
    static func loadBoundary(_ geoJSON: [UInt8], unit: AdminUnit, source: String?, req: Request) async throws -> UnitBoundary {
        try await req.authorize(.editBoundary, on: unit)
        return try await BoundaryWriter.save(geoJSON, unit: unit, source: source, actor: req.actor, db: req.db)
    }

    @Sendable func svg(req: Request) async throws -> Response {
        let map = try await load(req)
        let response = Response(status: .ok, body: .init(string: map.svg(language: req.language)))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"])
        return response
    }

    @Sendable func geoJSON(req: Request) async throws -> Response {
        let map = try await load(req)
        let data = try JSONSerialization.data(withJSONObject: map.geoJSON, options: [.sortedKeys])
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "geo+json")
        return response
    }

    @Sendable func page(req: Request) async throws -> View {
        let map = try await load(req)
        let ancestors = try await UnitQueries.ancestors(of: map.unit, db: req.db)
        var model = MapPageModel(request: req, map: map, ancestors: ancestors)
        model.formLinks = try await FormLinks.offered([.init(action: .editBoundary, form: "boundary", vi: "Nạp ranh giới đơn vị (GeoJSON)", en: "Load a unit's outline (GeoJSON)")],
                                                      on: map.unit, day: map.day, request: req)
        return try await req.view.render("map", model)
    }
}

struct MapPageModel: Encodable {
    /// The write forms this viewer may open from the page.
    var formLinks: [FormLink] = []
    struct LegendRow: Encodable {
        var css: String
        var symbol: String
        var name: String
        var count: Int
    }

    struct Row: Encodable {
        var name: String
        var url: String
        var score: String
        var css: String
        var symbol: String
        var className: String
    }

    var layout: LayoutModel
    var code: String
    var date: String
    var svg: String
    /// Which outline the cells are cut to, in words.
    var outline: String
    var legend: [LegendRow]
    var years: [UnitLink]
    var rows: [Row]
    var svgURL: String
    var geoJSONURL: String
    var unplaced: Int

    init(request: Request, map: UnitMap, ancestors: [AdminUnit]) {
        let language = request.language, vi = language == .vi
        layout = LayoutModel(request: request, title: (vi ? "Bản đồ NTM — " : "NTM map — ") + map.unit.name,
                             crumbs: Crumbs.of(ancestors + [map.unit], day: map.day))
        code = map.unit.code
        date = map.day.iso
        svg = map.svg(language: language)
        legend = map.counts.map { LegendRow(css: $0.0.rawValue, symbol: $0.0.symbol, name: $0.0.name(language), count: $0.1) }
        // A row of year-ends to step through the colours over the years, and the day shown.
        let last = min(Day.today.year, max(map.day.year, 2020))
        years = (2019...last).compactMap { year in
            Day(year: year, month: 12, day: 31).map { end in
                UnitLink(name: String(year), url: SiteURL.unit(map.unit.code, "map", on: end), detail: end == map.day ? "current" : "")
            }
        }
        let order = Dictionary(uniqueKeysWithValues: UnitMap.Class.allCases.enumerated().map { ($1, $0) })
        rows = map.cells.sorted { (order[$0.mapClass]!, -$0.met, $0.unit.name) < (order[$1.mapClass]!, -$1.met, $1.unit.name) }.map { cell in
            Row(name: cell.unit.name, url: SiteURL.unit(cell.unit.code, on: map.day), score: "\(cell.met)/\(cell.total)",
                css: cell.mapClass.rawValue, symbol: cell.mapClass.symbol, className: cell.mapClass.name(language))
        }
        svgURL = "/api/v1/units/\(map.unit.code)/map.svg?date=\(map.day.iso)"
        geoJSONURL = "/api/v1/units/\(map.unit.code)/map.geojson?date=\(map.day.iso)"
        unplaced = map.cells.filter(\.rings.isEmpty).count
        outline = map.outlineSource.map { language == .vi ? "Cắt theo ranh giới đã nạp (\($0))." : "Clipped to the loaded outline (\($0))." }
            ?? (language == .vi ? "Viền ngoài là bao lồi các trụ sở (chưa nạp ranh giới thật: ntm import-boundary)."
                                : "The outer edge is the hull of the seats (no real outline loaded: ntm import-boundary).")
    }
}
