import NTMDomain

/// Every fixed word on the pages, in Vietnamese and English. Templates read `layout.t.<key>`.
struct UIText: Encodable {
    let appName: String
    let appTagline: String
    let search: String
    let searchPlaceholder: String
    let asOf: String
    let show: String
    let provinces: String
    let wholeCountry: String
    let criteria: String
    let criterion: String
    let indicators: String
    let value: String
    let threshold: String
    let status: String
    let met: String
    let notMet: String
    let notAssessed: String
    let notApplicable: String
    let unverified: String
    let unverifiedNote: String
    let history: String
    let date: String
    let set: String
    let source: String
    let level: String
    let unmetCriteria: String
    let noAssessment: String
    let noSet: String
    let districtTotal: String
    let changeSince: String
    let atStandard: String
    let notAtStandard: String
    let communes: String
    let units: String
    let villages: String
    let criteriaSets: String
    let matrix: String
    let legend: String
    let print: String
    let basisDeclaration: String
    let basisIndicators: String
    let contradicted: String
    let demoNotice: String
    let noResults: String
    let api: String
    let levelReached: String
    let levelBuilding: String
    let levelRecognised: String
    let awaiting: String
    let recognitionAtRisk: String
    let recognisedBy: String
    let effective: String
    let decision: String

    init(_ language: Language) {
        let vi = language == .vi
        appName = vi ? "NTM — Nông thôn mới" : "NTM — New Rural Development"
        appTagline = vi ? "Theo dõi tiêu chí nông thôn mới theo đơn vị hành chính" : "Tracking New Rural criteria across the administrative tree"
        search = vi ? "Tìm" : "Search"
        searchPlaceholder = vi ? "Tên tỉnh, huyện, xã (vd: huong khe)" : "Province, district or commune (e.g. huong khe)"
        asOf = vi ? "Tại ngày" : "As of"
        show = vi ? "Xem" : "Show"
        provinces = vi ? "Tỉnh, thành phố" : "Provinces"
        wholeCountry = vi ? "Cả nước: các tỉnh, xã đạt chuẩn và tổng số tiêu chí đạt" : "The whole country: provinces, communes at standard, criteria met"
        criteria = vi ? "Tiêu chí" : "Criteria"
        criterion = vi ? "Tiêu chí" : "Criterion"
        indicators = vi ? "Chỉ tiêu" : "Indicators"
        value = vi ? "Giá trị" : "Value"
        threshold = vi ? "Ngưỡng" : "Threshold"
        status = vi ? "Kết quả" : "Status"
        met = vi ? "Đạt" : "Met"
        notMet = vi ? "Chưa đạt" : "Not met"
        notAssessed = vi ? "Chưa đánh giá" : "Not assessed"
        notApplicable = vi ? "Không áp dụng" : "Not applicable"
        unverified = vi ? "chưa xác minh" : "unverified"
        unverifiedNote = vi ? "(† ngưỡng chưa đối chiếu với văn bản gốc)" : "(† threshold not yet checked against the source document)"
        history = vi ? "Lịch sử đánh giá" : "Assessment history"
        date = vi ? "Ngày" : "Date"
        set = vi ? "Bộ tiêu chí" : "Criteria set"
        source = vi ? "Nguồn" : "Source"
        level = vi ? "Mức đạt" : "Level"
        unmetCriteria = vi ? "Tiêu chí chưa đạt" : "Criteria not met"
        noAssessment = vi ? "Chưa có đánh giá nào đến ngày này." : "No assessment up to this date."
        noSet = vi ? "Không có bộ tiêu chí áp dụng" : "No criteria set applies"
        districtTotal = vi ? "Tổng số tiêu chí đạt" : "Criteria met in total"
        changeSince = vi ? "so với" : "compared with"
        atStandard = vi ? "Đạt chuẩn NTM (đã công nhận)" : "At NTM standard (recognised)"
        notAtStandard = vi ? "Chưa đạt chuẩn NTM" : "Not yet at NTM standard"
        communes = vi ? "Xã, thị trấn" : "Communes and towns"
        units = vi ? "Đơn vị trực thuộc" : "Units below"
        villages = vi ? "Thôn" : "Villages"
        criteriaSets = vi ? "Bộ tiêu chí" : "Criteria sets"
        matrix = vi ? "Bảng tiêu chí theo xã" : "Criteria by commune"
        legend = vi ? "Chú thích" : "Legend"
        print = vi ? "In trang" : "Print"
        basisDeclaration = vi ? "theo kết luận" : "declared"
        basisIndicators = vi ? "theo chỉ tiêu" : "from indicators"
        contradicted = vi ? "kết luận khác với số liệu chỉ tiêu" : "declaration contradicts the indicator values"
        demoNotice = vi ? "Có số liệu minh họa (demo) — xem cột Nguồn." : "Includes demo values — see the Source column."
        noResults = vi ? "Không tìm thấy đơn vị nào." : "No unit found."
        api = "API"
        levelReached = vi ? "Đạt đủ tiêu chí (chạm chuẩn), chờ thẩm định, công nhận" : "All criteria met, awaiting appraisal and recognition"
        levelBuilding = vi ? "Đang xây dựng" : "Building"
        levelRecognised = vi ? "Đạt chuẩn (đã công nhận)" : "Recognised"
        awaiting = vi ? "đạt đủ tiêu chí, chờ thẩm định" : "all criteria met, awaiting appraisal"
        recognitionAtRisk = vi ? "Đã công nhận nhưng đánh giá mới nhất chưa đạt đủ tiêu chí: cần rà soát" : "Recognised, but the latest assessment does not meet every criterion: review needed"
        recognisedBy = vi ? "Công nhận theo quyết định" : "Recognised by decision"
        effective = vi ? "Hiệu lực" : "In force"
        decision = vi ? "Quyết định" : "Decision"
    }

    func statusWord(_ status: Status) -> String {
        switch status {
        case .met: met
        case .notMet: notMet
        case .notAssessed: notAssessed
        case .notApplicable: notApplicable
        }
    }

    func levelWord(_ level: ScorecardLevel) -> String {
        switch level {
        case .reachedStandard: levelReached
        case .recognised: levelRecognised
        case .building: levelBuilding
        case .notAssessed: notAssessed
        }
    }
}

/// Colour class and symbol for a status: never colour alone, for print and colour-blind readers.
struct StatusMark: Encodable {
    let css: String
    let symbol: String
    let word: String

    init(_ status: Status, text: UIText) {
        switch status {
        case .met: css = "met"; symbol = "✓"
        case .notMet: css = "unmet"; symbol = "✗"
        case .notAssessed: css = "unknown"; symbol = "?"
        case .notApplicable: css = "na"; symbol = "–"
        }
        word = text.statusWord(status)
    }
}

extension UIText {
    /// A role as people call it (the header shows who is signed in; never the code).
    static func role(_ role: Role, _ language: Language) -> String {
        let vi = language == .vi
        switch role {
        case .admin: return vi ? "quản trị" : "administrator"
        case .provincialOffice: return vi ? "văn phòng điều phối tỉnh" : "provincial office"
        case .districtOfficer: return vi ? "cán bộ huyện" : "district officer"
        case .communeOfficer: return vi ? "cán bộ xã" : "commune officer"
        case .sponsor: return vi ? "đơn vị đỡ đầu" : "sponsor"
        case .front: return vi ? "MTTQ xã" : "Fatherland Front"
        case .viewer: return vi ? "xem" : "viewer"
        }
    }
}
