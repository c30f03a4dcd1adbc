import Basics
import Models

extension Ladder {
    /// How a ladder is laid out in a terminal.
    public enum TerminalLayout: Sendable {
        /// Two parties, a time column and each side's state beside the arrows (TCP).
        case timeline(unit: String)
        /// Any number of lanes close together, each message a label over its arrow (DNS, ARP).
        case compact
        /// Lanes spread across the width, a message's notes under it, tags at the right edge,
        /// then the footer (TLS, web sign-in flows).
        case spread
    }

    /// The diagram as one text ending in a newline.
    public func text(_ layout: TerminalLayout, style: RenderStyle) -> String {
        terminal(layout, style: style).joined(separator: "\n") + "\n"
    }

    /// The lines to print, plain ASCII apart from ANSI colour when `style` allows it.
    public func terminal(_ layout: TerminalLayout, style: RenderStyle) -> [String] {
        switch layout {
        case .timeline(let unit): return TimelineLayout(ladder: self, unit: unit, style: style).render()
        case .compact: return CompactLayout(ladder: self, width: style.width, paint: Paint(style)).render()
        case .spread: return SpreadLayout(ladder: self, style: style).render()
        }
    }
}

/// Lines of characters with every lane's vertical bar, into which labels are written.
private struct Canvas {
    var width: Int
    var columns: [Int]

    func bars() -> [Character] {
        var line = [Character](repeating: " ", count: width)
        for column in columns where column < width { line[column] = "|" }
        return line
    }

    static func trimmed(_ line: [Character]) -> String { trimmed(String(line)) }

    static func trimmed(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}

// MARK: - Timeline (two parties with time and states)

private struct TimelineLayout {
    let ladder: Ladder
    let unit: String
    let style: RenderStyle

    static let timeWidth = 9
    static let stateWidth = 12

    func render() -> [String] {
        let middle = max(30, min(style.width, 100) - Self.timeWidth - 2 * Self.stateWidth - 3)
        let paint = Paint(style)
        var lines: [String] = []
        lines.append(
            TCPText.pad(unit, Self.timeWidth, right: true) + " " + TCPText.pad(ladder.lanes[0], Self.stateWidth) + " "
                + TCPText.pad("", middle) + " " + ladder.lanes[1])
        for row in ladder.rows {
            switch row {
            case .message(let from, let to, let label, let time, _, let lost, _):
                lines.append(
                    timeColumn(time) + " " + TCPText.pad("", Self.stateWidth) + " "
                        + arrow(label: label, rightward: to > from, lost: lost, width: middle))
            case .state(let time, let states):
                let left = states[0]
                let leftText = left.map { paint.bold($0) } ?? ""
                let leftPad = String(repeating: " ", count: max(0, Self.stateWidth - (left?.count ?? 0)))
                let line =
                    timeColumn(time) + " " + leftText + leftPad + " " + TCPText.pad("", middle) + " "
                    + (states[1].map { paint.bold($0) } ?? "")
                lines.append(Canvas.trimmed(line))
            case .note(_, let text, let time, _):
                let room = max(20, min(style.width, 100) - Self.timeWidth - Self.stateWidth - 2)
                for (index, piece) in wrap("(\(text))", width: room).enumerated() {
                    let column = index == 0 ? timeColumn(time) : TCPText.pad("", Self.timeWidth)
                    lines.append(Canvas.trimmed(column + " " + TCPText.pad("", Self.stateWidth) + " " + paint.dim(piece)))
                }
            case .banner(let text):
                lines.append(paint.bold(text))
            case .broadcast, .gap:
                lines.append("")
            }
        }
        return lines
    }

    private func timeColumn(_ time: Double?) -> String {
        TCPText.pad(time.map { TCPText.seconds($0) } ?? "", Self.timeWidth, right: true)
    }

    private func arrow(label: String, rightward: Bool, lost: Bool, width: Int) -> String {
        let text = " \(label) "
        let shaft = max(4, width - text.count - 1)
        let leading = 2
        let trailing = max(1, shaft - leading)
        var line: String
        if rightward {
            line = String(repeating: "-", count: leading) + text + String(repeating: "-", count: trailing) + ">"
            if lost { line = String(line.prefix(line.count - 5)) + "  X  " }
        } else {
            line = "<" + String(repeating: "-", count: trailing) + text + String(repeating: "-", count: leading)
            if lost { line = "  X  " + String(line.dropFirst(5)) }
        }
        return lost ? Paint(style).red(line) : line
    }

    /// Splits `text` at spaces into lines of at most `width` characters.
    private func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = " "
            }
            current += (current.isEmpty || current == " " ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

// MARK: - Compact (many lanes)

private struct CompactLayout {
    let ladder: Ladder
    let width: Int
    let paint: Paint

    func render() -> [String] {
        let lanes = ladder.lanes
        let width = min(max(self.width, 60), 100)
        let spacing = lanes.count > 1 ? min(24, (width - 6) / (lanes.count - 1)) : 0
        let centers = lanes.indices.map { 3 + $0 * spacing }
        let canvas = Canvas(width: max((centers.last ?? 3) + 3, width), columns: centers)

        func place(_ text: String, at column: Int, in line: inout [Character]) {
            let room = line.count - column
            var characters = Array(text)
            if characters.count > room { characters = Array(characters.prefix(room - 1)) + ["~"] }
            for (offset, character) in characters.enumerated() { line[column + offset] = character }
        }

        var out: [String] = []
        var header = [Character](repeating: " ", count: canvas.width)
        for (index, name) in lanes.enumerated() {
            let short = String(name.prefix(max(spacing - 1, 6)))
            let start = max(0, min(centers[index] - short.count / 2, header.count - short.count))
            for (offset, character) in short.enumerated() { header[start + offset] = character }
        }
        out.append(paint.bold(Canvas.trimmed(header)))
        out.append(Canvas.trimmed(canvas.bars()))
        for row in ladder.rows {
            switch row {
            case .message(let from, let to, let label, _, _, _, _):
                var labelLine = canvas.bars()
                let left = min(centers[from], centers[to])
                place(label, at: left + 2, in: &labelLine)
                out.append(Canvas.trimmed(labelLine))
                var arrow = canvas.bars()
                let right = max(centers[from], centers[to])
                for column in (left + 1)..<right { arrow[column] = "-" }
                if to > from { arrow[right - 1] = ">" } else { arrow[left + 1] = "<" }
                out.append(paint.cyan(Canvas.trimmed(arrow)))
            case .broadcast(let from, let label):
                var labelLine = canvas.bars()
                place(label, at: centers[0] + 2, in: &labelLine)
                out.append(Canvas.trimmed(labelLine))
                var arrow = canvas.bars()
                let first = centers[0]
                let last = centers[centers.count - 1]
                for column in first...last where column != centers[from] {
                    arrow[column] = centers.contains(column) ? "+" : "-"
                }
                if from > 0 {
                    arrow[first] = "|"
                    arrow[first + 1] = "<"
                }
                if from < lanes.count - 1 {
                    arrow[last] = "|"
                    arrow[last - 1] = ">"
                }
                out.append(paint.cyan(Canvas.trimmed(arrow)))
            case .note(let lane, let text, _, _):
                var line = canvas.bars()
                place("* " + text, at: centers[lane ?? 0] + 2, in: &line)
                out.append(paint.dim(Canvas.trimmed(line)))
            case .banner(let text):
                out.append(paint.bold("-- " + text + " " + String(repeating: "-", count: max(0, width - text.count - 5))))
            case .state(_, let states):
                var line = canvas.bars()
                for (lane, state) in states.sorted(by: { $0.key < $1.key }) {
                    place("[\(state)]", at: centers[lane] + 2, in: &line)
                }
                out.append(paint.bold(Canvas.trimmed(line)))
            case .gap:
                out.append(Canvas.trimmed(canvas.bars()))
            }
        }
        out += ladder.footer.map { paint.tinted($0.text, $0.tone) }
        return out
    }
}

// MARK: - Spread (lanes across the width)

private struct SpreadLayout {
    let ladder: Ladder
    let width: Int
    let paint: Paint
    let canvas: Canvas

    init(ladder: Ladder, style: RenderStyle) {
        self.ladder = ladder
        width = min(style.width, 80)
        paint = Paint(style)
        let left = 6
        let right = width - 10
        let columns =
            ladder.lanes.count == 1
            ? [left] : ladder.lanes.indices.map { left + $0 * (right - left) / (ladder.lanes.count - 1) }
        canvas = Canvas(width: width, columns: columns)
    }

    func render() -> [String] {
        var lines: [String] = []
        if let title = ladder.title {
            lines.append(paint.bold(title.count > width ? String(title.prefix(width - 3)) + "..." : title))
        }
        var names = [Character](repeating: " ", count: width)
        for (index, name) in ladder.lanes.enumerated() {
            let start = max(0, min(width - name.count, canvas.columns[index] - name.count / 2))
            for (offset, char) in name.enumerated() where start + offset < width { names[start + offset] = char }
        }
        lines.append(paint.bold(Canvas.trimmed(names)))
        lines.append(Canvas.trimmed(canvas.bars()))
        for row in ladder.rows {
            switch row {
            case .message(let from, let to, let label, _, let tag, let lost, let tone):
                lines += message(from: from, to: to, label: label, tag: tag, failed: tone == .failed || lost)
            case .note(let lane, let text, _, let tone):
                var line = canvas.bars()
                let begin = canvas.columns[lane ?? 0] + 2
                let room = width - begin
                let shown = text.count > room ? String(text.prefix(max(room - 3, 0))) + "..." : text
                overlay(shown, at: begin, on: &line)
                lines.append(paint.tinted(Canvas.trimmed(line), tone))
            case .broadcast(let from, let label):
                for to in ladder.lanes.indices where to != from {
                    lines += message(from: from, to: to, label: label, tag: nil, failed: false)
                }
            case .state(_, let states):
                var line = canvas.bars()
                for (lane, state) in states.sorted(by: { $0.key < $1.key }) {
                    overlay("[\(state)]", at: canvas.columns[lane] + 2, on: &line)
                }
                lines.append(paint.bold(Canvas.trimmed(line)))
            case .banner(let text):
                lines.append(paint.bold(text.count > width ? String(text.prefix(width - 3)) + "..." : text))
            case .gap:
                lines.append(Canvas.trimmed(canvas.bars()))
            }
        }
        for line in ladder.footer {
            lines.append(
                paint.tinted(line.text.count > width ? String(line.text.prefix(width - 3)) + "..." : line.text, line.tone))
        }
        return lines
    }

    /// A message: its label over the arrow (right-aligned when it goes left), its tag at the
    /// right edge.
    private func message(from: Int, to: Int, label: String, tag: String?, failed: Bool) -> [String] {
        let low = min(canvas.columns[from], canvas.columns[to])
        let high = max(canvas.columns[from], canvas.columns[to])
        var labelLine = canvas.bars()
        overlay(label, at: from < to ? low + 2 : max(low + 2, high - 1 - label.count), on: &labelLine)
        var arrow = canvas.bars()
        for x in (low + 1)..<high { arrow[x] = "-" }
        if from < to { arrow[high - 1] = ">" } else { arrow[low + 1] = "<" }
        if let tag { overlay(tag, at: canvas.columns.last! + 2, on: &arrow) }
        return [
            failed ? paint.red(Canvas.trimmed(labelLine)) : paint.bold(Canvas.trimmed(labelLine)),
            failed ? paint.red(Canvas.trimmed(arrow)) : Canvas.trimmed(arrow),
        ]
    }

    private func overlay(_ text: String, at start: Int, on line: inout [Character]) {
        for (offset, char) in text.enumerated() where start + offset < width { line[start + offset] = char }
    }
}

extension Paint {
    /// `text` as its tone reads: red for a failure, green for a success.
    func tinted(_ text: String, _ tone: Ladder.Tone) -> String {
        switch tone {
        case .plain: return text
        case .failed: return red(text)
        case .good: return green(text)
        }
    }
}
