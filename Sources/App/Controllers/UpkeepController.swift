import Fluent
import NTMDomain
import Vapor

/// The yearly upkeep check (issue 17, point 6): `GET /api/v1/units/{code}/upkeep?year=…` lists the
/// recognised units below the unit whose scorecard on 31/12 of the year (or `date`) no longer meets
/// every criterion, with the criteria lost and how long they have been recognised. Read from the
/// stored scorecards: two statements whatever the number of units.
struct UpkeepController {
    func register(api: any RoutesBuilder) {
        api.get("units", ":code", "upkeep", use: upkeep)
    }

    struct UpkeepDTO: Content {
        struct Item: Content {
            var code: String
            var name: String
            var recognisedOn: String
            var daysSinceRecognition: Int
            var unmet: [Int]
        }

        var date: String
        var items: [Item]
    }

    @Sendable func upkeep(req: Request) async throws -> UpkeepDTO {
        let day = try Self.checkDay(req)
        let unit = try await UnitQueries.require(code: req.parameters.get("code")!, on: day, db: req.db)
        return UpkeepDTO(date: day.iso, items: try await Self.findings(under: unit, on: day, db: req.db).map {
            .init(code: $0.unit.code, name: $0.unit.name, recognisedOn: $0.unit.recognisedOn.iso, daysSinceRecognition: $0.daysSinceRecognition, unmet: $0.unit.unmet)
        })
    }

    /// `date`, else 31/12 of `year`, else 31/12 of this year.
    static func checkDay(_ req: Request) throws -> Day {
        var year = Day.today.year
        if let text = req.query[String.self, at: "year"] {
            guard let given = Int(text), Day.sensibleYears.contains(given) else {
                throw AppError(.badRequest, field: "year", vi: "Năm không hợp lệ: \(text)", en: "Not a valid year: \(text)")
            }
            year = given
        }
        if req.query[String.self, at: "date"] != nil { return try req.asOfDate() }
        return Day(year: year, month: 12, day: 31)!
    }

    static func findings(under root: AdminUnit, on day: Day, db: any Database) async throws -> [UpkeepCheck.Finding] {
        let (units, scope) = try await UnitQueries.scored(root, on: day, db: db)
        let cards = try await ScorecardQueries.stored(units, scope: scope, on: day, catalog: try await CriteriaQueries.catalog(db: db), db: db)
        let recognised = cards.compactMap { card -> UpkeepCheck.Unit? in
            guard let recognition = card.recognition, let decided = Day(recognition.decidedOn) else { return nil }
            return UpkeepCheck.Unit(code: card.unit.code, name: card.unit.name, recognisedOn: decided, unmet: card.summary?.unmet ?? [])
        }
        return UpkeepCheck.atRisk(recognised, on: day)
    }
}
