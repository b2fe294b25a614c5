import Fluent
import NTMDomain
import Vapor

/// The page forms for the API's writes that have no page of their own, each running the API's code
/// (see `PageForm`). Linked from the pages where a user looks for them (`FormLinks`).
enum WriteForms {
    static let all: [PageForm] = [fundingNeed, organisation, sponsorAssignment, sponsorActivity, sponsorEvaluation,
                                  target, ocopProduct, householdModels, village, recognition, communeGroup, mergerRule,
                                  user, userPassword, userActive, token, tokenRevoke, villagesFile, boundary, criteriaSet]

    /// The body of a form that takes a file's text.
    private struct FileText: Decodable {
        var text: String
        var code: String?
        var source: String?
        var confirm: Bool?
    }

    // MARK: Funding

    static let fundingNeed = PageForm(name: "funding-need", context: ["unit", "date"], describe: { form in
        let unit = try await form.unit()
        try await form.request.authorize(.editFunding, on: unit)
        let vi = form.vi
        let criteria = try await criterionOptions(unit, form)
        let sources = [FormField.Option(value: "", label: "—")] + form.request.application.referenceData.fundingSources.map {
            FormField.Option(value: $0.code, label: $0.name.text(form.language))
        }
        var fields = [
            FormField("criterion", vi ? "Tiêu chí" : "Criterion", .numberChoice, required: true, options: criteria),
            FormField("workItem", vi ? "Hạng mục công việc" : "Work item", hint: vi ? "Ví dụ: Nâng cấp đường trục thôn 3" : "e.g. Upgrading village road 3"),
            FormField("indicator", vi ? "Chỉ tiêu (mã, nếu có)" : "Indicator (code, if any)"),
            FormField("date", vi ? "Ngày lập" : "Date", .date, required: true, value: form.day.iso),
            FormField("need", vi ? "Nhu cầu vốn (đồng)" : "Need (đồng)", .money, required: true, hint: vi ? "Ví dụ: 1.500.000.000" : "e.g. 1.500.000.000"),
        ]
        for k in 0..<3 {
            fields.append(FormField("identified.\(k).source", (vi ? "Nguồn đã xác định " : "Identified source ") + "\(k + 1)", .select, options: sources))
            fields.append(FormField("identified.\(k).amount", (vi ? "Số tiền nguồn " : "Amount of source ") + "\(k + 1)" + (vi ? " (đồng)" : " (đồng)"), .money))
        }
        fields.append(FormField("note", vi ? "Ghi chú" : "Note", .textarea))
        return FormDescription(title: (vi ? "Thêm nhu cầu vốn — " : "Add a funding need — ") + unit.name,
                               intro: vi ? "Phần chưa xác định nguồn = nhu cầu trừ các nguồn đã xác định." : "The unidentified gap is the need minus the identified sources.",
                               fields: fields, submit: vi ? "Lưu nhu cầu vốn" : "Save the funding need", back: SiteURL.unit(unit.code, "funding", on: form.pageDay))
    }, save: { form, body in
        let unit = try await form.unit()
        let input = try form.decode(FundingNeedDTO.self, body)
        let need = try await FundingController.record(input, unitCode: unit.code, req: form.request)
        let identified = (input.identified ?? []).reduce(Int64(0)) { $0 + $1.amount }
        return FormSaved(message: form.vi
            ? "Đã thêm nhu cầu vốn tiêu chí \(input.criterion): \(NumberFormat.format(Int(need.need), language: form.language)) đồng, chưa xác định nguồn \(NumberFormat.format(Int(need.need - identified), language: form.language)) đồng."
            : "Funding need added for criterion \(input.criterion): \(NumberFormat.format(Int(need.need), language: form.language)) đồng, \(NumberFormat.format(Int(need.need - identified), language: form.language)) đồng unidentified.",
            next: SiteURL.unit(unit.code, "funding", on: Day(input.date)))
    })

    // MARK: Sponsorship

    static let organisation = PageForm(name: "organisation", context: ["unit", "date"], describe: { form in
        try await SponsorController.authorizeOrganisations(form.request)
        let vi = form.vi
        let kinds = Organisation.Kind.allCases.map { FormField.Option(value: $0.rawValue, label: $0.text(form.language)) }
        return FormDescription(title: vi ? "Thêm đơn vị đỡ đầu" : "Add a sponsoring organisation", intro: nil, fields: [
            FormField("name", vi ? "Tên đơn vị" : "Name", required: true),
            FormField("kind", vi ? "Loại đơn vị" : "Kind", .select, required: true, options: kinds),
            FormField("contact", vi ? "Liên hệ (người, số điện thoại)" : "Contact (person, phone)"),
        ], submit: vi ? "Lưu đơn vị" : "Save the organisation", back: sponsorsPage(form))
    }, save: { form, body in
        try await SponsorController.authorizeOrganisations(form.request)
        let organisation = try await SponsorQueries.createOrganisation(try form.decode(OrganisationDTO.self, body), actor: form.request.actor, db: form.request.db)
        return FormSaved(message: form.vi ? "Đã thêm đơn vị đỡ đầu \(organisation.name)." : "Organisation \(organisation.name) added.",
                         next: sponsorsPage(form))
    })

    static let sponsorAssignment = PageForm(name: "sponsor-assignment", context: ["unit", "date"], describe: { form in
        let unit = try await form.unit()
        try await form.request.authorize(.manageSponsors, on: unit)
        let vi = form.vi
        let organisations = try await Organisation.query(on: form.request.db).sort(\.$name).all()
            .map { FormField.Option(value: $0.name, label: $0.name) }
        let places = try await placeOptions(unit, form, villages: true)
        return FormDescription(title: (vi ? "Phân công đỡ đầu — " : "Assign a sponsor — ") + unit.name,
                               intro: organisations.isEmpty ? (vi ? "Chưa có đơn vị đỡ đầu nào: thêm đơn vị trước." : "No organisations yet: add one first.") : nil,
                               fields: [
            FormField("organisation", vi ? "Đơn vị đỡ đầu" : "Organisation", .select, required: true, options: organisations),
            FormField("unit", vi ? "Đỡ đầu cho (xã/thôn)" : "Sponsoring (commune/village)", .select, required: true, options: places),
            FormField("criteria", vi ? "Các tiêu chí hỗ trợ" : "Criteria supported", .integers, hint: vi ? "Số tiêu chí, cách nhau bởi dấu phẩy: 2, 5, 17" : "Criterion numbers separated by commas: 2, 5, 17"),
            FormField("decisionNumber", vi ? "Số quyết định phân công" : "Decision number", required: true),
            FormField("decisionDate", vi ? "Ngày quyết định" : "Decision date", .date, required: true),
            FormField("agreementDue", vi ? "Hạn ký thỏa thuận" : "Agreement due", .date, required: true),
            FormField("agreementSigned", vi ? "Ngày đã ký (nếu đã ký)" : "Signed on (if signed)", .date),
            FormField("pledgedMoney", vi ? "Cam kết hỗ trợ (đồng)" : "Pledged (đồng)", .money),
            FormField("pledgedInKind", vi ? "Hỗ trợ hiện vật, ngày công" : "Pledged in kind"),
        ], submit: vi ? "Lưu phân công" : "Save the assignment", back: SiteURL.unit(unit.code, "sponsors", on: form.pageDay))
    }, save: { form, body in
        let unit = try await form.unit()
        let input = try form.decode(AssignmentDTO.self, body)
        _ = try await SponsorController.assign(input, req: form.request)
        return FormSaved(message: form.vi ? "Đã phân công \(input.organisation) đỡ đầu (quyết định \(input.decisionNumber))."
                                          : "\(input.organisation) assigned (decision \(input.decisionNumber)).",
                         next: SiteURL.unit(unit.code, "sponsors", on: form.pageDay))
    })

    static let sponsorActivity = PageForm(name: "sponsor-activity", context: ["assignment", "unit", "date"], describe: { form in
        let (assignment, unit) = try await assignment(form)
        try await SponsorController.authorizeActivity(form.request, assignment, unit)
        let vi = form.vi
        return FormDescription(title: (vi ? "Ghi hoạt động hỗ trợ — " : "Record a sponsor activity — ") + "\(assignment.organisation.name) · \(unit.name)", intro: nil, fields: [
            FormField("date", vi ? "Ngày" : "Date", .date, required: true, value: form.day.iso),
            FormField("description", vi ? "Nội dung hỗ trợ" : "What was done", .textarea, required: true),
            FormField("criterion", vi ? "Tiêu chí (số)" : "Criterion (number)", .integer),
            FormField("amount", vi ? "Giá trị (đồng)" : "Value (đồng)", .money),
        ], submit: vi ? "Lưu hoạt động" : "Save the activity", back: sponsorsPage(form))
    }, save: { form, body in
        let (assignment, unit) = try await assignment(form)
        try await SponsorController.authorizeActivity(form.request, assignment, unit)
        let input = try form.decode(ActivityDTO.self, body)
        _ = try await SponsorQueries.addActivity(input, to: assignment, unit: unit, actor: form.request.actor, db: form.request.db)
        return FormSaved(message: form.vi ? "Đã ghi hoạt động của \(assignment.organisation.name) tại \(unit.name)." : "Activity of \(assignment.organisation.name) at \(unit.name) recorded.",
                         next: sponsorsPage(form))
    })

    static let sponsorEvaluation = PageForm(name: "sponsor-evaluation", context: ["assignment", "unit", "date"], describe: { form in
        let (assignment, unit) = try await assignment(form)
        try await form.request.authorize(.manageSponsors, on: unit)
        let vi = form.vi
        let ratings = SponsorEvaluation.Rating.allCases.map { FormField.Option(value: $0.rawValue, label: $0.text(form.language)) }
        return FormDescription(title: (vi ? "Đánh giá đơn vị đỡ đầu — " : "Evaluate a sponsor — ") + "\(assignment.organisation.name) · \(unit.name)", intro: nil, fields: [
            FormField("period", vi ? "Kỳ đánh giá" : "Period", required: true, hint: vi ? "Ví dụ: 2024 hoặc 2024-06" : "e.g. 2024 or 2024-06", value: String(form.day.year)),
            FormField("rating", vi ? "Kết quả" : "Rating", .select, required: true, options: ratings),
            FormField("note", vi ? "Nhận xét" : "Note", .textarea),
        ], submit: vi ? "Lưu đánh giá" : "Save the evaluation", back: sponsorsPage(form))
    }, save: { form, body in
        let (assignment, unit) = try await assignment(form)
        try await form.request.authorize(.manageSponsors, on: unit)
        let input = try form.decode(EvaluationDTO.self, body)
        _ = try await SponsorQueries.evaluate(input, assignment: assignment, unit: unit, actor: form.request.actor, db: form.request.db)
        return FormSaved(message: form.vi ? "Đã đánh giá \(assignment.organisation.name) kỳ \(input.period): \(input.rating.text(.vi))."
                                          : "\(assignment.organisation.name) evaluated for \(input.period): \(input.rating.text(.en)).",
                         next: sponsorsPage(form))
    })

    // MARK: Statistics

    static let target = PageForm(name: "target", context: ["unit", "date"], describe: { form in
        let unit = try await form.unit()
        try await form.request.authorize(.editStatistics, on: unit)
        let vi = form.vi
        let directions = SocioTarget.Direction.allCases.map { FormField.Option(value: $0.rawValue, label: StatisticsWords.direction($0, form.language)) }
        return FormDescription(title: (vi ? "Chỉ tiêu kinh tế - xã hội — " : "Socio-economic target — ") + unit.name,
                               intro: vi ? "Cùng năm và mã: lưu đè kế hoạch/thực hiện của chỉ tiêu đó." : "Same year and code: replaces that target's plan/actual.",
                               fields: [
            FormField("year", vi ? "Năm" : "Year", .integer, required: true, value: String(form.day.year)),
            FormField("code", vi ? "Mã chỉ tiêu" : "Code", required: true, hint: vi ? "Ví dụ: CT01" : "e.g. CT01"),
            FormField("name", vi ? "Tên chỉ tiêu" : "Name", required: true),
            FormField("unit", vi ? "Đơn vị tính" : "Unit of measure", hint: vi ? "Ví dụ: triệu đồng/người" : "e.g. million đồng/person"),
            FormField("direction", vi ? "Đạt khi thực hiện" : "Met when the actual is", .select, options: directions),
            FormField("plan", vi ? "Kế hoạch" : "Plan", .decimal),
            FormField("actual", vi ? "Thực hiện" : "Actual", .decimal),
            FormField("linkedIndicator", vi ? "Chỉ tiêu NTM liên quan (mã)" : "Linked NTM indicator (code)", hint: vi ? "Ví dụ: 10.1 (thu nhập)" : "e.g. 10.1 (income)"),
        ], submit: vi ? "Lưu chỉ tiêu" : "Save the target", back: summaryPage(unit.code, nil))
    }, save: { form, body in
        let unit = try await form.unit()
        let input = try form.decode(TargetDTO.self, body)
        let record = try await SummaryController.saveTarget(input, unitCode: unit.code, req: form.request)
        return FormSaved(message: form.vi ? "Đã lưu chỉ tiêu \(record.code) năm \(record.year)." : "Target \(record.code) for \(record.year) saved.",
                         next: summaryPage(unit.code, record.year))
    })

    static let ocopProduct = PageForm(name: "ocop-product", context: ["unit", "date"], describe: { form in
        let unit = try await form.unit()
        try await form.request.authorize(.editStatistics, on: unit)
        let vi = form.vi
        let stars = (3...5).map { FormField.Option(value: "\($0)", label: vi ? "\($0) sao" : "\($0) stars") }
        return FormDescription(title: (vi ? "Sản phẩm OCOP — " : "OCOP product — ") + unit.name, intro: nil, fields: [
            FormField("unit", vi ? "Xã của chủ thể" : "Producer's commune", .select, required: true, options: try await placeOptions(unit, form, villages: false)),
            FormField("name", vi ? "Tên sản phẩm" : "Product", required: true),
            FormField("group", vi ? "Nhóm sản phẩm" : "Product group", required: true, hint: vi ? "Ví dụ: Thực phẩm" : "e.g. Food"),
            FormField("producer", vi ? "Chủ thể" : "Producer", required: true),
            FormField("producerKind", vi ? "Loại chủ thể" : "Producer kind", .select, required: true,
                      options: StatisticsWords.producerKinds.map { .init(value: $0, label: StatisticsWords.producerKind($0, form.language)) }),
            FormField("stars", vi ? "Số sao" : "Stars", .numberChoice, required: true, options: stars),
            FormField("ratingLevel", vi ? "Cấp đánh giá" : "Rated by", .select, required: true,
                      options: StatisticsWords.ratingLevels.map { .init(value: $0, label: StatisticsWords.ratingLevel($0, form.language)) }),
            FormField("certificate", vi ? "Số giấy chứng nhận" : "Certificate number", required: true),
            FormField("certifiedOn", vi ? "Ngày cấp" : "Certified on", .date, required: true),
            FormField("expiresOn", vi ? "Ngày hết hạn" : "Expires on", .date, required: true),
        ], submit: vi ? "Lưu sản phẩm" : "Save the product", back: summaryPage(unit.code, nil))
    }, save: { form, body in
        let unit = try await form.unit()
        let input = try form.decode(OcopDTO.self, body)
        try await SummaryController.saveOcop(input, req: form.request)
        return FormSaved(message: form.vi ? "Đã lưu sản phẩm OCOP \(input.name) (\(input.stars) sao)." : "OCOP product \(input.name) (\(input.stars) stars) saved.",
                         next: summaryPage(unit.code, Day(input.certifiedOn)?.year))
    })

    static let householdModels = PageForm(name: "household-models", context: ["unit", "date"], describe: { form in
        let unit = try await form.unit()
        try await form.request.authorize(.editStatistics, on: unit)
        let vi = form.vi
        return FormDescription(title: (vi ? "Mô hình kinh tế hộ — " : "Household economic models — ") + unit.name,
                               intro: vi ? "Số mô hình của một xã trong một năm, theo mức thu nhập." : "A commune's count of models in a year, by income band.",
                               fields: [
            FormField("unit", vi ? "Xã" : "Commune", .select, required: true, options: try await placeOptions(unit, form, villages: false)),
            FormField("year", vi ? "Năm" : "Year", .integer, required: true, value: String(form.day.year)),
            FormField("kind", vi ? "Loại mô hình" : "Kind of model"),
            FormField("band", vi ? "Mức thu nhập" : "Income band", required: true, hint: vi ? "Ví dụ: 100-200 triệu đồng/năm" : "e.g. 100-200 million đồng/year"),
            FormField("count", vi ? "Số mô hình" : "Number of models", .integer, required: true),
            FormField("newCount", vi ? "Trong đó mới trong năm" : "Of which new this year", .integer),
        ], submit: vi ? "Lưu số mô hình" : "Save the count", back: summaryPage(unit.code, nil))
    }, save: { form, body in
        let unit = try await form.unit()
        let input = try form.decode(HouseholdModelDTO.self, body)
        try await SummaryController.saveModels(input, req: form.request)
        return FormSaved(message: form.vi ? "Đã lưu \(input.count) mô hình (\(input.band)) năm \(input.year)." : "\(input.count) models (\(input.band)) saved for \(input.year).",
                         next: summaryPage(unit.code, input.year))
    })

    // MARK: Units and decisions

    static let village = PageForm(name: "village", context: ["unit", "date"], describe: { form in
        let unit = try await form.unit()
        try await form.request.authorize(.manageVillages, on: unit)
        let vi = form.vi
        return FormDescription(title: (vi ? "Thêm thôn — " : "Add a village — ") + unit.name, intro: nil, fields: [
            FormField("name", vi ? "Tên thôn" : "Name", required: true, hint: vi ? "Ví dụ: Thôn Trung Tiến" : "e.g. Thôn Trung Tiến"),
            FormField("code", vi ? "Mã thôn (để trống: tự cấp)" : "Code (empty: assigned)"),
        ], submit: vi ? "Lưu thôn" : "Save the village", back: SiteURL.unit(unit.code, on: form.pageDay))
    }, save: { form, body in
        let unit = try await form.unit()
        let village = try await UnitAPIController.createVillage(try form.decode(NewVillageDTO.self, body), communeCode: unit.code, on: form.day, req: form.request)
        return FormSaved(message: form.vi ? "Đã thêm \(village.name) (mã \(village.code))." : "\(village.name) (code \(village.code)) added.",
                         next: SiteURL.unit(unit.code, on: form.pageDay))
    })

    static let villagesFile = PageForm(name: "villages-file", context: ["unit", "date"], describe: { form in
        let unit = try await form.unit()
        try await form.request.authorize(.manageVillages, on: unit)
        let vi = form.vi
        var text = FormField("text", vi ? "Danh sách thôn (CSV)" : "Villages (CSV)", .fileText, required: true,
                             hint: vi ? "Cột commune_code,name và (không bắt buộc) code; mỗi thôn một dòng. Tất cả hoặc không dòng nào được lưu."
                                      : "Columns commune_code,name and optionally code; one village per line. All lines are saved or none.",
                             value: "commune_code,name\n\(unit.code),")
        text.accept = ".csv,text/csv"
        return FormDescription(title: (vi ? "Nhập danh sách thôn — " : "Import villages — ") + unit.name, intro: nil, fields: [text],
                               submit: vi ? "Nhập các thôn" : "Import the villages", back: SiteURL.unit(unit.code, on: form.pageDay))
    }, save: { form, body in
        let unit = try await form.unit()
        let input = try form.decode(FileText.self, body)
        let created = try await VillageImporter.importCSV(input.text, on: form.day, actor: form.request.actor, db: form.request.db) { commune in
            try await form.request.authorize(.manageVillages, on: commune)
        }
        return FormSaved(message: form.vi ? "Đã thêm \(created.count) thôn: \(created.map(\.name).joined(separator: ", "))."
                                          : "\(created.count) villages added: \(created.map(\.name).joined(separator: ", ")).",
                         next: SiteURL.unit(unit.code, on: form.pageDay))
    })

    static let boundary = PageForm(name: "boundary", context: ["unit", "date"], describe: { form in
        let unit = try await form.unit()
        try await form.request.authorize(.editBoundary, on: unit)
        let vi = form.vi
        var text = FormField("text", vi ? "Ranh giới (GeoJSON)" : "Outline (GeoJSON)", .fileText, required: true,
                             hint: vi ? "Một Polygon/MultiPolygon, Feature hoặc FeatureCollection, tọa độ kinh độ, vĩ độ (WGS84)." : "A Polygon/MultiPolygon, Feature or FeatureCollection in longitude, latitude (WGS84).")
        text.accept = ".geojson,.json,application/geo+json"
        let units = try await UnitQueries.subtree(unit, on: form.day, db: form.request.db).filter { $0.level != .village }
            .map { FormField.Option(value: $0.code, label: "\($0.name) (\($0.code))") }
        return FormDescription(title: (vi ? "Nạp ranh giới đơn vị — " : "Load a unit's outline — ") + unit.name, intro: nil, fields: [
            FormField("code", vi ? "Đơn vị" : "Unit", .select, required: true, options: units, value: unit.code),
            text, FormField("source", vi ? "Nguồn dữ liệu" : "Source", hint: vi ? "Ví dụ: Sở TN&MT, 2024" : "e.g. Department of Natural Resources, 2024"),
        ], submit: vi ? "Nạp ranh giới" : "Load the outline", back: SiteURL.unitPage(unit.code, "map").link([("date", form.pageDay?.iso)]))
    }, save: { form, body in
        let page = try await form.unit()
        let input = try form.decode(FileText.self, body)
        let unit = try await UnitQueries.require(code: input.code ?? page.code, on: form.day, db: form.request.db)
        let record = try await MapController.loadBoundary(Array(input.text.utf8), unit: unit, source: input.source, req: form.request)
        return FormSaved(message: form.vi ? "Đã nạp ranh giới \(unit.name): \(record.pointCount) điểm." : "Outline of \(unit.name) loaded: \(record.pointCount) points.",
                         next: SiteURL.unitPage(page.code, "map").link([("date", form.pageDay?.iso)]))
    })

    /// A criteria set as JSON: the first save shows what would change against the stored version; ticking the
    /// confirmation saves it (the API saves at once).
    static let criteriaSet = PageForm(name: "criteria-set", context: ["code"], describe: { form in
        let vi = form.vi
        var current = ""
        if let code = form.context["code"], !code.isEmpty, let stored = try await CriteriaSetAPIController.stored(code, db: form.request.db) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            current = String(decoding: try encoder.encode(stored), as: UTF8.self)
        }
        // Which set (national or a province's) is decided by what is uploaded, and checked on save;
        // here only whether the user edits criteria sets at all.
        let user = try form.request.requireUser()
        guard AccessPolicy.allows(user.role, .editCriteriaSet, inScope: true) else {
            throw AppError.forbidden(user)
        }
        var text = FormField("text", vi ? "Bộ tiêu chí (JSON)" : "Criteria set (JSON)", .fileText, required: true,
                             hint: vi ? "Định dạng như tệp trong Resources/CriteriaSets; sửa tại đây hoặc chọn tệp." : "The format of the files in Resources/CriteriaSets; edit here or choose a file.",
                             value: current)
        text.accept = ".json,application/json"
        return FormDescription(title: vi ? "Nạp hoặc sửa bộ tiêu chí" : "Load or edit a criteria set",
                               intro: vi ? "Lần lưu đầu chỉ cho xem những gì sẽ thay đổi so với bản đang dùng; đánh dấu xác nhận rồi lưu lần nữa."
                                         : "The first save only shows what would change against the stored version; tick the confirmation and save again.",
                               fields: [text, FormField("confirm", vi ? "Tôi đã xem các thay đổi, lưu bộ tiêu chí này" : "I have reviewed the changes: save this set", .checkbox)],
                               submit: vi ? "Xem thay đổi / Lưu" : "Review / Save", back: SiteURL.criteriaSets.path)
    }, save: { form, body in
        let input = try form.decode(FileText.self, body)
        let definition: CriteriaSetDefinition
        do {
            definition = try JSONDecoder().decode(CriteriaSetDefinition.self, from: Data(input.text.utf8))
        } catch let error as DecodingError {
            let failure = NTMErrorMiddleware.describe(error, language: form.language)
            throw AppError(.unprocessableEntity, field: "text", vi: "Nội dung không phải bộ tiêu chí hợp lệ: \(failure.body.reason)",
                           en: "Not a valid criteria set: \(failure.body.reason)")
        } catch {
            throw AppError(.unprocessableEntity, field: "text", vi: "Nội dung không phải JSON hợp lệ", en: "Not valid JSON")
        }
        try await CriteriaSetAPIController.authorize(definition, req: form.request)
        guard input.confirm == true else {
            let stored = try await CriteriaSetAPIController.stored(definition.code, db: form.request.db)
            throw FormPreview(lines: CriteriaSetChanges.lines(from: stored, to: definition, language: form.language))
        }
        try await CriteriaSetAPIController.save(definition, req: form.request)
        return FormSaved(message: form.vi ? "Đã lưu bộ tiêu chí \(definition.code) (\(definition.criteria.count) tiêu chí)." : "Criteria set \(definition.code) saved (\(definition.criteria.count) criteria).",
                         next: SiteURL.criteriaSet(definition.code).path)
    })

    static let recognition = PageForm(name: "recognition", context: ["unit", "date"], describe: { form in
        let unit = try await form.unit()
        try await UnitAPIController.authorizeRecognition(.appraisal, unit: unit, req: form.request)
        let vi = form.vi
        let grades: [(CriteriaSetDefinition.Grade, String, String)] = [(.standard, "đạt chuẩn NTM", "standard"), (.advanced, "NTM nâng cao", "advanced"), (.model, "NTM kiểu mẫu", "model")]
        return FormDescription(title: (vi ? "Ghi quyết định công nhận đã có — " : "Record an earlier recognition decision — ") + unit.name,
                               intro: vi ? "Cho các quyết định trước khi dùng NTM; quyết định mới đi qua hồ sơ công nhận." : "For decisions taken before NTM; new ones go through the dossier.",
                               fields: [
            FormField("grade", vi ? "Mức" : "Level", .select, required: true, options: grades.map { .init(value: $0.0.rawValue, label: vi ? $0.1 : $0.2) }),
            FormField("decisionNumber", vi ? "Số quyết định" : "Decision number", required: true),
            FormField("date", vi ? "Ngày quyết định" : "Decision date", .date, required: true),
            FormField("resultYear", vi ? "Kết quả của năm" : "Result of the year", .integer),
            FormField("source", vi ? "Nguồn (văn bản)" : "Source (document)"),
            FormField("note", vi ? "Ghi chú" : "Note", .textarea),
        ], submit: vi ? "Lưu quyết định" : "Save the decision", back: SiteURL.unit(unit.code, on: form.pageDay))
    }, save: { form, body in
        let unit = try await form.unit()
        let input = try form.decode(RecognitionDTO.self, body)
        _ = try await UnitAPIController.recordRecognition(input, unitCode: unit.code, req: form.request)
        return FormSaved(message: form.vi ? "Đã ghi quyết định \(input.decisionNumber) ngày \(DateFormat.format(stored: input.date))."
                                          : "Decision \(input.decisionNumber) of \(DateFormat.format(stored: input.date)) recorded.",
                         next: SiteURL.unit(unit.code, on: form.pageDay))
    })

    static let communeGroup = PageForm(name: "commune-group", context: ["unit", "date"], describe: { form in
        let unit = try await form.unit()
        try await form.request.authorize(.editCriteriaSet, on: unit)
        let vi = form.vi
        let catalog = try await CriteriaQueries.catalog(db: form.request.db)
        let groups = (catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: form.day)?.communeGroups ?? [])
            .map { FormField.Option(value: $0.code, label: $0.name.text(form.language)) }
        return FormDescription(title: (vi ? "Nhóm xã — " : "Commune group — ") + unit.name,
                               intro: groups.isEmpty ? (vi ? "Bộ tiêu chí đang áp dụng không chia nhóm xã." : "The set in force has no commune groups.") : nil,
                               fields: [
            FormField("group", vi ? "Nhóm" : "Group", .select, required: true, options: groups),
            FormField("from", vi ? "Áp dụng từ ngày" : "From", .date, required: true, value: form.day.iso),
            FormField("decision", vi ? "Số quyết định" : "Decision"),
            FormField("source", vi ? "Nguồn (văn bản)" : "Source (document)", required: true),
        ], submit: vi ? "Lưu nhóm" : "Save the group", back: SiteURL.unit(unit.code, on: form.pageDay))
    }, save: { form, body in
        let unit = try await form.unit()
        let input = try form.decode(CommuneGroupInputDTO.self, body)
        _ = try await ReformController.assignCommuneGroup(input, unitCode: unit.code, req: form.request)
        return FormSaved(message: form.vi ? "Đã xếp \(unit.name) vào nhóm \(input.group) từ \(DateFormat.format(stored: input.from))."
                                          : "\(unit.name) put in group \(input.group) from \(DateFormat.format(stored: input.from)).",
                         next: SiteURL.unit(unit.code, on: form.pageDay))
    })

    static let mergerRule = PageForm(name: "merger-rule", context: ["unit", "date"], describe: { form in
        let province = try await form.unit()
        try await form.request.authorize(.recognise, on: province)
        let vi = form.vi
        let rules: [(MergerRecognitionRule, String, String)] = [
            (.everyPredecessor, "Giữ công nhận khi mọi đơn vị cũ đều đã được công nhận", "Kept when every predecessor was recognised"),
            (.decisionRequired, "Cần quyết định thừa nhận của tỉnh", "The province's acknowledgement is required"),
        ]
        return FormDescription(title: (vi ? "Quy tắc công nhận khi sáp nhập — " : "Recognition rule for merged units — ") + province.name, intro: nil, fields: [
            FormField("rule", vi ? "Quy tắc" : "Rule", .select, required: true, options: rules.map { .init(value: $0.0.rawValue, label: vi ? $0.1 : $0.2) }),
            FormField("from", vi ? "Áp dụng từ ngày" : "From", .date, required: true, value: form.day.iso),
            FormField("decision", vi ? "Số văn bản" : "Decision"),
            FormField("source", vi ? "Nguồn (văn bản)" : "Source (document)", required: true),
        ], submit: vi ? "Lưu quy tắc" : "Save the rule", back: SiteURL.unit(province.code, on: form.pageDay))
    }, save: { form, body in
        let province = try await form.unit()
        let input = try form.decode(MergerRuleDTO.self, body)
        _ = try await ReformController.saveMergerRule(input, province: province, req: form.request)
        return FormSaved(message: form.vi ? "Đã lưu quy tắc từ \(DateFormat.format(stored: input.from))." : "Rule saved from \(DateFormat.format(stored: input.from)).",
                         next: SiteURL.unit(province.code, on: form.pageDay))
    })

    // MARK: Accounts

    static let user = PageForm(name: "user", context: [], describe: { form in
        try await form.request.authorize(.administer, on: nil)
        let vi = form.vi
        let roles = Role.allCases.map { FormField.Option(value: $0.rawValue, label: UIText.role($0, form.language)) }
        return FormDescription(title: vi ? "Tạo tài khoản" : "Create an account", intro: nil, fields: [
            FormField("username", vi ? "Tên đăng nhập" : "Username", required: true),
            FormField("displayName", vi ? "Họ tên, chức vụ" : "Name and position", required: true),
            FormField("role", vi ? "Vai trò" : "Role", .select, required: true, options: roles),
            FormField("scope", vi ? "Đơn vị phụ trách (mã)" : "Scope (unit code)", hint: vi ? "Mã xã/huyện/tỉnh; để trống chỉ với quản trị" : "Commune/district/province code; empty only for administrators"),
            FormField("organisation", vi ? "Tổ chức (tài khoản đơn vị đỡ đầu)" : "Organisation (sponsor accounts)"),
            FormField("password", vi ? "Mật khẩu ban đầu" : "Initial password", .password, required: true, hint: vi ? "Ít nhất 10 ký tự" : "At least 10 characters"),
        ], submit: vi ? "Tạo tài khoản" : "Create the account", back: SiteURL.accounts.path)
    }, save: { form, body in
        let user = try await AccountController.createUser(try form.decode(NewUserDTO.self, body), req: form.request)
        return FormSaved(message: form.vi ? "Đã tạo tài khoản \(user.username) (\(UIText.role(user.role, .vi)))." : "Account \(user.username) (\(UIText.role(user.role, .en))) created.",
                         next: SiteURL.accounts.path)
    })

    static let userPassword = PageForm(name: "user-password", context: ["username"], describe: { form in
        try await form.request.authorize(.administer, on: nil)
        let vi = form.vi
        let username = try form.require("username")
        return FormDescription(title: (vi ? "Đặt lại mật khẩu — " : "Reset the password — ") + username, intro: nil, fields: [
            FormField("password", vi ? "Mật khẩu mới" : "New password", .password, required: true, hint: vi ? "Ít nhất 10 ký tự" : "At least 10 characters"),
        ], submit: vi ? "Đặt mật khẩu" : "Set the password", back: SiteURL.accounts.path)
    }, save: { form, body in
        let account = try await AccountController.setPassword(try form.decode(AccountController.PasswordRequest.self, body), username: try form.require("username"), req: form.request)
        return FormSaved(message: form.vi ? "Đã đặt mật khẩu mới cho \(account.username)." : "New password set for \(account.username).", next: SiteURL.accounts.path)
    })

    static let userActive = PageForm(name: "user-active", context: ["username"], describe: { form in
        try await form.request.authorize(.administer, on: nil)
        let vi = form.vi
        let username = try form.require("username")
        return FormDescription(title: (vi ? "Khóa hoặc mở khóa tài khoản — " : "Deactivate or activate — ") + username,
                               intro: vi ? "Tài khoản bị khóa không đăng nhập được và các mã API của nó ngừng hoạt động; dữ liệu đã nhập vẫn giữ nguyên."
                                         : "A deactivated account cannot sign in and its API tokens stop working; what it entered stays.",
                               fields: [FormField("active", vi ? "Đang hoạt động" : "Active", .checkbox)],
                               submit: vi ? "Lưu" : "Save", back: SiteURL.accounts.path)
    }, save: { form, body in
        let account = try await AccountController.setActive(try form.decode(AccountController.ActiveRequest.self, body), username: try form.require("username"), req: form.request)
        return FormSaved(message: form.vi ? "Tài khoản \(account.username): \(account.isActive ? "đang hoạt động" : "đã khóa")."
                                          : "Account \(account.username): \(account.isActive ? "active" : "deactivated").", next: SiteURL.accounts.path)
    })

    static let token = PageForm(name: "token", context: [], describe: { form in
        _ = try form.request.requireUser()
        let vi = form.vi
        return FormDescription(title: vi ? "Tạo mã truy cập API" : "Create an API token",
                               intro: vi ? "Mã chỉ hiện một lần, ngay sau khi tạo: chép lại và giữ kín." : "The token is shown once, right after it is made: copy it and keep it secret.",
                               fields: [FormField("name", vi ? "Tên mã (để biết mã dùng cho việc gì)" : "Name (what the token is for)", required: true)],
                               submit: vi ? "Tạo mã" : "Create the token", back: SiteURL.home.path)
    }, save: { form, body in
        let token = try await AccountController.createToken(try form.decode(AccountController.TokenRequest.self, body), req: form.request)
        return FormSaved(message: form.vi ? "Mã truy cập \"\(token.name)\" (chỉ hiện lần này): \(token.token)" : "Token \"\(token.name)\" (shown this once): \(token.token)",
                         next: SiteURL.home.path)
    })

    static let tokenRevoke = PageForm(name: "token-revoke", context: [], describe: { form in
        _ = try form.request.requireUser()
        let vi = form.vi
        return FormDescription(title: vi ? "Thu hồi mã truy cập API" : "Revoke an API token",
                               intro: vi ? "Mọi mã còn hiệu lực có tên này của tài khoản bạn ngừng hoạt động ngay." : "Every active token of your account with this name stops working at once.",
                               fields: [FormField("name", vi ? "Tên mã" : "Token name", required: true)],
                               submit: vi ? "Thu hồi" : "Revoke", back: SiteURL.home.path)
    }, save: { form, body in
        let input = try form.decode(AccountController.TokenRequest.self, body)
        let revoked = try await AccountController.revokeToken(input, req: form.request)
        return FormSaved(message: form.vi ? "Đã thu hồi \(revoked.revoked) mã tên \"\(input.name)\"." : "Revoked \(revoked.revoked) token(s) named \"\(input.name)\".", next: SiteURL.home.path)
    })

    // MARK: Shared pieces

    private static func criterionOptions(_ unit: AdminUnit, _ form: FormRequest) async throws -> [FormField.Option] {
        let catalog = try await CriteriaQueries.catalog(db: form.request.db)
        let set = catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: form.day)
        return (set?.criteria ?? []).map { FormField.Option(value: "\($0.number)", label: "\($0.number). \($0.name.text(form.language))") }
    }

    private static func placeOptions(_ unit: AdminUnit, _ form: FormRequest, villages: Bool) async throws -> [FormField.Option] {
        let levels: [AdminLevel] = villages ? [.commune, .town, .ward, .village] : [.commune, .town, .ward]
        return try await UnitQueries.subtree(unit, on: form.day, db: form.request.db)
            .filter { levels.contains($0.level) }
            .map { FormField.Option(value: $0.code, label: "\($0.name) (\($0.code))") }
    }

    private static func assignment(_ form: FormRequest) async throws -> (SponsorAssignment, AdminUnit) {
        try await SponsorQueries.requireAssignment(UUID(uuidString: try form.require("assignment")), db: form.request.db)
    }

    private static func sponsorsPage(_ form: FormRequest) -> String {
        form.context["unit"].flatMap { $0.isEmpty ? nil : SiteURL.unit($0, "sponsors", on: form.pageDay) } ?? SiteURL.home.path
    }

    private static func summaryPage(_ code: String, _ year: Int?) -> String {
        SiteURL.unitPage(code, "summary").link([("year", year.map(String.init))])
    }
}
