import NTMDomain
import Vapor

/// Small data files read once at start (edit the file and restart to change them):
/// public holidays for working-day plans, and the list of funding sources.
struct ReferenceData: Sendable {
    var holidays: Set<Day>
    var fundingSources: [FundingSource]

    static func load(resourcesDirectory: String) -> ReferenceData {
        ReferenceData(holidays: Holidays.load(resourcesDirectory: resourcesDirectory),
                      fundingSources: FundingQueries.sources(resourcesDirectory: resourcesDirectory))
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
