import NTMDomain
import Vapor

/// The outlook page: forecast with its back-test, the allocation of unidentified money, and a
/// what-if whose ticks live in the link (share it, print it; nothing is saved).
struct OutlookPageModel: Encodable {
    struct ForecastRow: Encodable {
        var name: String
        var url: String
        var score: String
        var expected: String
        var onTime: Bool
        var late: String
        var holding: String
        var basis: String
    }

    struct BacktestRow: Encodable {
        var year: Int
        var cases: Int
        var hits: Int
        var percent: String
        var detail: String
    }

    struct ChosenRow: Encodable {
        var name: String
        var criterion: String
        var amount: String
    }

    struct AllocationView: Encodable {
        var amount: String
        var optimal: String
        var greedy: String
        var gain: String
        var chosen: [ChosenRow]
        var chart: String
        var eligible: String
    }

    struct TickBox: Encodable {
        var value: String
        var label: String
        var checked: Bool
    }

    struct TickRow: Encodable {
        var name: String
        var boxes: [TickBox]
    }

    struct ChangeRow: Encodable {
        var name: String
        var before: String
        var after: String
        var level: String
    }

    struct WhatIfView: Encodable {
        var total: String
        var own: String?
        var ownUnmet: String?
        var rows: [ChangeRow]
    }

    var layout: LayoutModel
    var w: OutlookWords
    var code: String
    var date: String
    var target: String
    var headline: String
    var atStandard: String
    var forecasts: [ForecastRow]
    var backtests: [BacktestRow]
    var amount: String
    var pledges: Bool
    var assume: Bool
    var allocation: AllocationView?
    var ticks: [TickRow]
    var whatIf: WhatIfView?
    var clearURL: String
    /// The day the ticks are supposed met (empty: on the day looked at).
    var supposedOn: String
    var saved: [UnitLink] = []
    var canSave = false

    init(request: Request, unit: AdminUnit, ancestors: [AdminUnit], report: ForecastReport, backtests: [(year: Int, score: BacktestScore)],
         allocation: OutlookController.AllocationOutcome?, whatIf: WhatIfOutcome?, query: OutlookPageQuery) {
        let language = request.language, vi = language == .vi
        let w = OutlookWords(language)
        self.w = w
        let day = report.day, target = report.target
        layout = LayoutModel(request: request, title: "\(w.title) — \(unit.name)", crumbs: Crumbs.of(ancestors + [unit], day: day))
        code = unit.code
        date = day.iso
        self.target = target.iso
        let setOf = Dictionary(report.cards.map { ($0.unit.code, $0.set) }, uniquingKeysWith: { a, _ in a })
        func criterionName(_ code: String, _ number: Int) -> String {
            setOf[code]??.criterion(number: number).map { "\(number). \($0.name.text(language))" } ?? "\(number)"
        }
        func money(_ amount: Dong) -> String { MoneyFormat.billions(amount, language: language) }

        // Headline: "Đến 31/12/2022: 3/4 đơn vị chưa đạt chuẩn dự kiến về đích; Phúc Đồng trễ 47 ngày, vướng tiêu chí 2."
        let open = report.open
        let worst = report.late.max { ($0.daysLate(target) ?? Int.max) < ($1.daysLate(target) ?? Int.max) }
        var headline = vi ? "Đến \(DateFormat.format(target)): \(report.onTime.count)/\(open.count) đơn vị chưa đạt chuẩn dự kiến về đích"
                          : "By \(DateFormat.format(target)): \(report.onTime.count) of \(open.count) units not yet at standard are expected to make it"
        // "2. Giao thông (Đường 06 — 16/02/2023)": the criterion and the plan task that finishes it last.
        func holdingText(_ f: UnitForecast) -> String {
            f.holding(target).map { number in
                let task = report.lastTasks[f.code]?[number]
                let day = f.criteria.first { $0.criterion == number }?.expected
                return criterionName(f.code, number) + (task.map { " (\($0)" + (day.map { " — " + DateFormat.format($0) } ?? "") + ")" } ?? "")
            }.joined(separator: "; ")
        }
        if let worst {
            let holding = holdingText(worst)
            if let late = worst.daysLate(target), late > 0 {
                headline += vi ? "; \(worst.name) trễ \(late) ngày, vướng tiêu chí \(holding)" : "; \(worst.name) \(late) days late, held by criterion \(holding)"
            } else {
                headline += vi ? "; \(worst.name) chưa có cơ sở dự báo cho tiêu chí \(holding)" : "; \(worst.name) has no forecast for criterion \(holding)"
            }
        }
        self.headline = headline + "." + (whatIf == nil ? "" : (vi ? " (Theo giả định bên dưới.)" : " (Under the suppositions below.)"))
        let standing = report.forecasts.filter(\.atStandard).count
        atStandard = vi ? "\(standing) đơn vị đã đạt chuẩn (hoặc đủ tiêu chí, chờ công nhận) vào ngày \(DateFormat.format(day))."
                        : "\(standing) units are at standard (or meet every criterion, awaiting recognition) on \(DateFormat.format(day))."

        forecasts = open.sorted { ($0.expected ?? Day(year: 9999, month: 12, day: 31)!, $0.name) < ($1.expected ?? Day(year: 9999, month: 12, day: 31)!, $1.name) }
            .map { f in
                ForecastRow(name: f.name, url: SiteURL.unit(f.code, on: day), score: "\(f.met)/\(f.total)",
                            expected: f.expected.map(DateFormat.format) ?? w.noBasis, onTime: f.onTime(target),
                            late: f.daysLate(target).map { $0 > 0 ? (vi ? "trễ \($0) ngày" : "\($0) days late") : (vi ? "sớm \(-$0) ngày" : "\(-$0) days early") } ?? "—",
                            holding: holdingText(f),
                            basis: f.criteria.map { c in
                                "\(c.criterion): " + w.basis(c.basis) + (c.expected.map { " " + DateFormat.format($0) } ?? "")
                            }.joined(separator: " · "))
            }

        self.backtests = backtests.map { year, score in
            BacktestRow(year: year, cases: score.cases, hits: score.hits, percent: score.percent.map { "\($0) %" } ?? "—",
                        detail: vi ? "đúng hẹn như dự báo \(score.reachedAsForecast); dự báo kịp nhưng không đạt \(score.missedDespiteForecast); đạt ngoài dự báo \(score.reachedUnforeseen)"
                                   : "reached as forecast \(score.reachedAsForecast); forecast in time but missed \(score.missedDespiteForecast); reached unforeseen \(score.reachedUnforeseen)")
        }

        amount = query.first("amount") ?? ""
        pledges = query.first("pledges") == "1"
        assume = query.first("assume") == "1"
        self.allocation = allocation.map { a in
            let names = Dictionary(a.candidates.map { ($0.code, $0.name) }, uniquingKeysWith: { x, _ in x })
            let gain = a.optimal.communesAtStandard - a.greedy.communesAtStandard
            return AllocationView(
                amount: money(a.amount),
                optimal: vi ? "\(a.optimal.communesAtStandard) đơn vị đạt chuẩn, dùng \(money(a.optimal.spent)) tỷ"
                            : "\(a.optimal.communesAtStandard) units to standard, using \(money(a.optimal.spent)) bn",
                greedy: vi ? "\(a.greedy.communesAtStandard) đơn vị, dùng \(money(a.greedy.spent)) tỷ (\(a.greedy.communes.compactMap { names[$0] }.joined(separator: ", ")))"
                           : "\(a.greedy.communesAtStandard) units, using \(money(a.greedy.spent)) bn (\(a.greedy.communes.compactMap { names[$0] }.joined(separator: ", ")))",
                gain: gain > 0 ? (vi ? "Hơn cách làm quen thuộc \(gain) đơn vị." : "\(gain) more than the usual way.")
                               : (vi ? "Bằng cách làm quen thuộc về số đơn vị." : "As many units as the usual way."),
                chosen: a.optimal.funded.map { ChosenRow(name: names[$0.code] ?? $0.code, criterion: criterionName($0.code, $0.criterion), amount: money($0.amount)) },
                chart: SVGChart.stepCurve(a.curve, budget: a.amount, title: w.curveTitle, xLabel: w.curveX, yLabel: w.curveY, language: language),
                eligible: vi ? "\(a.candidates.filter(\.inTime).count)/\(a.candidates.count) đơn vị chưa đạt chuẩn có thể tính (mọi tiêu chí còn thiếu dự kiến xong trước ngày đích)."
                             : "\(a.candidates.filter(\.inTime).count) of \(a.candidates.count) units not at standard can count (every open criterion forecast before the target).")
        }

        // A tick is "code:criterion", with its own day after a second colon when it has one.
        let ticked = Set(query.all("met").map { $0.split(separator: ":").prefix(2).joined(separator: ":") })
        supposedOn = query.first("on") ?? ""
        // A ticked criterion is closed in the forecast above; it stays offered so the tick can be undone.
        ticks = open.map { f in
            let numbers = Set(f.criteria.map(\.criterion)).union(whatIf?.verdicts[f.code]?.keys.map { $0 } ?? [])
                .union(whatIf?.later[f.code]?.keys.map { $0 } ?? [])
            return TickRow(name: f.name, boxes: numbers.sorted().map { n in
                let value = "\(f.code):\(n)"
                return TickBox(value: value, label: criterionName(f.code, n), checked: ticked.contains(value))
            })
        }
        // Units the ticks brought to standard are no longer open: offer their ticks too.
        if let whatIf {
            for (code, verdicts) in whatIf.verdicts where !open.contains(where: { $0.code == code }) {
                let name = whatIf.children.first { $0.before.unit.code == code }?.before.unit.name ?? whatIf.unit.name
                ticks.append(TickRow(name: name, boxes: verdicts.keys.sorted().map { n in
                    TickBox(value: "\(code):\(n)", label: criterionName(code, n), checked: ticked.contains("\(code):\(n)"))
                }))
            }
        }
        let text = UIText(language)
        self.whatIf = whatIf.map { outcome in
            let changed = outcome.children.filter { outcome.verdicts[$0.before.unit.code] != nil }
            let own: String? = outcome.before.set == nil ? nil
                : "\(outcome.unit.name): \(outcome.before.met)/\(outcome.before.total) → \(outcome.after.met)/\(outcome.after.total) (\(text.levelWord(outcome.after.level)))"
            let ownUnmet = outcome.after.unmetCriteria.map { "\($0.number). \($0.name.text(language))" }.joined(separator: "; ")
            return WhatIfView(total: vi ? "Tổng số tiêu chí đạt của các xã: \(outcome.totalMetBefore) → \(outcome.totalMetAfter)"
                                        : "Criteria met by the communes: \(outcome.totalMetBefore) → \(outcome.totalMetAfter)",
                              own: own, ownUnmet: ownUnmet.isEmpty ? nil : ownUnmet,
                              rows: (changed.isEmpty && outcome.verdicts[outcome.unit.code] != nil ? [(outcome.before, outcome.after)] : changed).map { pair in
                                  ChangeRow(name: pair.before.unit.name, before: "\(pair.before.met)/\(pair.before.total)",
                                            after: "\(pair.after.met)/\(pair.after.total)", level: text.levelWord(pair.after.level))
                              })
        }
        clearURL = SiteURL.unit(unit.code, "outlook", on: day)
    }
}

/// The outlook page's words.
struct OutlookWords: Encodable {
    let title, forecastHeading, unit, score, expected, onTime, lateOrEarly, holding, basisHeading, yes, no, noBasis: String
    let backtestHeading, backtestNote, year, cases, hits, rate: String
    let allocationHeading, amountLabel, pledgesLabel, assumeLabel, compute, optimalLabel, greedyLabel, chosenHeading, criterion, amountColumn: String
    let curveTitle, curveX, curveY: String
    let whatIfHeading, whatIfNote, apply, clear, share, printPage, targetLabel, method, before, after: String
    let scenarioName, save, savedHeading, supposedOnLabel: String
    private let bases: [ForecastBasis: String]

    func basis(_ b: ForecastBasis) -> String { bases[b] ?? b.rawValue }

    init(_ language: Language) {
        let vi = language == .vi
        title = vi ? "Triển vọng về đích" : "Outlook"
        forecastHeading = vi ? "Dự báo về đích" : "Forecast"
        unit = vi ? "Đơn vị" : "Unit"
        score = vi ? "Tiêu chí đạt" : "Criteria met"
        expected = vi ? "Dự kiến đạt chuẩn" : "Expected at standard"
        onTime = vi ? "Kịp ngày đích" : "In time"
        lateOrEarly = vi ? "So với ngày đích" : "Against the target"
        holding = vi ? "Tiêu chí còn vướng" : "Criteria holding it"
        basisHeading = vi ? "Cơ sở dự báo từng tiêu chí" : "Basis per criterion"
        yes = vi ? "Kịp" : "Yes"
        no = vi ? "Không kịp" : "No"
        noBasis = vi ? "chưa có cơ sở dự báo" : "no basis to forecast"
        bases = vi ? [.supposed: "theo giả định", .plan: "theo kế hoạch", .pace: "theo tốc độ của xã", .history: "theo lịch sử của tỉnh", .none: "chưa có cơ sở"]
                   : [.supposed: "supposed", .plan: "plan", .pace: "own pace", .history: "province history", .none: "no basis"]
        method = vi ? "Cách dự báo: tiêu chí có kế hoạch lấy ngày dự kiến xong của kế hoạch (theo tiến độ thực tế); tiêu chí chưa có kế hoạch lấy thời gian tiêu chí đó cần ở các xã khác trong tỉnh (tính cả các xã chưa xong, so với thời gian xã này đã mất); nếu tỉnh chưa đủ số liệu thì lấy tốc độ đạt thêm tiêu chí của chính xã trong 3 năm gần nhất. Không có cơ sở thì không đoán."
                    : "How: a criterion with a plan takes the plan's projected finish (from actual progress); without one, how long the criterion took elsewhere in the province (counting units still at it, given how long it has been open here); where the province's record is too thin, the unit's own pace of gaining criteria over the last 3 years. Without a basis, no guess."
        backtestHeading = vi ? "Kiểm chứng dự báo với các năm trước" : "Back-test against past years"
        backtestNote = vi ? "Dự báo lập từ số liệu đến 30/06 của năm, so với kết quả ngày 31/12 cùng năm." : "Forecast from the records up to 30/06 of the year, compared with the standing on 31/12."
        year = vi ? "Năm" : "Year"
        cases = vi ? "Số đơn vị dự báo" : "Units forecast"
        hits = vi ? "Dự báo đúng" : "Correct"
        rate = vi ? "Tỷ lệ đúng" : "Hit rate"
        allocationHeading = vi ? "Phân bổ vốn chưa xác định nguồn" : "Allocating the unidentified money"
        amountLabel = vi ? "Số tiền có thể phân bổ (tỷ đồng)" : "Amount to allocate (bn đồng, Vietnamese notation: 1.017,4)"
        pledgesLabel = vi ? "Tính cả tiền đơn vị đỡ đầu đã cam kết chưa chuyển" : "Count sponsors' pledged, undelivered money"
        assumeLabel = vi ? "Coi mọi xã kịp ngày đích khi có vốn (bỏ qua dự báo)" : "Treat every unit as in time once funded (ignore the forecast)"
        compute = vi ? "Tính phân bổ" : "Allocate"
        optimalLabel = vi ? "Phân bổ tối ưu" : "Optimal allocation"
        greedyLabel = vi ? "Cách quen thuộc (ưu tiên xã nhiều tiêu chí đạt nhất)" : "The usual way (units closest to standard first)"
        chosenHeading = vi ? "Khoản được bố trí" : "Gaps funded"
        criterion = vi ? "Tiêu chí" : "Criterion"
        amountColumn = vi ? "Số tiền (tỷ đồng)" : "Amount (bn đồng)"
        curveTitle = vi ? "Số đơn vị đạt chuẩn theo số tiền" : "Units at standard against money"
        curveX = vi ? "tỷ đồng" : "bn đồng"
        curveY = vi ? "đơn vị" : "units"
        whatIfHeading = vi ? "Giả định (không lưu)" : "What if (nothing saved)"
        whatIfNote = vi ? "Đánh dấu tiêu chí giả định đã đạt rồi bấm Xem: điểm, tổng của huyện, tiêu chí của huyện và dự báo ở trên tính lại theo giả định. Đường dẫn của trang giữ các giả định để gửi hoặc in."
                        : "Tick criteria to suppose met, then Show: scores, the district total, the district's own criteria and the forecast above are recomputed. The page's link keeps the ticks, to share or print."
        apply = vi ? "Xem" : "Show"
        clear = vi ? "Bỏ mọi giả định" : "Clear every supposition"
        share = vi ? "Đường dẫn chia sẻ" : "Link to share"
        printPage = vi ? "In" : "Print"
        targetLabel = vi ? "Ngày đích" : "Target date"
        before = vi ? "Hiện tại" : "Now"
        after = vi ? "Theo giả định" : "Supposed"
        scenarioName = vi ? "Tên giả định" : "Scenario name"
        save = vi ? "Lưu giả định" : "Save scenario"
        savedHeading = vi ? "Giả định đã lưu" : "Saved scenarios"
        supposedOnLabel = vi ? "Giả định đạt vào ngày (để trống: ngay ngày đang xem)" : "Supposed met on (empty: the day looked at)"
    }
}
