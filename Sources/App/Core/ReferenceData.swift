import NTMDomain
import Vapor

/// Small data files read once at start (edit the file and restart to change them):
/// public holidays for working-day plans, the list of funding sources, and the recognition
/// procedures (`Procedures/*.json`, one per period: a province edits its steps, days and thresholds).
struct ReferenceData: Sendable {
    var holidays: Set<Day>
    var fundingSources: [FundingSource]
    var procedures: [RecognitionProcedure]

    static func load(resourcesDirectory: String) throws -> ReferenceData {
        ReferenceData(holidays: try Holidays.load(resourcesDirectory: resourcesDirectory),
                      fundingSources: try FundingQueries.sources(resourcesDirectory: resourcesDirectory),
                      procedures: try loadProcedures(resourcesDirectory: resourcesDirectory))
    }

    func procedure(code: String) -> RecognitionProcedure? {
        procedures.first { $0.code == code }
    }

    static func loadProcedures(resourcesDirectory: String) throws -> [RecognitionProcedure] {
        let folder = (resourcesDirectory as NSString).appendingPathComponent("Procedures")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                return try JSONDecoder().decode(RecognitionProcedure.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw AppError(.internalServerError, vi: "Tệp quy trình \(path) không đọc được: \(error)", en: "The procedure file \(path) cannot be read: \(error)")
            }
        }
    }
}

/// A required data file under the resources folder: missing or malformed, it is named in the error.
enum ReferenceFile {
    static func table(_ relativePath: String, required: [String], resourcesDirectory: String) throws -> CSVTable {
        let path = (resourcesDirectory as NSString).appendingPathComponent(relativePath)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AppError(.internalServerError, vi: "Thiếu tệp dữ liệu bắt buộc \(path)", en: "The required data file \(path) is missing or unreadable")
        }
        do {
            return try CSVTable(text: text, required: required)
        } catch {
            throw AppError(.internalServerError, vi: "Tệp \(path): \(error.message.vi)", en: "File \(path): \(error.message.en ?? error.message.vi)")
        }
    }
}

extension Application {
    private struct ReferenceDataKey: StorageKey { typealias Value = ReferenceData }

    var referenceData: ReferenceData {
        get {
            guard let data = storage[ReferenceDataKey.self] else { fatalError("configure(app) loads the reference data first") }
            return data
        }
        set { storage[ReferenceDataKey.self] = newValue }
    }
}

extension Request {
    var holidays: Set<Day> { application.referenceData.holidays }
}
