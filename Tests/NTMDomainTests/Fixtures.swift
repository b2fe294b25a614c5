@testable import NTMDomain

/// A small set shaped like QĐ 318: one yes/no indicator, one regional percentage, one income
/// threshold that varies by region and year, and a criterion scored only by declaration.
enum Fixtures {
    static let national = CriteriaSetDefinition(
        code: "NAT", name: .init(vi: "Bộ quốc gia"), level: .commune,
        effective: DateWindow(from: Day("2022-03-08"), to: Day("2025-12-31")),
        groups: [.init(code: "transport", name: .init(vi: "Giao thông"))],
        criteria: [
            Criterion(number: 1, name: .init(vi: "Quy hoạch"), indicators: [
                Indicator(code: "1.1", name: .init(vi: "Có quy hoạch"), kind: .yesNo),
            ]),
            Criterion(number: 2, name: .init(vi: "Giao thông"), group: "transport", indicators: [
                Indicator(code: "2.1", name: .init(vi: "Đường xã"), unit: "%", kind: .percentAtLeast, thresholds: [
                    Threshold(value: 100), Threshold(region: Region.northernMountains, value: 70),
                ]),
                Indicator(code: "2.2", name: .init(vi: "Đường thôn"), unit: "%", kind: .percentAtLeast, thresholds: [Threshold(value: 80)]),
            ]),
            Criterion(number: 10, name: .init(vi: "Thu nhập"), indicators: [
                Indicator(code: "10.1", name: .init(vi: "Thu nhập"), unit: "triệu đồng", kind: .atLeast, thresholds: [
                    Threshold(value: 45, ), Threshold(region: Region.northCentral, value: 36),
                    Threshold(region: Region.northCentral, year: 2024, value: 54),
                ], verified: true),
            ]),
            Criterion(number: 11, name: .init(vi: "Nghèo đa chiều"), indicators: [
                Indicator(code: "11.1", name: .init(vi: "Tỷ lệ nghèo"), unit: "%", kind: .percentAtMost, thresholds: [Threshold(value: 13)]),
            ]),
            Criterion(number: 19, name: .init(vi: "Quốc phòng và An ninh")),
        ])

    static let provincial = CriteriaSetDefinition(
        code: "PROV", name: .init(vi: "Bộ tỉnh"), level: .commune,
        effective: DateWindow(from: Day("2022-03-08"), to: Day("2025-12-31")),
        province: "42", extends: "NAT",
        criteria: [Criterion(number: 20, name: .init(vi: "Khu dân cư kiểu mẫu"))])

    static var catalog: CriteriaCatalog { CriteriaCatalog([national, provincial]) }

    static func set(_ code: String = "PROV") -> CriteriaSet {
        try! catalog.resolve(code: code)
    }
}
