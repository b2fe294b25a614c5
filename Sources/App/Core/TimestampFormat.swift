import Foundation

/// "14:05 26/04/2022" in Vietnam's time zone, for audit lines and conflict messages.
enum TimestampFormat {
    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d:%02d %02d/%02d/%04d", c.hour!, c.minute!, c.day!, c.month!, c.year!)
    }
}
