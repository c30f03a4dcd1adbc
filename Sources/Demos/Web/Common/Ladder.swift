import Basics
import Models

/// Draws message exchanges as a ladder diagram: one vertical line per party, one arrow per
/// message, notes under it. Plain text within `width` columns; ANSI colour only when asked.
struct Ladder {
    private let parties: [String]
    private let width: Int
    private let color: Bool
    private let columns: [Int]
    private(set) var lines: [String] = []

    init(parties: [String], style: RenderStyle, title: String? = nil) {
        self.parties = parties
        self.width = min(style.width, 80)
        self.color = style.color
        let left = 6
        let right = width - 10
        if parties.count == 1 {
            columns = [left]
        } else {
            columns = parties.indices.map { left + $0 * (right - left) / (parties.count - 1) }
        }
        if let title { emit(title.count > width ? String(title.prefix(width - 3)) + "..." : title, bold: true) }
        var names = Array(repeating: Character(" "), count: width)
        for (index, name) in parties.enumerated() {
            let start = max(0, min(width - name.count, columns[index] - name.count / 2))
            for (offset, char) in name.enumerated() where start + offset < width {
                names[start + offset] = char
            }
        }
        emit(trimmed(names), bold: true)
        emit(bars(), bold: false)
    }

    private func bars() -> String {
        var line = Array(repeating: Character(" "), count: width)
        for column in columns { line[column] = "|" }
        return trimmed(line)
    }

    private func trimmed(_ line: [Character]) -> String {
        var text = String(line)
        while text.last == " " { text.removeLast() }
        return text
    }

    private func overlay(_ text: String, at start: Int, on line: inout [Character]) {
        for (offset, char) in text.enumerated() where start + offset < width {
            line[start + offset] = char
        }
    }

    private mutating func emit(_ line: String, bold: Bool = false, red: Bool = false, green: Bool = false) {
        guard color else {
            lines.append(line)
            return
        }
        if red {
            lines.append(Paint(enabled: true).red(line))
        } else if green {
            lines.append(Paint(enabled: true).green(line))
        } else if bold {
            lines.append(Paint(enabled: true).bold(line))
        } else {
            lines.append(line)
        }
    }

    /// One message: its label above the arrow, `tag` (a round-trip count, say) at the right
    /// end, and `notes` under it.
    mutating func message(
        from: Int, to: Int, label: String, tag: String? = nil, notes: [String] = [], failed: Bool = false
    ) {
        let low = min(columns[from], columns[to])
        let high = max(columns[from], columns[to])
        var labelLine = Array(bars())
        labelLine += Array(repeating: " ", count: width - labelLine.count)
        if from < to {
            overlay(label, at: low + 2, on: &labelLine)
        } else {
            overlay(label, at: max(low + 2, high - 1 - label.count), on: &labelLine)
        }
        emit(trimmed(labelLine), bold: true, red: failed)
        var arrow = Array(bars())
        arrow += Array(repeating: " ", count: width - arrow.count)
        for x in (low + 1)..<high { arrow[x] = "-" }
        if from < to { arrow[high - 1] = ">" } else { arrow[low + 1] = "<" }
        if let tag { overlay(tag, at: columns.last! + 2, on: &arrow) }
        emit(trimmed(arrow), red: failed)
        for note in notes { self.note(note, at: low + 2) }
    }

    /// A line of text over the ladder, starting at column `start` (by default under the
    /// first party's line).
    mutating func note(_ text: String, at start: Int? = nil, red: Bool = false, green: Bool = false) {
        var line = Array(bars())
        line += Array(repeating: " ", count: width - line.count)
        let begin = start ?? (columns[0] + 2)
        let room = width - begin
        let shown = text.count > room ? String(text.prefix(max(room - 3, 0))) + "..." : text
        overlay(shown, at: begin, on: &line)
        emit(trimmed(line), red: red, green: green)
    }

    /// A full-width line below the diagram (results, summaries).
    mutating func footer(_ text: String, red: Bool = false, green: Bool = false) {
        let shown = text.count > width ? String(text.prefix(width - 3)) + "..." : text
        emit(shown, red: red, green: green)
    }

    mutating func gap() { emit(bars()) }

    var text: String { lines.joined(separator: "\n") }
}
