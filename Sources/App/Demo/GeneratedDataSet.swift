import Fluent
import Foundation
import NTMDomain
import SQLKit

/// Generated data at any scale, for the statement-budget and read-model tests and for
/// `ntm-benchmark national`: a unit list in the official 2024 format and an assessment of every
/// indicator for every commune on given days. Values are drawn around each threshold from a
/// seeded generator, so a run is repeatable and communes land on both sides of the standard.
enum GeneratedDataSet {
    /// A 2024-format list: each province code gets `districts` districts of `communes` communes.
    static func unitsCSV(provinces: [String], districts: Int, communes: Int) -> String {
        var lines = ["province_code,province,district_code,district,district_type,ward_code,ward,ward_type,lat,lon"]
        for (p, province) in provinces.enumerated() {
            for d in 0..<districts {
                let district = String(format: "%03d", 700 + p * 40 + d)
                for c in 0..<communes {
                    let code = String(format: "%05d", 40000 + (p * 40 + d) * 600 + c)
                    let lat = 20.0 + Double(p) + Double(c % 25) / 50, lon = 105.0 + Double(d) / 10 + Double(c / 25) / 50
                    lines.append("\(province),Tỉnh Thử \(province),\(district),Huyện Thử \(district),Huyện,\(code),Xã Thử \(code),Xã,\(lat),\(lon)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Records an assessment of every indicator of the set in force for every commune and town in
    /// force on each day (units of `provinceCodes`, or all). Bulk inserts, no per-row checks: the
    /// values are generated to fit. Returns the number of assessments written.
    @discardableResult
    static func assessEveryCommune(on days: [Day], provinceCodes: [String]? = nil, seed: UInt64 = 42, db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        let catalog = try await CriteriaQueries.catalog(db: db)
        var random = SplitMix(seed: seed)
        var written = 0
        for day in days {
            var query = AdminUnit.query(on: db).filter(\.$level ~~ [.commune, .town])
            if let provinceCodes { query = query.filter(\.$provinceCode ~~ provinceCodes) }
            let units = try await query.all().filter { $0.window.contains(day) }
            var setFor: [String: CriteriaSet?] = [:]
            var assessments: [[any SQLExpression]] = []
            var values: [[any SQLExpression]] = []
            let now = Date()
            for unit in units {
                let key = "\(unit.level.rawValue)|\(unit.provinceCode)"
                if setFor[key] == nil { setFor[key] = .some(catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: day)) }
                guard let set = setFor[key] ?? nil, let unitID = unit.id else { continue }
                let assessmentID = UUID()
                assessments.append([SQLBind(assessmentID), SQLBind(now), SQLBind(now), SQLBind(unitID), SQLBind(set.code), SQLBind(day.iso),
                                    SQLBind("Dữ liệu sinh tự động (benchmark)"), SQLBind(1), SQLBind("generator")])
                for criterion in set.criteria {
                    for indicator in criterion.indicators {
                        let value = generatedValue(indicator, region: unit.region ?? Region.general, year: day.year, random: &random)
                        values.append([SQLBind(UUID()), SQLBind(assessmentID), SQLBind(indicator.code), SQLBind(value.number), SQLBind(value.flag)])
                    }
                }
            }
            for chunk in assessments.chunked(by: 500) {
                var insert = sql.insert(into: Assessment.schema)
                    .columns("id", "created_at", "updated_at", "unit_id", "set_code", "as_of", "source", "version", "updated_by")
                for row in chunk { insert = insert.values(row) }
                try await insert.run()
            }
            for chunk in values.chunked(by: 1000) {
                var insert = sql.insert(into: AssessmentValue.schema).columns("id", "assessment_id", "indicator_code", "number_value", "flag_value")
                for row in chunk { insert = insert.values(row) }
                try await insert.run()
            }
            written += assessments.count
        }
        return written
    }

    private static func generatedValue(_ indicator: Indicator, region: String, year: Int, random: inout SplitMix) -> IndicatorValue {
        let threshold = Evaluator.applicableThreshold(indicator.thresholds, region: region, year: year)?.value
        switch indicator.kind {
        case .yesNo:
            return .yes(random.unit() < 0.9)
        case .atLeast, .percentAtLeast:
            let base = threshold ?? 50
            let value = base * (0.85 + random.unit() * 0.4)
            return .number(indicator.kind == .percentAtLeast ? min(100, (value * 10).rounded() / 10) : (value * 10).rounded() / 10)
        case .atMost, .percentAtMost:
            let base = threshold ?? 10
            return .number((base * (0.6 + random.unit() * 0.5) * 10).rounded() / 10)
        }
    }
}
