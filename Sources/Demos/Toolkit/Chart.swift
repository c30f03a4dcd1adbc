import Basics
import Foundation
import Models

/// A chart of one or more series over a common x axis (rounds, samples): the congestion
/// window per round, the RTO per sample, the nodes informed per gossip round. Drawn as bars
/// in a terminal (`terminalBars`) and as lines in SVG (`svg()`) from the same value.
public struct Chart: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public var name: String
        /// One value per x; nil where the series has none (ssthresh before the first loss).
        public var values: [Double?]

        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// The x of each point (round numbers, sample numbers).
    public var x: [Double]
    /// The first series is the main one (the bars in a terminal); later ones are marks.
    public var series: [Series]

    public init(title: String, xLabel: String, yLabel: String, x: [Double], series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.series = series
    }

    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A vertical bar chart of the first series with eighth-block resolution, the second series
    /// drawn as `-` where a bar does not reach it; x values under the axis.
    public func terminalBars(height: Int, width: Int, style: RenderStyle) -> [String] {
        let values = series.first?.values.map { $0 ?? 0 } ?? []
        let marks = series.count > 1 ? series[1].values : Array(repeating: nil, count: values.count)
        let labels = x.map { Int($0) }
        guard !values.isEmpty else { return [] }
        let axisWidth = 6
        let available = max(10, min(width, 120) - axisWidth - 1)
        // Several points share a column when there are more points than columns.
        let perColumn = max(1, (values.count + available - 1) / available)
        let columns = stride(from: 0, to: values.count, by: perColumn).map { start -> (Double, Double?, Int) in
            let end = min(values.count, start + perColumn)
            return (values[start..<end].max()!, marks[start..<end].compactMap { $0 }.max(), labels[start])
        }
        let columnWidth = max(1, min(3, available / columns.count))
        let top = max(columns.map { max($0.0, $0.1 ?? 0) }.max()!, 1)
        var lines: [String] = []
        for row in stride(from: height, to: 0, by: -1) {
            let level = top * Double(row) / Double(height)
            let below = top * Double(row - 1) / Double(height)
            var line =
                row == height || row == 1 || row == height / 2
                ? TCPText.pad(TCPText.number(level, digits: 1), axisWidth - 1, right: true) + " |"
                : String(repeating: " ", count: axisWidth) + "|"
            for (value, mark, _) in columns {
                var cell: String
                if value >= level {
                    cell = "█"
                } else if value > below {
                    let fraction = (value - below) / (level - below)
                    cell = String(Self.eighths[max(1, min(8, Int((fraction * 8).rounded())))])
                } else if let mark, mark > below, mark <= level {
                    cell = "-"
                } else {
                    cell = " "
                }
                let filled =
                    cell == "-"
                    ? String(repeating: "-", count: columnWidth) : String(repeating: cell, count: max(1, columnWidth - 1))
                line += cell == "-" ? filled : (columnWidth > 1 ? filled + " " : filled)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(style.color ? line.replacingOccurrences(of: "-", with: Paint(style).yellow("-")) : line)
        }
        lines.append(String(repeating: " ", count: axisWidth) + "+" + String(repeating: "-", count: columns.count * columnWidth))
        // The x values under the axis, every few columns so they do not collide.
        var labelLine = Array(repeating: Character(" "), count: axisWidth + 1 + columns.count * columnWidth + 4)
        var nextFree = 0
        for (index, column) in columns.enumerated() {
            let text = Array(String(column.2))
            let position = axisWidth + 1 + index * columnWidth
            guard position >= nextFree, position + text.count <= labelLine.count else { continue }
            for (offset, character) in text.enumerated() { labelLine[position + offset] = character }
            nextFree = position + text.count + 1
        }
        lines.append(String(labelLine).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
        let marked = series.count > 1 && marks.contains { $0 != nil }
        lines.append(String(repeating: " ", count: axisWidth) + " \(xLabel)" + (marked ? "   (- marks \(series[1].name))" : ""))
        return lines
    }
}
