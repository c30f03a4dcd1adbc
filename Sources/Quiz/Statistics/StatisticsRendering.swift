import Foundation

/// Text for the dashboard and `netprep stats`, plain or with ANSI colour.
public enum StatisticsRendering {
    public static func dashboard(_ summary: DashboardSummary, color: Bool) -> String {
        func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[22m" : text }
        var lines: [String] = []
        lines.append(bold("netprep: today"))
        lines.append("  due now      \(summary.dueNow)")
        lines.append("  due today    \(summary.dueToday)")
        lines.append("  new          \(summary.newAvailable)")
        lines.append("  learning     \(summary.learning)")
        lines.append("  streak       \(summary.streak) day\(summary.streak == 1 ? "" : "s")")
        if !summary.weakest.isEmpty {
            lines.append("")
            lines.append(bold("weakest topics"))
            for topic in summary.weakest {
                lines.append(
                    "  \(pad(topic.topic, 28)) \(percent(topic.meanRetrievability)) recall (\(topic.reviewed) of \(topic.cards) cards reviewed)"
                )
            }
        }
        lines.append("")
        if summary.dueNow + summary.newAvailable > 0 {
            lines.append("Start with: netprep quiz")
        } else {
            lines.append("Nothing due. netprep stats shows what is coming.")
        }
        return lines.joined(separator: "\n")
    }

    public static func report(_ report: StatsReport, color: Bool, width: Int = 80) -> String {
        func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[22m" : text }
        var lines: [String] = []
        let total = report.reviewsPerDay.reduce(0) { $0 + $1.reviews }
        lines.append(bold("Reviews per day, last 30 days") + " (\(total) in all)")
        lines += chart(report.reviewsPerDay.map(\.reviews), height: 6, color: color)
        lines.append(axis(first: String(report.reviewsPerDay.first?.date.suffix(5) ?? ""), last: "today", count: 30))
        lines.append("")
        if let retention = report.trueRetention {
            lines.append(
                bold("True retention")
                    + ": \(percent(retention)) of \(report.retentionReviews) reviews of graduated cards (30 days)")
        } else {
            lines.append(bold("True retention") + ": no reviews of graduated cards in the last 30 days")
        }
        lines.append("")
        let due = report.forecast.reduce(0, +)
        lines.append(bold("Due in the next 30 days") + " (\(due) reviews; today includes overdue)")
        lines += chart(report.forecast, height: 6, color: color)
        lines.append(axis(first: "today", last: "+29d", count: 30))
        lines.append("")
        lines.append(bold("Mastery per topic") + " (mean predicted recall over all cards)")
        for topic in report.mastery {
            let barWidth = 20
            let filled = Int((topic.mastery * Double(barWidth)).rounded())
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: barWidth - filled)
            lines.append(
                "  \(pad(topic.topic, 16)) \(color ? "\u{1B}[32m\(bar)\u{1B}[39m" : bar) \(percent(topic.mastery))  \(topic.reviewed)/\(topic.cards) reviewed"
            )
        }
        return lines.joined(separator: "\n")
    }

    /// A vertical bar chart, one column per value, `height` rows, eighth blocks on top, with the
    /// maximum written at the right of the top row.
    public static func chart(_ values: [Int], height: Int, color: Bool) -> [String] {
        let maximum = max(values.max() ?? 0, 1)
        let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        var rows: [String] = []
        for row in (0..<height).reversed() {
            var line = "  "
            for value in values {
                let eighths = Int((Double(value) / Double(maximum) * Double(height * 8)).rounded())
                let inRow = min(8, max(0, eighths - row * 8))
                let block = value > 0 && row == 0 && inRow == 0 ? "▁" : blocks[inRow]
                line.append(block)
            }
            if row == height - 1 { line += "  \(values.max() ?? 0)" }
            if row == 0 { line += "  0" }
            rows.append(color ? "\u{1B}[36m\(line)\u{1B}[39m" : line)
        }
        return rows.map { line in
            var trimmed = line
            while trimmed.hasSuffix(" ") { trimmed.removeLast() }
            return trimmed
        }
    }

    static func axis(first: String, last: String, count: Int) -> String {
        let gap = max(1, count - first.count - last.count)
        return "  " + first + String(repeating: " ", count: gap) + last
    }

    static func percent(_ value: Double) -> String {
        String(format: "%3.0f%%", value * 100)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let used = TerminalText.width(of: text)
        return used >= width ? text : text + String(repeating: " ", count: width - used)
    }
}
