import NTMDomain
import Vapor

struct HomePageModel: Encodable {
    var layout: LayoutModel
    var provinces: [UnitLink]
    var date: String
    var countryURL: String

    init(request: Request, provinces: [AdminUnit], day: Day) {
        layout = LayoutModel(request: request, title: UIText(request.language).appName)
        self.provinces = provinces.map { UnitLink(name: $0.name, url: SiteURL.unit($0.code, on: nil), detail: $0.code) }
        date = day.iso
        countryURL = SiteURL.unit(UnitTree.rootCode, on: nil)
    }
}

struct SearchPageModel: Encodable {
    var layout: LayoutModel
    var query: String
    var results: [UnitLink]

    init(request: Request, query: String, found: [AdminUnit], parents: [AdminUnit]) {
        let language = request.language
        layout = LayoutModel(request: request, title: "\(UIText(language).search): \(query)")
        self.query = query
        results = found.map { unit in
            let parent = parents.first { $0.id == unit.$parent.id }?.name
            var detail = [LevelNames.name(unit.level, language), parent].compactMap { $0 }.joined(separator: " · ")
            if let to = unit.window.to { detail += language == .vi ? " · đến \(DateFormat.format(to))" : " · until \(DateFormat.format(to))" }
            if let from = unit.window.from { detail += language == .vi ? " · từ \(DateFormat.format(from))" : " · from \(DateFormat.format(from))" }
            // A unit that no longer exists opens on its last day, so the page shows it as it was.
            let day = unit.window.contains(.today) ? nil : unit.window.to
            return UnitLink(name: unit.name, url: SiteURL.unit(unit.code, on: day), detail: detail)
        }
    }
}

struct ProvincePageModel: Encodable {
    /// The write forms this viewer may open from the page.
    var formLinks: [FormLink] = []
    struct DistrictRow: Encodable {
        var name: String
        var url: String
        var communes: Int
        var atStandard: Int
        var totalMet: Int
    }

    var layout: LayoutModel
    /// Residents' reports below the unit, for officers who handle them.
    var reports: ReportsPanel? = nil
    var deadlines: DeadlinesPanel? = nil
    var name: String
    var date: String
    var dateText: String
    var code: String
    var districts: [DistrictRow]
    var communes: [ScoreRow]

    init(request: Request, unit: AdminUnit, ancestors: [AdminUnit], day: Day, own: DistrictRollup, districts: [(unit: AdminUnit, counts: RollupCounts)]) {
        let language = request.language
        let text = UIText(language)
        layout = LayoutModel(request: request, title: unit.name, crumbs: Crumbs.of(ancestors, day: day))
        name = unit.name
        code = unit.code
        date = day.iso
        dateText = DateFormat.format(day)
        self.districts = districts.map { rollup in
            DistrictRow(name: rollup.unit.name, url: SiteURL.unit(rollup.unit.code, on: day), communes: rollup.counts.scored,
                        atStandard: rollup.counts.recognised, totalMet: rollup.counts.totalMet)
        }
        communes = own.children.filter { ![.district, .province].contains($0.unit.level) }.map { ScoreRow($0, day: day, text: text, language: language) }
    }
}

enum Crumbs {
    static func of(_ units: [AdminUnit], day: Day) -> [LayoutModel.Crumb] {
        units.map { LayoutModel.Crumb(name: $0.name, url: SiteURL.unit($0.code, on: day)) }
    }
}
