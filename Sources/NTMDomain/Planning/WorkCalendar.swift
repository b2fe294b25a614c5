/// Maps the scheduler's day offsets to calendar days: every day, or working days only
/// (Monday to Friday, minus the configured public holidays).
public struct WorkCalendar: Sendable {
    public enum Mode: String, Codable, Sendable, CaseIterable {
        case calendarDays = "calendar", workingDays = "working"
    }

    public let mode: Mode
    public let start: Day
    public let holidays: Set<Day>

    public init(mode: Mode, start: Day, holidays: Set<Day> = []) {
        self.mode = mode
        self.start = start
        self.holidays = holidays
    }

    public func isWorkingDay(_ day: Day) -> Bool {
        mode == .calendarDays || (day.weekday < 6 && !holidays.contains(day))
    }

    /// The day on which offset `n` begins (offset 0 is the first working day on or after the start).
    public func day(at offset: Int) -> Day {
        guard mode == .workingDays else { return start.adding(days: offset) }
        var day = start
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        var remaining = offset
        while remaining > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// The last day of a task that runs from `offset` for `duration` days (a milestone ends where it starts).
    public func finishDay(start offset: Int, duration: Int) -> Day {
        day(at: offset + max(0, duration - 1))
    }

    /// The offset of a calendar day: how many working (or calendar) days lie between the start and it.
    public func offset(of day: Day) -> Int {
        guard mode == .workingDays else { return day.ordinal - start.ordinal }
        if day < start { return -(WorkCalendar(mode: mode, start: day, holidays: holidays).offset(of: start)) }
        var count = 0
        var cursor = start
        while cursor < day {
            if isWorkingDay(cursor) { count += 1 }
            cursor = cursor.adding(days: 1)
        }
        // Offset 0 is the first working day on or after the start.
        return isWorkingDay(start) ? count : max(0, count)
    }
}

extension Day {
    /// Days since 0001-01-01 (proleptic Gregorian), for day arithmetic without Foundation calendars.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 12 : month
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + day - 307
    }

    public init(ordinal: Int) {
        // Inverse of `ordinal` (civil-from-days).
        let z = ordinal + 306 + 1 - 1
        var y = (10000 * z + 14780) / 3652425
        var ddd = z - (365 * y + y / 4 - y / 100 + y / 400)
        if ddd < 0 {
            y -= 1
            ddd = z - (365 * y + y / 4 - y / 100 + y / 400)
        }
        let mi = (100 * ddd + 52) / 3060
        let mm = (mi + 2) % 12 + 1
        let yy = y + (mi + 2) / 12
        let dd = ddd - (mi * 306 + 5) / 10 + 1
        self.init(year: yy, month: mm, day: dd)!
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        // 0001-01-01 was a Monday in the proleptic Gregorian calendar.
        ((ordinal - Day(year: 1, month: 1, day: 1)!.ordinal) % 7 + 7) % 7 + 1
    }
}
