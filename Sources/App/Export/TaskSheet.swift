import Foundation
import NTMDomain

/// The plan as officers keep it: one row per task, predecessors as a comma-separated list of codes.
/// Exports add the computed schedule; imports read the task columns (Vietnamese or English headers)
/// and ignore the computed ones.
enum TaskSheet {
    /// (key, Vietnamese header): the input columns, in order.
    static let columns: [(key: String, header: String)] = [
        ("code", "Mã"), ("name", "Công việc"), ("criterion", "Tiêu chí"), ("indicator", "Chỉ tiêu"),
        ("responsible_person", "Người phụ trách"), ("responsible_unit", "Đơn vị phụ trách"), ("duration", "Số ngày"),
        ("predecessors", "Công việc trước"), ("planned_cost", "Kinh phí (đồng)"), ("actual_start", "Bắt đầu thực tế"),
        ("actual_finish", "Hoàn thành thực tế"), ("percent_done", "% hoàn thành"),
    ]
    static let computed = ["Bắt đầu kế hoạch", "Kết thúc kế hoạch", "Dự trữ (ngày)", "Găng", "Dự báo hoàn thành", "Trễ hạn"]

    static func sheet(_ plan: PlanSchedule) -> Spreadsheet {
        let detail = plan.detail
        var rows: [[Spreadsheet.Cell]] = [(columns.map(\.header) + computed).map { .text($0) }]
        for row in detail.tasks {
            let t = row.task
            func text(_ s: String?) -> Spreadsheet.Cell { s.map { .text($0) } ?? .empty }
            func date(_ s: String?) -> Spreadsheet.Cell { s.flatMap(Day.init).map { .text(DateFormat.format($0)) } ?? .empty }
            rows.append([
                .text(t.code), .text(t.name), t.criterion.map { .number(Double($0)) } ?? .empty, text(t.indicator),
                text(t.responsiblePerson), text(t.responsibleUnit), .number(Double(t.duration)), text(t.predecessors),
                t.plannedCost.map { .number(Double($0)) } ?? .empty, date(t.actualStart), date(t.actualFinish), .number(Double(t.percentDone ?? 0)),
                date(row.earlyStart), date(row.earlyFinish), .number(Double(row.totalSlack)), .text(row.critical ? "có" : "không"),
                date(row.projectedFinish), .text(row.late ? "trễ" : ""),
            ])
        }
        return Spreadsheet(sheetName: "Kế hoạch đường găng", rows: rows)
    }


    /// Reads tasks from CSV or .xlsx (recognised by the zip signature). Row numbers in errors count
    /// the header as row 1, as a spreadsheet shows them.
    static func read(_ data: Data) throws -> [PlanTaskDTO] {
        let table: [[String]]
        if data.starts(with: [0x50, 0x4B]) {
            do {
                table = try Spreadsheet.readXLSX(data).map { $0.map(cellText) }
            } catch {
                throw AppError(.unprocessableEntity, field: "file", vi: "Không đọc được tệp .xlsx", en: "Cannot read the .xlsx file")
            }
        } else {
            guard let text = String(data: data, encoding: .utf8) else {
                throw AppError(.unprocessableEntity, field: "file", vi: "Tệp CSV phải mã hóa UTF-8", en: "The CSV file must be UTF-8")
            }
            let csv = try CSVTable(text: text, required: [])
            table = [csv.header] + csv.rows.map { row in csv.header.map { row.fields[$0] ?? "" } }
        }
        guard let header = table.first else {
            throw AppError(.unprocessableEntity, field: "file", vi: "Tệp trống", en: "The file is empty")
        }
        let index = columnIndex(header)
        for required in ["code", "name", "duration"] where index[required] == nil {
            let vi = columns.first { $0.key == required }!.header
            throw AppError(.unprocessableEntity, field: "file", vi: "Thiếu cột \"\(vi)\" (\(required))", en: "Missing column \"\(vi)\" (\(required))")
        }
        var problems: [InputProblem] = []
        var tasks: [PlanTaskDTO] = []
        for (k, row) in table.dropFirst().enumerated() where row.contains(where: { !$0.isEmpty }) {
            let number = k + 2
            func value(_ key: String) -> String? {
                guard let i = index[key], i < row.count else { return nil }
                let v = TextFolding.normalized(row[i])
                return v.isEmpty ? nil : v
            }
            func integer(_ key: String) -> Int? {
                guard let text = value(key) else { return nil }
                guard let n = Int(text) ?? Double(text.replacingOccurrences(of: ",", with: ".")).flatMap({ $0 == $0.rounded() ? Int($0) : nil }) else {
                    problems.append(.row(number, key, vi: "\"\(text)\" không phải số nguyên", en: "\"\(text)\" is not a whole number"))
                    return nil
                }
                return n
            }
            func date(_ key: String) -> String? {
                guard let text = value(key) else { return nil }
                if let day = Day(text) { return day.iso }
                if let serial = Double(text), serial > 0 { return Day(year: 1899, month: 12, day: 30)!.adding(days: Int(serial)).iso }
                problems.append(.row(number, key, vi: "\"\(text)\" không phải ngày (dd/mm/yyyy)", en: "\"\(text)\" is not a date (dd/mm/yyyy)"))
                return nil
            }
            let cost: Int64? = value("planned_cost").flatMap { text in
                let digits = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")
                guard let n = Int64(digits) else {
                    problems.append(.row(number, "planned_cost", vi: "\"\(text)\" không phải số tiền (đồng)", en: "\"\(text)\" is not an amount in đồng"))
                    return nil
                }
                return n
            }
            tasks.append(PlanTaskDTO(code: value("code") ?? "", name: value("name") ?? "", criterion: integer("criterion"), indicator: value("indicator"),
                                     responsiblePerson: value("responsible_person"), responsibleUnit: value("responsible_unit"),
                                     duration: integer("duration") ?? 0, predecessors: value("predecessors"), plannedCost: cost,
                                     actualStart: date("actual_start"), actualFinish: date("actual_finish"), percentDone: integer("percent_done")))
        }
        guard problems.isEmpty else { throw AppError(problems: problems) }
        return tasks
    }

    /// Header cell → column key, by folded Vietnamese header or English key.
    private static func columnIndex(_ header: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, cell) in header.enumerated() {
            let folded = TextFolding.searchKey(cell)
            if let column = columns.first(where: { TextFolding.searchKey($0.header) == folded || $0.key == folded.replacingOccurrences(of: " ", with: "_") }) {
                index[column.key] = i
            }
        }
        return index
    }

    private static func cellText(_ cell: Spreadsheet.Cell) -> String { cell.text }
}
