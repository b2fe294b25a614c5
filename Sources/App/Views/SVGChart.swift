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
