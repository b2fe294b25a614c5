import Fluent
import Foundation
import NTMDomain

/// The demo data set: Hà Tĩnh's units (2024 and 2025 lists), the shipped criteria sets, and the
/// assessments in `Resources/Demo/assessments.json` (the scenario's reports plus labelled demo values),
/// each written through the same checks as the API. Every figure a page shows is computed from these.
enum DemoData {
    static let factKey = "demo-data"
    /// Documented in README; a demo database only.
    static let demoToken = "ntm-demo-token"

    enum LoadResult: Equatable {
        case loaded(units: Int, assessments: Int)
        case alreadyLoaded
    }

    static func load(resourcesDirectory: String, db: any Database) async throws -> LoadResult {
        if try await SystemFact.query(on: db).filter(\.$key == factKey).first() != nil { return .alreadyLoaded }
        let units = try await AdminUnit.query(on: db).count()
        let assessments = try await Assessment.query(on: db).count()
        guard units == 0 && assessments == 0 else {
            throw AppError(.conflict, vi: "Cơ sở dữ liệu đã có dữ liệu khác (\(units) đơn vị, \(assessments) đánh giá); không nạp dữ liệu minh họa vào đó. Dùng NTM_DATA_DIR trỏ tới thư mục mới.",
                           en: "The database already holds other data (\(units) units, \(assessments) assessments); demo data is not loaded into it. Point NTM_DATA_DIR at a new folder.")
        }
        let data = (resourcesDirectory as NSString).appendingPathComponent("Data")
        let demo = (resourcesDirectory as NSString).appendingPathComponent("Demo")
        let importer = AdminUnitImporter(regions: try AdminUnitImporter.loadRegions(resourcesDirectory: resourcesDirectory))
        let records = try JSONDecoder().decode([ForUnit<AssessmentInputDTO>].self, from: Data(contentsOf: URL(fileURLWithPath: demo + "/assessments.json")))
        let recognitions = try JSONDecoder().decode([ForUnit<RecognitionDTO>].self, from: Data(contentsOf: URL(fileURLWithPath: demo + "/recognitions.json")))

        try await db.transaction { tx in
            try await ShippedCriteriaSets.load(resourcesDirectory: resourcesDirectory, db: tx)
            for file in ["ha-tinh-units-2024.csv", "ha-tinh-units-2025.csv"] {
                _ = try await importer.importCSV(try String(contentsOfFile: data + "/" + file, encoding: .utf8), province: "42", db: tx)
            }
            for record in records {
                _ = try await AssessmentWriter.record(record.input, unitCode: record.unit, db: tx)
            }
            for recognition in recognitions {
                _ = try await RecognitionWriter.record(recognition.input, unitCode: recognition.unit, db: tx)
            }
            try await ApiToken(name: "demo", token: demoToken).create(on: tx)
            try await SystemFact(key: factKey, value: Day.today.iso).create(on: tx)
        }
        return .loaded(units: try await AdminUnit.query(on: db).count(), assessments: records.count)
    }

    /// A demo record: the API's input body plus the code of the unit it is for.
    struct ForUnit<Input: Decodable & Sendable>: Decodable, Sendable {
        var unit: String
        var input: Input

        init(from decoder: Decoder) throws {
            unit = try UnitCode(from: decoder).unit
            input = try Input(from: decoder)
        }
    }

    private struct UnitCode: Decodable {
        var unit: String
    }

}
