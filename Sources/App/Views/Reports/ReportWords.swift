import NTMDomain

/// The words of residents' reports, for the public pages and the officers' pages alike.
struct ReportWords: Encodable {
    static func status(_ status: ReportStatus, _ language: Language) -> String {
        let vi = language == .vi
        return switch status {
        case .received: vi ? "Đã tiếp nhận" : "Received"
        case .inProgress: vi ? "Đang xử lý" : "In progress"
        case .resolved: vi ? "Đã giải quyết" : "Resolved"
        case .rejected: vi ? "Không xử lý" : "Rejected"
        }
    }

    let reportsTitle, sendTitle, sendNote, what, other, village, anyVillage, place, latitude, longitude, description, descriptionHint: String
    let photos, photosHint, phone, phoneHint, website, send, tracking, trackingHint, look, status, answer, received, answered, closed: String
    let assignee, nobody, overdue, open, inProgress, all, none, handle, save, moveTo, keep, photosAgain, resolvedTitle, resolvedNone: String
    let unit, criterion, counts, sentThanks, privacy: String

    init(_ language: Language) {
        let vi = language == .vi
        reportsTitle = vi ? "Phản ánh của người dân" : "Residents' reports"
        sendTitle = vi ? "Gửi phản ánh" : "Report a problem"
        sendNote = vi ? "Công trình hỏng, nhà văn hoá bỏ không, rác thải, nước sạch… Xã sẽ trả lời trong 7 ngày."
            : "A broken road, an unused cultural house, waste, clean water… The commune answers within 7 days."
        what = vi ? "Về việc gì" : "About"
        other = vi ? "Khác" : "Other"
        village = vi ? "Thôn" : "Village"
        anyVillage = vi ? "(không rõ / cả xã)" : "(unknown / the whole commune)"
        place = vi ? "Địa điểm (không bắt buộc)" : "Place (optional)"
        latitude = vi ? "Vĩ độ (không bắt buộc)" : "Latitude (optional)"
        longitude = vi ? "Kinh độ (không bắt buộc)" : "Longitude (optional)"
        description = vi ? "Mô tả" : "Description"
        descriptionHint = vi ? "Cái gì hỏng, ở đâu, từ bao giờ" : "What is wrong, where, since when"
        photos = vi ? "Ảnh (tối đa 3 ảnh JPEG/PNG, mỗi ảnh ≤ 5 MB)" : "Photos (3 JPEG/PNG at most, 5 MB each)"
        photosHint = vi ? "Thông tin vị trí và máy chụp trong ảnh được xoá khi lưu." : "Location and camera data in the photos are removed when stored."
        phone = vi ? "Số điện thoại (không bắt buộc, không công khai)" : "Phone (optional, never public)"
        phoneHint = vi ? "Chỉ cán bộ xã thấy, để gọi lại khi cần." : "Only the commune's officers see it, to call back."
        website = vi ? "Để trống ô này" : "Leave this empty"
        send = vi ? "Gửi phản ánh" : "Send"
        tracking = vi ? "Mã theo dõi" : "Tracking code"
        trackingHint = vi ? "Nhập mã đã nhận khi gửi, ví dụ PA-7K3M-9QXH" : "The code you received, e.g. PA-7K3M-9QXH"
        look = vi ? "Xem tình trạng" : "Look up"
        status = vi ? "Tình trạng" : "Status"
        answer = vi ? "Trả lời của xã" : "The commune's answer"
        received = vi ? "Nhận lúc" : "Received"
        answered = vi ? "Phản hồi đầu tiên" : "First response"
        closed = vi ? "Đóng lúc" : "Closed"
        assignee = vi ? "Người xử lý" : "Handled by"
        nobody = vi ? "(chưa giao)" : "(nobody yet)"
        overdue = vi ? "Quá hạn (chưa trả lời sau 7 ngày)" : "Overdue (no answer after 7 days)"
        open = vi ? "Đang mở" : "Open"
        inProgress = Self.status(.inProgress, language)
        all = vi ? "Tất cả" : "All"
        none = vi ? "Chưa có phản ánh." : "No reports yet."
        handle = vi ? "Xử lý phản ánh" : "Handle the report"
        save = vi ? "Lưu" : "Save"
        moveTo = vi ? "Chuyển sang" : "Move to"
        keep = vi ? "(giữ nguyên)" : "(keep)"
        photosAgain = vi ? "Vì an toàn, ảnh không được giữ lại khi biểu mẫu có lỗi: xin chọn lại ảnh." : "For safety, photos are not kept when the form has errors: please choose them again."
        resolvedTitle = vi ? "Phản ánh đã giải quyết" : "Resolved reports"
        resolvedNone = vi ? "Chưa có phản ánh nào được giải quyết." : "No resolved reports yet."
        unit = vi ? "Xã" : "Commune"
        criterion = vi ? "Tiêu chí" : "Criterion"
        counts = vi ? "Phản ánh của người dân" : "Residents' reports"
        sentThanks = vi ? "Cảm ơn bạn. Xã đã nhận phản ánh; giữ mã theo dõi dưới đây để xem tình trạng." : "Thank you. The commune has your report; keep the tracking code below to follow it."
        privacy = vi ? "Số điện thoại và ảnh không công khai; khi xã giải quyết xong, nội dung và câu trả lời được công khai."
            : "Your phone and photos are not public; once resolved, the report and the answer are shown publicly."
    }
}
