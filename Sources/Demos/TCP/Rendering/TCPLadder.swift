import Basics
import Models

/// A ladder (sequence) diagram for a terminal: time, the left endpoint's state, the arrows
/// between the two endpoints, the right endpoint's state.
///
/// Arrows are drawn at the moment a segment is sent; a state column shows a state when it
/// changes. Plain ASCII so that any terminal and any log shows it the same way.
struct TCPLadder {
    enum Row {
        /// A segment sent left to right (`rightward`) or back, labelled, possibly lost on the way.
        case arrow(time: Double?, rightward: Bool, label: String, lost: Bool)
        /// A state change of one endpoint.
        case state(time: Double?, left: String?, right: String?)
        /// A remark across the middle (a timer firing, an application call).
        case note(time: Double?, text: String)
    }

    var leftTitle: String
    var rightTitle: String
    var rows: [Row] = []
    var timeUnit: String = "t (s)"

    static let timeWidth = 9
    static let stateWidth = 12

    func render(style: RenderStyle) -> String {
        let middle = max(30, min(style.width, 100) - Self.timeWidth - 2 * Self.stateWidth - 3)
        var lines: [String] = []
        lines.append(
            TCPText.pad(timeUnit, Self.timeWidth, right: true) + " " + TCPText.pad(leftTitle, Self.stateWidth) + " "
                + TCPText.pad("", middle) + " " + rightTitle)
        for row in rows {
            switch row {
            case .arrow(let time, let rightward, let label, let lost):
                lines.append(
                    timeColumn(time) + " " + TCPText.pad("", Self.stateWidth) + " "
                        + arrow(label: label, rightward: rightward, lost: lost, width: middle, style: style))
            case .state(let time, let left, let right):
                let leftText = left.map { Paint(style).bold($0) } ?? ""
                let leftPad = String(repeating: " ", count: max(0, Self.stateWidth - (left?.count ?? 0)))
                let line =
                    timeColumn(time) + " " + leftText + leftPad + " " + TCPText.pad("", middle) + " "
                    + (right.map { Paint(style).bold($0) } ?? "")
                lines.append(trimRight(line))
            case .note(let time, let text):
                let room = max(20, min(style.width, 100) - Self.timeWidth - Self.stateWidth - 2)
                for (index, piece) in wrap("(\(text))", width: room).enumerated() {
                    let column = index == 0 ? timeColumn(time) : TCPText.pad("", Self.timeWidth)
                    lines.append(trimRight(column + " " + TCPText.pad("", Self.stateWidth) + " " + Paint(style).dim(piece)))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func timeColumn(_ time: Double?) -> String {
        TCPText.pad(time.map { TCPText.seconds($0) } ?? "", Self.timeWidth, right: true)
    }

    private func arrow(label: String, rightward: Bool, lost: Bool, width: Int, style: RenderStyle) -> String {
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

    private func trimRight(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
