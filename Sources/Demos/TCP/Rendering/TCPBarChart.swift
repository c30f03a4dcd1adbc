import Basics
import Foundation
import Models

/// A vertical bar chart of a series for a terminal, with eighth-block resolution and an
/// optional mark per column (ssthresh, drawn as `-` where the bar does not reach it).
struct TCPBarChart {
    var values: [Double]
    var marks: [Double?]
    var labels: [Int]

    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    func render(height: Int, width: Int, style: RenderStyle) -> [String] {
        guard !values.isEmpty else { return [] }
        let axisWidth = 6
        let available = max(10, min(width, 120) - axisWidth - 1)
        // Several rounds share a column when there are more rounds than columns.
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
        // Round numbers under the axis, every few columns so they do not collide.
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
        lines.append(
            String(repeating: " ", count: axisWidth) + " round" + (marks.contains { $0 != nil } ? "   (- marks ssthresh)" : ""))
        return lines
    }
}
