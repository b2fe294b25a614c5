import NTMDomain

/// The Gantt chart as server-drawn SVG: planned bars (critical ones marked), the forecast as a thin
/// bar beneath, the status day and the target date as vertical lines.
enum GanttChart {
    static func svg(_ plan: PlanSchedule, language: Language) -> String {
        let rowHeight = 24, labelWidth = 230, chartWidth = 700, top = 34
        let first = plan.calendar.day(at: 0)
        let ends = plan.tasks.indices.map { plan.calendar.finishDay(start: plan.forecast.starts[$0], duration: plan.forecast.finishes[$0] - plan.forecast.starts[$0]) }
        let last = ([plan.target, plan.plannedFinish ?? first, plan.statusDay] + ends).max()!
        let span = max(1, last.ordinal - first.ordinal + 1)
        func x(_ day: Day) -> Int { labelWidth + chartWidth * (day.ordinal - first.ordinal) / span }
        let height = top + plan.tasks.count * rowHeight + 20
        let title = language == .vi ? "Biểu đồ Gantt — \(plan.plan.name)" : "Gantt chart — \(plan.plan.name)"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gantt\" viewBox=\"0 0 \(labelWidth + chartWidth + 20) \(height)\" role=\"img\" aria-label=\"\(SVGChart.escape(title))\">"
        svg += "<title>\(SVGChart.escape(title))</title>"
        // Month ticks.
        var month = Day(year: first.year, month: first.month, day: 1)!
        while month <= last {
            if month >= first {
                svg += "<line x1=\"\(x(month))\" y1=\"\(top - 14)\" x2=\"\(x(month))\" y2=\"\(height - 16)\" class=\"gantt-grid\"/>"
                svg += "<text x=\"\(x(month) + 2)\" y=\"\(top - 18)\" class=\"gantt-tick\">\(month.month)/\(month.year)</text>"
            }
            month = month.month == 12 ? Day(year: month.year + 1, month: 1, day: 1)! : Day(year: month.year, month: month.month + 1, day: 1)!
        }
        for (k, task) in plan.tasks.enumerated() {
            let y = top + k * rowHeight
            let s = plan.schedule.tasks[k]
            let start = plan.calendar.day(at: s.earlyStart)
            let finish = plan.calendar.finishDay(start: s.earlyStart, duration: task.duration)
            let css = plan.isLate(k) ? "gantt-bar late" : (s.critical ? "gantt-bar critical" : "gantt-bar")
            let label = "\(task.code) \(task.name)"
            svg += "<text x=\"4\" y=\"\(y + 14)\" class=\"gantt-label\">\(SVGChart.escape(String(label.prefix(34))))</text>"
            svg += "<rect x=\"\(x(start))\" y=\"\(y + 3)\" width=\"\(max(3, x(finish.adding(days: 1)) - x(start)))\" height=\"11\" class=\"\(css)\"><title>\(SVGChart.escape(label)): \(DateFormat.format(start)) – \(DateFormat.format(finish))\(s.critical ? " (găng)" : "")</title></rect>"
            let fStart = plan.calendar.day(at: plan.forecast.starts[k])
            svg += "<rect x=\"\(x(fStart))\" y=\"\(y + 16)\" width=\"\(max(2, x(ends[k].adding(days: 1)) - x(fStart)))\" height=\"4\" class=\"gantt-forecast\"/>"
            if task.percentDone > 0 {
                let done = max(1, (x(finish.adding(days: 1)) - x(start)) * min(100, task.percentDone) / 100)
                svg += "<rect x=\"\(x(start))\" y=\"\(y + 3)\" width=\"\(done)\" height=\"11\" class=\"gantt-done\"/>"
            }
        }
        let today = language == .vi ? "Hôm nay" : "Today"
        let target = language == .vi ? "Mục tiêu" : "Target"
        svg += "<line x1=\"\(x(plan.statusDay))\" y1=\"\(top - 6)\" x2=\"\(x(plan.statusDay))\" y2=\"\(height - 12)\" class=\"gantt-today\"/>"
        svg += "<text x=\"\(x(plan.statusDay) + 3)\" y=\"\(height - 2)\" class=\"gantt-today-label\">\(today) \(DateFormat.format(plan.statusDay))</text>"
        svg += "<line x1=\"\(x(plan.target))\" y1=\"\(top - 6)\" x2=\"\(x(plan.target))\" y2=\"\(height - 12)\" class=\"gantt-target\"/>"
        svg += "<text x=\"\(max(labelWidth, x(plan.target) - 130))\" y=\"\(top - 4)\" class=\"gantt-target-label\">\(target) \(DateFormat.format(plan.target))</text>"
        return svg + "</svg>"
    }
}
