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

    // The pages' own words (headings, labels, table headers), in the order the templates were written.
    let uploadEvidenceFilesNewTab: String
    let skipToTheContent: String
    let otherLanguageCode: String
    let accounts: String
    let auditTrail: String
    let apiTokens: String
    let funding: String
    let sponsors: String
    let criticalPathPlans: String
    let evidence: String
    let outlook: String
    let importFromExcel: String
    let residentsPage: String
    let enterOrCorrectAnAssessment: String
    let notApplicableNotCounted: String
    let decisionNumber: String
    let decisionDate: String
    let yearSummary: String
    let steeringCommitteeReport: String
    let map: String
    let upkeepCheck: String
    let enterOrCorrectTheDistrictS: String
    let requestIdQuoteItToThe: String
    let dataEntry: String
    let noFundingNeedsUpToThis: String
    let needBnNg: String
    let identified: String
    let unidentified: String
    let fundingNeedByCriterionGroupBn: String
    let criterionGroup: String
    let need: String
    let identified2: String
    let unidentified2: String
    let byUnit: String
    let unit: String
    let workItems: String
    let workItem: String
    let downloadTheExcelTemplateARow: String
    let editTheFiguresInExcelOr: String
    let uploadNtmChecksEveryCellAnd: String
    let whereLabel: String
    let problem: String
    let now: String
    let after: String
    let change: String
    let cancel: String
    let assessmentDate: String
    let xlsxOrCsvFile: String
    let uploadAndPreview: String
    let signInAsAnOfficerIn: String
    let years: String
    let yearEnds: String
    let eachCellIsTheAreaCloser: String
    let theMapAsATable: String
    let detail: String
    let chartLegend: String
    let task: String
    let onTheCriticalPathNoSlack: String
    let late: String
    let shareDone: String
    let forecastFromActualProgress: String
    let statusDay: String
    let targetDay: String
    let actions: String
    let critical: String
    let late2: String
    let editTask: String
    let edit: String
    let projectedToMissTheTarget: String
    let plan: String
    let target: String
    let projected: String
    let marginDays: String
    let lateTasks: String
    let planName: String
    let start: String
    let calendarDays: String
    let workingDays: String
    let createPlan: String
    let importAssessmentsFromExcel: String
    let ntmMap: String
    let figuresComputedFromStoredRecords: String
    let printTheReportOneA4Page: String
    let whereTheCommunesStand: String
    let communeNotAtStandard: String
    let criteriaMet: String
    let criteriaNotMet: String
    let sponsorship: String
    let recognitionDossiersBehindSchedule: String
    let sponsoringOrganisations: String
    let villagesNotYetModelAreas: String
    let agreementsOverdueUnsignedOrSignedLate: String
    let overdueAgreements: String
    let organisation: String
    let sponsoring: String
    let agreementDue: String
    let signed: String
    let due: String
    let villagesNotYetModelAreasAnd: String
    let village: String
    let commune: String
    let sponsors2: String
    let pledgedVsDeliveredPerSponsorBn: String
    let units2: String
    let pledged: String
    let delivered: String
    let assignments: String
    let criteria2: String
    let due2: String
    let lastRating: String
    let year: String
    let socioEconomicTargets: String
    let code: String
    let target2: String
    let actual: String
    let result: String
    let nextYearSTargets: String
    let product: String
    let producer: String
    let stars: String
    let certified: String
    let expires: String
    let certificatesExpiring: String

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
        uploadEvidenceFilesNewTab = vi ? "Tải tệp minh chứng (mở tab mới)" : "Upload evidence files (new tab)"
        skipToTheContent = vi ? "Bỏ qua, đến nội dung chính" : "Skip to the content"
        otherLanguageCode = vi ? "en" : "vi"
        accounts = vi ? "Tài khoản" : "Accounts"
        auditTrail = vi ? "Nhật ký thay đổi" : "Audit trail"
        apiTokens = vi ? "Mã API" : "API tokens"
        funding = vi ? "Nguồn vốn" : "Funding"
        sponsors = vi ? "Đỡ đầu" : "Sponsors"
        criticalPathPlans = vi ? "Kế hoạch đường găng" : "Critical-path plans"
        evidence = vi ? "Minh chứng" : "Evidence"
        outlook = vi ? "Triển vọng về đích" : "Outlook"
        importFromExcel = vi ? "Nhập từ Excel" : "Import from Excel"
        residentsPage = vi ? "Trang cho người dân" : "Residents' page"
        enterOrCorrectAnAssessment = vi ? "Nhập / sửa đánh giá" : "Enter or correct an assessment"
        notApplicableNotCounted = vi ? "Không áp dụng (không tính vào tổng):" : "Not applicable (not counted):"
        decisionNumber = vi ? "Số quyết định" : "Decision number"
        decisionDate = vi ? "Ngày quyết định" : "Decision date"
        yearSummary = vi ? "Tổng hợp năm" : "Year summary"
        steeringCommitteeReport = vi ? "Báo cáo Ban Chỉ đạo" : "Steering committee report"
        map = vi ? "Bản đồ" : "Map"
        upkeepCheck = vi ? "Rà soát duy trì tiêu chí" : "Upkeep check"
        enterOrCorrectTheDistrictS = vi ? "Nhập / sửa đánh giá tiêu chí huyện" : "Enter or correct the district's assessment"
        requestIdQuoteItToThe = vi ? "Mã yêu cầu (báo cho quản trị khi cần):" : "Request id (quote it to the operator):"
        dataEntry = vi ? "Nhập liệu" : "Data entry"
        noFundingNeedsUpToThis = vi ? "Chưa có nhu cầu vốn nào đến ngày này." : "No funding needs up to this date."
        needBnNg = vi ? "Nhu cầu vốn (tỷ đồng)" : "Need (bn đồng)"
        identified = vi ? "Đã xác định nguồn" : "Identified"
        unidentified = vi ? "Chưa xác định nguồn" : "Unidentified"
        fundingNeedByCriterionGroupBn = vi ? "Nhu cầu vốn theo nhóm tiêu chí (tỷ đồng)" : "Funding need by criterion group (bn đồng)"
        criterionGroup = vi ? "Nhóm tiêu chí" : "Criterion group"
        need = vi ? "Nhu cầu" : "Need"
        identified2 = vi ? "Đã xác định" : "Identified"
        unidentified2 = vi ? "Chưa xác định" : "Unidentified"
        byUnit = vi ? "Theo đơn vị" : "By unit"
        unit = vi ? "Đơn vị" : "Unit"
        workItems = vi ? "Hạng mục" : "Work items"
        workItem = vi ? "Hạng mục" : "Work item"
        downloadTheExcelTemplateARow = vi ? "Tải mẫu Excel (mỗi xã một dòng, đã điền số liệu mới nhất):" : "Download the Excel template (a row per commune, latest figures filled in):"
        editTheFiguresInExcelOr = vi ? "Sửa số liệu trong Excel hoặc LibreOffice (có thể lưu thành CSV), giữ nguyên dòng đầu (mã cột)." : "Edit the figures in Excel or LibreOffice (CSV is fine too); keep the first row (column keys)."
        uploadNtmChecksEveryCellAnd = vi ? "Tải lên: NTM kiểm tra mọi ô và cho xem trước những gì thay đổi; chỉ ghi khi bạn xác nhận." : "Upload: NTM checks every cell and previews what changes; it records only when you confirm."
        whereLabel = vi ? "Vị trí" : "Where"
        problem = vi ? "Lỗi" : "Problem"
        now = vi ? "Hiện nay" : "Now"
        after = vi ? "Sau khi ghi" : "After"
        change = vi ? "Thay đổi" : "Change"
        cancel = vi ? "Hủy" : "Cancel"
        assessmentDate = vi ? "Ngày đánh giá" : "Assessment date"
        xlsxOrCsvFile = vi ? "Tệp .xlsx hoặc .csv" : ".xlsx or .csv file"
        uploadAndPreview = vi ? "Tải lên và xem trước" : "Upload and preview"
        signInAsAnOfficerIn = vi ? "Đăng nhập bằng tài khoản cán bộ phụ trách đơn vị này để tải lên." : "Sign in as an officer in charge of this unit to upload."
        years = vi ? "Các năm" : "Years"
        yearEnds = vi ? "Cuối năm:" : "Year ends:"
        eachCellIsTheAreaCloser = vi ? "Mỗi ô là vùng gần trụ sở xã hơn trụ sở xã khác (không phải địa giới chính thức)." : "Each cell is the area closer to the commune's seat than to any other (not the official boundary)."
        theMapAsATable = vi ? "Bảng thay cho bản đồ" : "The map as a table"
        detail = vi ? "Chi tiết" : "Detail"
        chartLegend = vi ? "Chú giải biểu đồ" : "Chart legend"
        task = vi ? "Công việc" : "Task"
        onTheCriticalPathNoSlack = vi ? "Trên đường găng (không được chậm)" : "On the critical path (no slack)"
        late = vi ? "Trễ hạn" : "Late"
        shareDone = vi ? "Phần đã làm" : "Share done"
        forecastFromActualProgress = vi ? "Dự báo theo tiến độ thực tế" : "Forecast from actual progress"
        statusDay = vi ? "Ngày đang xem" : "Status day"
        targetDay = vi ? "Ngày mục tiêu" : "Target day"
        actions = vi ? "Thao tác" : "Actions"
        critical = vi ? "găng" : "critical"
        late2 = vi ? "trễ" : "late"
        editTask = vi ? "Sửa việc" : "Edit task"
        edit = vi ? "Sửa" : "Edit"
        projectedToMissTheTarget = vi ? "Dự báo trễ mục tiêu: " : "Projected to miss the target: "
        plan = vi ? "Kế hoạch" : "Plan"
        target = vi ? "Mục tiêu" : "Target"
        projected = vi ? "Dự báo" : "Projected"
        marginDays = vi ? "Biên (ngày)" : "Margin (days)"
        lateTasks = vi ? "Việc trễ" : "Late tasks"
        planName = vi ? "Tên kế hoạch" : "Plan name"
        start = vi ? "Bắt đầu" : "Start"
        calendarDays = vi ? "ngày lịch" : "calendar days"
        workingDays = vi ? "ngày làm việc" : "working days"
        createPlan = vi ? "Tạo kế hoạch" : "Create plan"
        importAssessmentsFromExcel = vi ? "Nhập đánh giá từ Excel" : "Import assessments from Excel"
        ntmMap = vi ? "Bản đồ NTM" : "NTM map"
        figuresComputedFromStoredRecords = vi ? "Số liệu tính từ dữ liệu đã lưu" : "Figures computed from stored records"
        printTheReportOneA4Page = vi ? "In báo cáo (1 trang A4)" : "Print the report (one A4 page)"
        whereTheCommunesStand = vi ? "Kết quả xây dựng NTM" : "Where the communes stand"
        communeNotAtStandard = vi ? "Xã chưa đạt chuẩn" : "Commune not at standard"
        criteriaMet = vi ? "Tiêu chí đạt" : "Criteria met"
        criteriaNotMet = vi ? "Tiêu chí chưa đạt" : "Criteria not met"
        sponsorship = vi ? "Đỡ đầu" : "Sponsorship"
        recognitionDossiersBehindSchedule = vi ? "Hồ sơ công nhận quá hạn" : "Recognition dossiers behind schedule"
        sponsoringOrganisations = vi ? "đơn vị đỡ đầu" : "sponsoring organisations"
        villagesNotYetModelAreas = vi ? "thôn chưa đạt khu dân cư kiểu mẫu" : "villages not yet model areas"
        agreementsOverdueUnsignedOrSignedLate = vi ? "thỏa thuận quá hạn (chưa ký hoặc ký muộn)" : "agreements overdue (unsigned or signed late)"
        overdueAgreements = vi ? "Thỏa thuận quá hạn" : "Overdue agreements"
        organisation = vi ? "Đơn vị đỡ đầu" : "Organisation"
        sponsoring = vi ? "Đỡ đầu cho" : "Sponsoring"
        agreementDue = vi ? "Hạn ký thỏa thuận" : "Agreement due"
        signed = vi ? "Đã ký" : "Signed"
        due = vi ? "hạn" : "due"
        villagesNotYetModelAreasAnd = vi ? "Thôn chưa đạt khu dân cư NTM kiểu mẫu và đơn vị đỡ đầu" : "Villages not yet model areas and their sponsors"
        village = vi ? "Thôn" : "Village"
        commune = vi ? "Xã" : "Commune"
        sponsors2 = vi ? "Đơn vị đỡ đầu" : "Sponsors"
        pledgedVsDeliveredPerSponsorBn = vi ? "Cam kết và đã hỗ trợ theo đơn vị đỡ đầu (tỷ đồng)" : "Pledged vs delivered per sponsor (bn đồng)"
        units2 = vi ? "Số nơi" : "Units"
        pledged = vi ? "Cam kết" : "Pledged"
        delivered = vi ? "Đã hỗ trợ" : "Delivered"
        assignments = vi ? "Phân công đỡ đầu" : "Assignments"
        criteria2 = vi ? "Tiêu chí" : "Criteria"
        due2 = vi ? "Hạn ký" : "Due"
        lastRating = vi ? "Đánh giá gần nhất" : "Last rating"
        year = vi ? "Năm" : "Year"
        socioEconomicTargets = vi ? "Chỉ tiêu kinh tế – xã hội" : "Socio-economic targets"
        code = vi ? "Mã" : "Code"
        target2 = vi ? "Chỉ tiêu" : "Target"
        actual = vi ? "Thực hiện" : "Actual"
        result = vi ? "Kết quả" : "Result"
        nextYearSTargets = vi ? "Chỉ tiêu kế hoạch năm sau" : "Next year's targets"
        product = vi ? "Sản phẩm" : "Product"
        producer = vi ? "Chủ thể" : "Producer"
        stars = vi ? "Số sao" : "Stars"
        certified = vi ? "Ngày cấp" : "Certified"
        expires = vi ? "Hết hạn" : "Expires"
        certificatesExpiring = vi ? "Sắp hết hạn chứng nhận" : "Certificates expiring"
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
