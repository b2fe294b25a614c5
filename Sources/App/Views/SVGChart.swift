import NTMDomain

/// Server-drawn SVG charts: no script, prints as it shows.
enum SVGChart {
    struct Bar {
        var label: String
        var value: Int
        var maximum: Int
    }

    /// One horizontal bar per row, value against maximum, the figure written at the bar's end.
    static func horizontalBars(_ bars: [Bar], title: String, language: Language) -> String {
        let rowHeight = 22, labelWidth = 150, barWidth = 360, top = 28
        let height = top + bars.count * rowHeight + 8
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\" role=\"img\" aria-label=\"\(escape(title))\">"
        svg += "<title>\(escape(title))</title>"
        svg += "<text x=\"0\" y=\"16\" class=\"chart-title\">\(escape(title))</text>"
        for (i, bar) in bars.enumerated() {
            let y = top + i * rowHeight
            let width = bar.maximum > 0 ? barWidth * bar.value / bar.maximum : 0
            let css = bar.maximum > 0 && bar.value == bar.maximum ? "bar-full" : "bar"
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" class=\"chart-label\">\(escape(bar.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(barWidth)\" height=\"16\" class=\"bar-track\"/>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"16\" class=\"\(css)\"/>"
            svg += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 15)\" class=\"chart-value\">\(bar.value)/\(bar.maximum)</text>"
        }
        return svg + "</svg>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension SVGChart {
    /// A step line "k units for this much money" (the allocation's trade-off curve), with the
    /// budget marked. `points[k]` is the money that completes k units.
    static func stepCurve(_ points: [Dong], budget: Dong?, title: String, xLabel: String, yLabel: String, language: Language) -> String {
        let width = 560, height = 240, left = 44, bottom = 30, top = 24, right = 16
        let plotW = width - left - right, plotH = height - top - bottom
        let maxMoney = max(points.last ?? 0, budget ?? 0, 1), maxCount = max(points.count - 1, 1)
        func x(_ money: Dong) -> Int { left + Int(Double(money) / Double(maxMoney) * Double(plotW)) }
        func y(_ count: Int) -> Int { top + plotH - count * plotH / maxCount }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\">"
        svg += "<title>\(escape(title))</title><text x=\"0\" y=\"14\" class=\"chart-title\">\(escape(title))</text>"
        svg += "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(left + plotW)\" y2=\"\(top + plotH)\" class=\"axis\"/>"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotH)\" class=\"axis\"/>"
        var path = "M\(x(0)),\(y(0))"
        for k in 1..<max(points.count, 1) { path += " H\(x(points[k])) V\(y(k))" }
        svg += "<path d=\"\(path)\" class=\"curve\" fill=\"none\"/>"
        if let budget {
            svg += "<line x1=\"\(x(budget))\" y1=\"\(top)\" x2=\"\(x(budget))\" y2=\"\(top + plotH)\" class=\"budget\"/>"
            svg += "<text x=\"\(x(budget) + 4)\" y=\"\(top + 12)\" class=\"chart-label\">\(MoneyFormat.billions(budget, language: language))</text>"
        }
        svg += "<text x=\"\(left + plotW)\" y=\"\(height - 6)\" text-anchor=\"end\" class=\"chart-label\">\(MoneyFormat.billions(maxMoney, language: language)) \(escape(xLabel))</text>"
        svg += "<text x=\"\(left - 4)\" y=\"\(top + 4)\" text-anchor=\"end\" class=\"chart-label\">\(maxCount)</text>"
        svg += "<text x=\"\(left - 4)\" y=\"\(top + plotH)\" text-anchor=\"end\" class=\"chart-label\">0</text>"
        svg += "<text x=\"\(left + 4)\" y=\"\(top - 4)\" class=\"chart-label\">\(escape(yLabel))</text>"
        return svg + "</svg>"
    }
}
