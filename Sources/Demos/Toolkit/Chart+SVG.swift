import Foundation

extension Chart {
    /// The chart as a standalone SVG document: axes with round-numbered ticks, one line per
    /// series (the first solid, the others dashed), a dot per point when there are few, and a
    /// legend. Text only as escaped SVG text; no scripts, no outside references.
    public func svg() -> String {
        let width = 720.0
        let height = 380.0
        let left = 64.0
        let right = width - 24
        let top = 68.0
        let bottom = height - 56
        let values = series.flatMap { $0.values.compactMap { $0 } }
        let yTop = Self.niceCeiling(max(values.max() ?? 1, 1e-9))
        let xLow = x.min() ?? 0
        let xHigh = max(x.max() ?? 1, xLow + 1)
        func px(_ value: Double) -> Double { left + (value - xLow) / (xHigh - xLow) * (right - left) }
        func py(_ value: Double) -> Double { bottom - value / yTop * (bottom - top) }
        let colours = ["#1f6feb", "#bf8700", "#1a7f37", "#cf222e", "#8250df"]

        var body: [String] = []
        body.append(text(title, x: left, y: 28, attributes: "class=\"title\""))
        // Horizontal grid and y ticks.
        for step in 0...4 {
            let value = yTop * Double(step) / 4
            let y = py(value)
            body.append("<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(right))\" y2=\"\(n(y))\"/>")
            body.append(text(Self.label(value), x: left - 8, y: y + 4, attributes: "class=\"tick\" text-anchor=\"end\""))
        }
        // x ticks: at most about ten, on whole steps.
        let span = xHigh - xLow
        let xStep = max(1, Self.niceCeiling(span / 10))
        var tick = (xLow / xStep).rounded(.up) * xStep
        while tick <= xHigh + 1e-9 {
            body.append(
                "<line class=\"axis\" x1=\"\(n(px(tick)))\" y1=\"\(n(bottom))\" x2=\"\(n(px(tick)))\" y2=\"\(n(bottom + 5))\"/>")
            body.append(text(Self.label(tick), x: px(tick), y: bottom + 20, attributes: "class=\"tick\" text-anchor=\"middle\""))
            tick += xStep
        }
        body.append("<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(right))\" y2=\"\(n(bottom))\"/>")
        body.append("<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(bottom))\"/>")
        body.append(
            text(xLabel, x: (left + right) / 2, y: height - 14, attributes: "class=\"axis-label\" text-anchor=\"middle\""))
        body.append(
            text(
                yLabel, x: 16, y: (top + bottom) / 2,
                attributes: "class=\"axis-label\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(n((top + bottom) / 2)))\""))
        // The series: a polyline for each run of points that have a value.
        for (index, one) in series.enumerated() {
            let colour = colours[index % colours.count]
            let dash = index == 0 ? "" : " stroke-dasharray=\"6 4\""
            var run: [String] = []
            func flush() {
                if run.count > 1 {
                    body.append(
                        "<polyline class=\"series\" points=\"\(run.joined(separator: " "))\" stroke=\"\(colour)\"\(dash)/>")
                }
                run = []
            }
            for (position, value) in zip(x, one.values) {
                guard let value else {
                    flush()
                    continue
                }
                run.append("\(n(px(position))),\(n(py(value)))")
                if x.count <= 60 {
                    body.append("<circle cx=\"\(n(px(position)))\" cy=\"\(n(py(value)))\" r=\"2.5\" fill=\"\(colour)\"/>")
                }
            }
            flush()
            // The legend, in a row under the title.
            let legendX = left + series[..<index].map { 40 + Double($0.name.count) * 7.3 }.reduce(0, +)
            body.append(
                "<line x1=\"\(n(legendX))\" y1=\"\(n(44))\" x2=\"\(n(legendX + 24))\" y2=\"\(n(44))\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>"
            )
            body.append(text(one.name, x: legendX + 30, y: 48, attributes: "class=\"legend\""))
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12">
            <style>
            .title { font-weight: bold; font-size: 14px; }
            .grid { stroke: #eaeef2; }
            .axis { stroke: #57606a; }
            .tick, .axis-label, .legend { fill: #24292f; }
            .series { fill: none; stroke-width: 2; }
            </style>
            <rect width="100%" height="100%" fill="white"/>
            \(body.joined(separator: "\n"))
            </svg>

            """
    }

    /// The smallest of 1, 2 or 5 times a power of ten that is at least `value`.
    static func niceCeiling(_ value: Double) -> Double {
        let power = pow(10, (log10(value)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * power >= value * (1 - 1e-9) { return factor * power }
        return 10 * power
    }

    static func label(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.2f", value).replacingOccurrences(of: "\\.?0+$", with: "", options: .regularExpression)
    }

    private func text(_ content: String, x: Double, y: Double, attributes: String) -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" \(attributes)>\(SVGText.escape(content))</text>"
    }

    private func n(_ value: Double) -> String { SVGText.coordinate(value) }
}

/// Text for SVG documents.
public enum SVGText {
    /// A coordinate with at most one decimal: `12`, `12.5`.
    public static func coordinate(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// `text` with the characters XML reserves escaped and control characters (which XML 1.0
    /// does not allow) as spaces.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case _ where scalar.value < 0x20 && scalar != "\t": escaped += " "
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
