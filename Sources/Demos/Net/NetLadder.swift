import Basics
import Models

/// A ladder (sequence) diagram with any number of lanes, for the net demos' terminal views.
///
/// Each message takes two lines: its label, then an arrow from the sender's lane to the
/// receiver's. Notes sit beside one lane; banners span the width.
struct NetLadder {
    enum Row {
        case message(from: Int, to: Int, label: String)
        case note(lane: Int, text: String)
        case banner(String)
        /// A frame every lane receives: arrows from the sender to both edges, `+` at receivers.
        case broadcast(from: Int, label: String)
    }

    var lanes: [String]
    var rows: [Row] = []

    init(lanes: [String]) {
        self.lanes = lanes
    }

    mutating func message(from: Int, to: Int, _ label: String) {
        rows.append(.message(from: from, to: to, label: label))
    }
    mutating func note(at lane: Int, _ text: String) { rows.append(.note(lane: lane, text: text)) }
    mutating func banner(_ text: String) { rows.append(.banner(text)) }
    mutating func broadcast(from: Int, _ label: String) { rows.append(.broadcast(from: from, label: label)) }

    func render(width: Int, paint: Paint) -> [String] {
        let width = min(max(width, 60), 100)
        let spacing = lanes.count > 1 ? min(24, (width - 6) / (lanes.count - 1)) : 0
        let centers = lanes.indices.map { 3 + $0 * spacing }
        let totalWidth = (centers.last ?? 3) + 3

        func blank() -> [Character] {
            var line = [Character](repeating: " ", count: max(totalWidth, width))
            for center in centers { line[center] = "|" }
            return line
        }
        func finish(_ line: [Character]) -> String {
            var text = String(line)
            while text.last == " " { text.removeLast() }
            return text
        }
        func place(_ text: String, at column: Int, in line: inout [Character]) {
            let room = line.count - column
            var characters = Array(text)
            if characters.count > room { characters = Array(characters.prefix(room - 1)) + ["~"] }
            for (offset, character) in characters.enumerated() { line[column + offset] = character }
        }

        var out: [String] = []
        var header = [Character](repeating: " ", count: max(totalWidth, width))
        for (index, name) in lanes.enumerated() {
            let short = String(name.prefix(max(spacing - 1, 6)))
            let start = max(0, min(centers[index] - short.count / 2, header.count - short.count))
            for (offset, character) in short.enumerated() { header[start + offset] = character }
        }
        out.append(paint.bold(finish(header)))
        out.append(finish(blank()))
        for row in rows {
            switch row {
            case .message(let from, let to, let label):
                var labelLine = blank()
                let left = min(centers[from], centers[to])
                place(label, at: left + 2, in: &labelLine)
                out.append(finish(labelLine))
                var arrow = blank()
                let right = max(centers[from], centers[to])
                for column in (left + 1)..<right { arrow[column] = "-" }
                if to > from { arrow[right - 1] = ">" } else { arrow[left + 1] = "<" }
                out.append(paint.cyan(finish(arrow)))
            case .broadcast(let from, let label):
                var labelLine = blank()
                place(label, at: centers[0] + 2, in: &labelLine)
                out.append(finish(labelLine))
                var arrow = blank()
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
                out.append(paint.cyan(finish(arrow)))
            case .note(let lane, let text):
                var line = blank()
                place("* " + text, at: centers[lane] + 2, in: &line)
                out.append(paint.dim(finish(line)))
            case .banner(let text):
                out.append(
                    paint.bold("-- " + text + " " + String(repeating: "-", count: max(0, width - text.count - 5))))
            }
        }
        return out
    }
}
