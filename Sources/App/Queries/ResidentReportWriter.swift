import Crypto
import Fluent
import Foundation
import NTMDomain
import Vapor

/// What a resident sends: the multipart form's fields and photos, read the same way from the
/// public page and the API (`photos`, `photos[]` or `photo1`…: whatever a form or curl sends).
struct ReportSubmission {
    var criterion: String?
    var village: String?
    var place: String?
    var latitude: String?
    var longitude: String?
    var description: String?
    var phone: String?
    /// The honeypot: hidden from people by the page, filled in by form-filling robots.
    var website: String?
    var photos: [(filename: String, bytes: [UInt8])] = []

    init(criterion: String? = nil, description: String? = nil) {
        self.criterion = criterion
        self.description = description
    }

    /// Reads every part of a multipart body; a field sent twice keeps its last value.
    init(multipart body: ByteBuffer, contentType: HTTPMediaType) throws {
        guard let boundary = contentType.parameters["boundary"] else {
            throw AppError(.unprocessableEntity, field: "description", vi: "Gửi phản ánh dạng multipart/form-data",
                           en: "Send the report as multipart/form-data")
        }
        let parts = try MultipartParts.parse(body, boundary: boundary)
        try MultipartParts.refuseRepeated(parts, among: ["criterion", "village", "place", "latitude", "longitude", "description", "phone", "website"])
        for part in parts {
            let name = part.name.hasSuffix("[]") ? String(part.name.dropLast(2)) : part.name
            if name == "photos" || name.hasPrefix("photo") {
                // An empty file input still sends a part with no bytes and no name: not a photo.
                if !(part.bytes.isEmpty && (part.filename ?? "").isEmpty) { photos.append((part.filename ?? "photo", part.bytes)) }
                continue
            }
            let value = String(decoding: part.bytes, as: UTF8.self)
            switch name {
            case "criterion": criterion = value
            case "village": village = value
            case "place": place = value
            case "latitude": latitude = value
            case "longitude": longitude = value
            case "description": description = value
            case "phone": phone = value
            case "website": website = value
            default: break
            }
        }
    }
}

/// The parts of a multipart body, in order.
enum MultipartParts {
    struct Part {
        var name: String
        var filename: String?
        var bytes: [UInt8]
    }

    static func parse(_ body: ByteBuffer, boundary: String) throws -> [Part] {
        try MultipartGuard.check(body, boundary: boundary)
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var headers: [String: String] = [:]
        var bytes: [UInt8] = []
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { buffer in bytes.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            let disposition = headers["content-disposition"] ?? ""
            if let name = Self.parameter("name", in: disposition) {
                parts.append(Part(name: name, filename: Self.parameter("filename", in: disposition), bytes: bytes))
            }
            headers = [:]
            bytes = []
        }
        do { try parser.execute(body) } catch {
            throw AppError(.unprocessableEntity, field: "photos", vi: "Không đọc được biểu mẫu gửi lên (multipart hỏng)",
                           en: "The form sent could not be read (broken multipart)")
        }
        return parts
    }

    /// A multipart form decoded as `T`: a field of `fields` sent twice is refused (400), a checked
    /// refusal (a broken body) passes through, anything else unreadable is `unreadable` (422).
    static func decode<T: Decodable>(_ type: T.Type, from req: Request, fields: Set<String>, unreadable: AppError) throws -> T {
        if let content = req.headers.contentType, content.type == "multipart", let boundary = content.parameters["boundary"], let body = req.body.data {
            try refuseRepeated(try parse(body, boundary: boundary), among: fields)
        }
        do { return try req.content.decode(T.self) } catch let error as AppError { throw error } catch { throw unreadable }
    }

    /// A field sent more than once where one value is expected (a client's mistake: which one was meant?).
    /// Unknown fields are ignored, as in a JSON body.
    static func refuseRepeated(_ parts: [Part], among fields: Set<String>) throws {
        var seen: Set<String> = []
        for part in parts {
            let name = part.name.hasSuffix("[]") ? String(part.name.dropLast(2)) : part.name
            guard fields.contains(name) else { continue }
            if !seen.insert(name).inserted {
                throw AppError(.badRequest, field: name, vi: "Trường \(name) được gửi nhiều lần; chỉ gửi một giá trị", en: "Field \(name) was sent more than once; send one value")
            }
        }
    }

    /// `name="x"` from `form-data; name="x"; filename="y.jpg"`.
    static func parameter(_ key: String, in disposition: String) -> String? {
        for item in disposition.split(separator: ";") {
            let pair = item.trimmingCharacters(in: .whitespaces)
            guard pair.hasPrefix(key + "=") else { continue }
            return String(pair.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}

/// Residents' reports: received from anyone (checked, limited, photos stripped and stored before
/// the row, nothing half-written), handled by the commune's officers (each step audited).
enum ResidentReportWriter {
    static func folder(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("reports")
    }

    /// The key the hourly limit counts by: the address hashed, so no address is stored.
    static func senderKey(address: String?) -> String {
        SHA256.hash(data: Data((address ?? "unknown").utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func submit(_ form: ReportSubmission, to target: AdminUnit, from address: String?, now: Date, limits: ResidentReportRules.Limits,
                       dataDirectory: String, catalog: CriteriaCatalog, actor: AuditActor, db: any Database) async throws -> ResidentReport {
        let today = Day(now)
        // A report sent from a village's page is the commune's, about that village.
        var unit = target
        var village: AdminUnit? = nil
        if target.level == .village, let parentID = target.$parent.id, let parent = try await AdminUnit.find(parentID, on: db) {
            unit = parent
            village = target
        }
        guard [.commune, .town, .ward].contains(unit.level) else {
            throw AppError(.unprocessableEntity, field: "unit", vi: "Phản ánh gửi cho một xã, phường hoặc thị trấn; \(unit.name) là \(unit.officialType)",
                           en: "Reports are sent to a commune, ward or town; \(unit.name) is a \(unit.level.rawValue)")
        }
        // A comment on the commune's recognition report while it is posted publicly.
        var form = form
        var posting: Dossier?
        if form.criterion == "dossier" {
            guard let open = try await DossierProcedureStore.openPosting(of: unit, on: today, db: db) else {
                throw AppError(problems: [InputProblem(field: "criterion", vi: "Báo cáo kết quả của \(unit.name) hiện không trong thời gian lấy ý kiến; chọn tiêu chí hoặc \"Khác\"",
                                                       en: "\(unit.name)'s report is not posted for comments now; choose a criterion or \"Other\"")])
            }
            posting = open.dossier
            form.criterion = "other"
        }
        let checked = try await check(form, unit: unit, village: village, today: today, catalog: catalog, db: db)
        let key = senderKey(address: address)
        let hourAgo = now.addingTimeInterval(-3600)
        let fromAddress = try await ResidentReport.query(on: db).filter(\.$senderKey == key).filter(\.$createdAt >= hourAgo).count()
        let forUnit = try await ResidentReport.query(on: db).filter(\.$unit.$id == unit.requireID()).filter(\.$createdAt >= hourAgo).count()
        switch limits.exceeded(fromAddressLastHour: fromAddress, forUnitLastHour: forUnit) {
        case .address?:
            throw AppError(.tooManyRequests, vi: "Đã nhận \(fromAddress) phản ánh từ địa chỉ mạng này trong một giờ qua. Xin gửi lại sau.",
                           en: "\(fromAddress) reports arrived from this network address in the last hour. Please send again later.")
        case .unit?:
            throw AppError(.tooManyRequests, vi: "\(unit.name) đã nhận nhiều phản ánh trong một giờ qua. Xin gửi lại sau.",
                           en: "\(unit.name) received many reports in the last hour. Please send again later.")
        case nil: break
        }

        var generator = SystemRandomNumberGenerator()
        var code = ResidentReportRules.trackingCode(using: &generator)
        while try await ResidentReport.query(on: db).filter(\.$trackingCode == code).count() > 0 {
            code = ResidentReportRules.trackingCode(using: &generator)
        }
        let report = ResidentReport(unitID: try unit.requireID(), trackingCode: code, criterionNumber: checked.criterion, villageID: checked.village?.id,
                                    place: checked.place, latitude: checked.position?.latitude, longitude: checked.position?.longitude,
                                    description: checked.description, phone: checked.phone, senderKey: key)
        report.id = UUID()
        report.$dossier.id = try posting?.requireID()
        let reportID = try report.requireID()
        // Files first, then rows; a failed write removes the files again.
        let folder = folder(dataDirectory: dataDirectory)
        if !checked.photos.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        var photos: [ResidentReportPhoto] = []
        var written: [String] = []
        do {
            for (position, photo) in checked.photos.enumerated() {
                let id = UUID()
                let path = (folder as NSString).appendingPathComponent(id.uuidString)
                try Data(photo.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
                written.append(path)
                photos.append(ResidentReportPhoto(id: id, reportID: reportID, position: position + 1, contentType: photo.kind.rawValue, byteCount: photo.bytes.count))
            }
            let rows = photos, unitCode = unit.code
            let audit = ["criterion": checked.criterion.map(String.init) ?? "other", "photos": String(rows.count), "village": checked.village?.code ?? ""]
            try await db.transaction { tx in
                try await report.create(on: tx)
                for photo in rows { try await photo.create(on: tx) }
                try await Audit.record(tx, actor, action: "report", entity: "resident-report", id: report.trackingCode, unitCode: unitCode, new: audit)
            }
        } catch {
            for path in written { try? FileManager.default.removeItem(atPath: path) }
            throw error
        }
        return report
    }

    struct Checked {
        var criterion: Int?
        var village: AdminUnit?
        var place: String?
        var position: (latitude: Double, longitude: Double)?
        var description: String
        var phone: String?
        var photos: [(kind: ImageMetadata.Kind, bytes: [UInt8])]
    }

    /// Every problem of the form at once, named by field, so the resident fixes them in one go.
    static func check(_ form: ReportSubmission, unit: AdminUnit, village givenVillage: AdminUnit?, today: Day, catalog: CriteriaCatalog,
                      db: any Database) async throws -> Checked {
        var problems: [InputProblem] = []
        func text(_ value: String?) -> String? { value.map(TextFolding.normalized).flatMap { $0.isEmpty ? nil : $0 } }

        if !(form.website ?? "").isEmpty {
            problems.append(InputProblem(field: "website", vi: "Để trống ô \"website\"", en: "Leave the \"website\" box empty"))
        }
        var criterion: Int? = nil
        if let value = text(form.criterion), value != "other", value != "khac" {
            let numbers = catalog.inForce(level: unit.level, provinceCode: unit.provinceCode, on: today)?.criteria.map(\.number) ?? []
            if let number = Int(value), numbers.contains(number) { criterion = number } else {
                problems.append(InputProblem(field: "criterion", vi: "Tiêu chí \(value) không có trong bộ tiêu chí của \(unit.name); chọn một tiêu chí hoặc \"Khác\"",
                                             en: "Criterion \(value) is not in \(unit.name)'s criteria set; choose one or \"Other\""))
            }
        }
        var village = givenVillage
        if village == nil, let code = text(form.village) {
            village = try await UnitQueries.children(of: unit, on: today, db: db).first { $0.code == code }
            if village == nil {
                problems.append(InputProblem(field: "village", vi: "Thôn \(code) không thuộc \(unit.name)", en: "Village \(code) is not in \(unit.name)"))
            }
        }
        let place = text(form.place)
        // Limits apply to what was sent, as the document says, not only to what is kept of it.
        if let place, place.count > 200 || (form.place ?? "").unicodeScalars.count > 200 {
            problems.append(InputProblem(field: "place", vi: "Địa điểm dài quá 200 ký tự", en: "The place is longer than 200 characters"))
        }
        var position: (Double, Double)? = nil
        switch (text(form.latitude), text(form.longitude)) {
        case (nil, nil): break
        case (let lat?, let lon?):
            if let latitude = Double(lat.replacingOccurrences(of: ",", with: ".")), let longitude = Double(lon.replacingOccurrences(of: ",", with: ".")),
               (-90...90).contains(latitude), (-180...180).contains(longitude) {
                position = (latitude, longitude)
            } else {
                problems.append(InputProblem(field: "latitude", vi: "Toạ độ \(lat), \(lon) không hợp lệ (vĩ độ −90…90, kinh độ −180…180)",
                                             en: "Position \(lat), \(lon) is invalid (latitude −90…90, longitude −180…180)"))
            }
        default:
            problems.append(InputProblem(field: "latitude", vi: "Nhập cả vĩ độ và kinh độ, hoặc để trống cả hai",
                                         en: "Give both latitude and longitude, or neither"))
        }
        // Line breaks are kept: a description is written in paragraphs.
        let description = (form.description ?? "").precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if description.count < 10 {
            problems.append(InputProblem(field: "description", vi: "Mô tả vấn đề (ít nhất 10 ký tự): cái gì hỏng, ở đâu, từ bao giờ",
                                         en: "Describe the problem (10 characters at least): what is wrong, where, since when"))
        } else if description.count > ResidentReportRules.maxDescription || (form.description ?? "").unicodeScalars.count > ResidentReportRules.maxDescription {
            problems.append(InputProblem(field: "description", vi: "Mô tả dài quá \(ResidentReportRules.maxDescription) ký tự",
                                         en: "The description is longer than \(ResidentReportRules.maxDescription) characters"))
        }
        let phone = text(form.phone)
        if let phone {
            let digits = phone.filter(\.isNumber)
            if !(9...12).contains(digits.count) || phone.contains(where: { !$0.isNumber && !" +.-()".contains($0) }) {
                problems.append(InputProblem(field: "phone", vi: "Số điện thoại \(phone) không hợp lệ (9–12 chữ số)", en: "Phone number \(phone) is invalid (9–12 digits)"))
            }
        }
        var photos: [(kind: ImageMetadata.Kind, bytes: [UInt8])] = []
        if form.photos.count > ResidentReportRules.maxPhotos {
            problems.append(InputProblem(field: "photos", vi: "Gửi tối đa \(ResidentReportRules.maxPhotos) ảnh (đã chọn \(form.photos.count))",
                                         en: "Send \(ResidentReportRules.maxPhotos) photos at most (\(form.photos.count) chosen)"))
        }
        for photo in form.photos.prefix(ResidentReportRules.maxPhotos) {
            let name = TextFolding.normalized((photo.filename as NSString).lastPathComponent)
            if photo.bytes.count > ResidentReportRules.maxPhotoBytes {
                problems.append(InputProblem(field: "photos", vi: "Ảnh \(name) lớn hơn \(ResidentReportRules.maxPhotoBytes >> 20) MB",
                                             en: "Photo \(name) is larger than \(ResidentReportRules.maxPhotoBytes >> 20) MB"))
            } else if let image = ImageMetadata.stripped(photo.bytes) {
                photos.append(image)
            } else {
                problems.append(InputProblem(field: "photos", vi: "Tệp \(name) không phải ảnh JPEG hay PNG (kiểm tra theo nội dung, không theo tên)",
                                             en: "File \(name) is not a JPEG or PNG photo (judged by its content, not its name)"))
            }
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        return Checked(criterion: criterion, village: village, place: place, position: position, description: description, phone: phone, photos: photos)
    }
}

/// An officer's step on a report: move it on, answer it, give it to a colleague.
struct ReportHandlingDTO: Content {
    /// `in-progress`, `resolved` or `rejected`; absent to answer or assign only.
    var status: String?
    /// The answer residents read (required to resolve; the reason to reject).
    var answer: String?
    /// Username of the officer who takes it; empty to take nobody.
    var assignee: String?
    /// The version the officer saw: a report changed meanwhile is not overwritten (409).
    var version: Int?
}

extension ResidentReportWriter {
    static func handle(_ input: ReportHandlingDTO, report: ResidentReport, unit: AdminUnit, now: Date, actor: AuditActor, db: any Database) async throws {
        let old = ["status": report.status.rawValue, "answer": report.answer ?? "", "assignee": report.$assignee.id?.uuidString ?? ""]
        let answer = input.answer.map { $0.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        var problems: [InputProblem] = []
        var next: ReportStatus? = nil
        if let text = input.status.flatMap({ $0.isEmpty ? nil : $0 }) {
            if let status = ReportStatus(rawValue: text), status != report.status {
                next = status
                switch ResidentReportRules.transition(from: report.status, to: status, answer: answer ?? report.answer) {
                case .closed(let closed)?:
                    problems.append(InputProblem(field: "status", vi: "Phản ánh đã \(ReportWords.status(closed, .vi).lowercased()); không đổi được nữa",
                                                 en: "The report is \(ReportWords.status(closed, .en).lowercased()); it cannot change any more"))
                case .notAllowed(let from, let to)?:
                    problems.append(InputProblem(field: "status", vi: "Không chuyển được từ \"\(ReportWords.status(from, .vi))\" sang \"\(ReportWords.status(to, .vi))\"",
                                                 en: "Cannot move from \"\(ReportWords.status(from, .en))\" to \"\(ReportWords.status(to, .en))\""))
                case .answerRequired(let to)?:
                    problems.append(to == .rejected
                        ? InputProblem(field: "answer", vi: "Ghi lý do từ chối (người dân sẽ đọc)", en: "Write the reason for rejecting (the resident will read it)")
                        : InputProblem(field: "answer", vi: "Ghi câu trả lời: đã xử lý thế nào (sẽ công khai)", en: "Write the answer: how it was dealt with (it will be public)"))
                case nil: break
                }
            } else if ReportStatus(rawValue: text) == nil {
                problems.append(InputProblem(field: "status", vi: "Trạng thái \(text) không có; dùng in-progress, resolved hoặc rejected",
                                             en: "No status \(text); use in-progress, resolved or rejected"))
            }
        } else if report.status.isClosed && answer != nil {
            problems.append(InputProblem(field: "answer", vi: "Phản ánh đã đóng; không sửa câu trả lời được nữa", en: "The report is closed; its answer cannot change"))
        }
        var assignee: User?? = nil
        if let name = input.assignee.map(TextFolding.normalized) {
            if name.isEmpty { assignee = .some(nil) } else if let user = try await User.query(on: db).filter(\.$username == name).first(),
                      user.isActive, AccessPolicy.allows(user.role, .handleReports, inScope: try await AccessScope.contains(user: user, unit: unit, db: db)) {
                assignee = .some(user)
            } else {
                problems.append(InputProblem(field: "assignee", vi: "\(name) không phải cán bộ xử lý phản ánh của \(unit.name)",
                                             en: "\(name) is not an officer who handles \(unit.name)'s reports"))
            }
        }
        if next == nil && answer == nil && assignee == nil {
            problems.append(InputProblem(field: "status", vi: "Chọn trạng thái mới, ghi câu trả lời hoặc giao người xử lý", en: "Choose a new status, write an answer or assign someone"))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }

        let version = input.version ?? report.version
        let (newStatus, newAssignee): (ReportStatus?, UUID??) = (next, assignee.map { $0.flatMap(\.id) })
        try await db.transaction { tx in
            guard try await VersionedRow.claim(ResidentReport.schema, id: try report.requireID(), version: version, db: tx) else {
                throw AppError(.conflict, field: "version", vi: "Phản ánh \(report.trackingCode) vừa được người khác cập nhật; tải lại trang để xem",
                               en: "Report \(report.trackingCode) was just updated by someone else; reload the page to see it")
            }
            report.version = version + 1
            if let newStatus {
                report.status = newStatus
                if newStatus.isClosed { report.closedAt = now }
            }
            if let answer { report.answer = answer }
            if let newAssignee { report.$assignee.id = newAssignee }
            // Any step an officer takes is the commune's first response: the 7-day clock stops.
            if report.answeredAt == nil && (newStatus != nil || answer != nil) { report.answeredAt = now }
            try await report.save(on: tx)
            try await Audit.record(tx, actor, action: "handle", entity: "resident-report", id: report.trackingCode, unitCode: unit.code, old: old,
                                   new: ["status": report.status.rawValue, "answer": report.answer ?? "", "assignee": report.$assignee.id?.uuidString ?? ""])
        }
    }
}
