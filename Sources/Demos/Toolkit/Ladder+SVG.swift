import Basics
import Foundation

extension Ladder {
    /// The diagram as a standalone SVG document: a column per lane, an arrow per message
    /// (a lost one stops half way at a cross), notes in grey, states in boxes, the time of each
    /// step on the left when the run has one. Text only as SVG text, escaped; no scripts, no
    /// outside references, so a browser or an image viewer shows it as it is.
    public func svg() -> String {
        SVGLadder(ladder: self).document()
    }
}

private struct SVGLadder {
    let ladder: Ladder
    /// The right end of the widest text drawn so far.
    let extent = Extent()

    final class Extent {
        var right = 0.0
    }
    /// Room between two lanes: enough for the longest label of a message between neighbours.
    let laneSpacing: Double

    init(ladder: Ladder) {
        self.ladder = ladder
        var widest = 150.0
        for row in ladder.rows {
            if case .message(let from, let to, let label, _, _, _, _) = row, from != to {
                let span = Double(TextWidth.columns(of: label)) * Self.columnWidth + 30
                widest = max(widest, span / Double(abs(to - from)))
            }
        }
        laneSpacing = min(widest, ladder.lanes.count > 3 ? 220 : 360)
    }

    static let margin = 30.0
    static let timeColumn = 70.0
    static let fontSize = 13.0
    /// The advance of one column of the monospaced font at `fontSize` (a wide character takes two).
    static let columnWidth = 7.9

    var hasTime: Bool {
        ladder.rows.contains {
            switch $0 {
            case .message(_, _, _, let time, _, _, _), .note(_, _, let time, _), .state(let time, _): return time != nil
            default: return false
            }
        }
    }

    var left: Double { Self.margin + (hasTime ? Self.timeColumn : 0) + 60 }

    func x(_ lane: Int) -> Double { left + Double(lane) * laneSpacing }

    var rightEdge: Double {
        let tagRoom = ladder.rows.contains {
            if case .message(_, _, _, _, let tag, _, _) = $0 { return tag != nil } else { return false }
        }
        return x(max(ladder.lanes.count - 1, 0)) + 60 + (tagRoom ? 80 : 0) + Self.margin
    }

    func document() -> String {
        var body: [String] = []
        var y = Self.margin
        if let title = ladder.title {
            y += 16
            body.append(text(title, x: Self.margin, y: y, attributes: "class=\"title\""))
            y += 14
        }
        y += 18
        for (index, name) in ladder.lanes.enumerated() {
            body.append(text(name, x: x(index), y: y, attributes: "class=\"lane\" text-anchor=\"middle\""))
        }
        let laneTop = y + 8
        y += 22
        var rows: [String] = []
        for row in ladder.rows {
            switch row {
            case .message(let from, let to, let label, let time, let tag, let lost, let tone):
                y += 30
                let start = x(from)
                let end = x(to)
                let middle = (start + end) / 2
                rows.append(labelText(label, from: start, to: end, y: y - 5))
                let toneClass = tone == .failed ? " failed" : tone == .good ? " good" : ""
                if lost {
                    let stop = start + (end - start) * 0.7
                    rows.append(
                        "<line class=\"message lost\(toneClass)\" x1=\"\(n(start))\" y1=\"\(n(y))\" x2=\"\(n(stop))\" y2=\"\(n(y))\"/>"
                    )
                    rows.append(text("✕", x: stop, y: y + 6, attributes: "class=\"cross\" text-anchor=\"middle\""))
                } else {
                    rows.append(
                        "<line class=\"message\(toneClass)\" x1=\"\(n(start))\" y1=\"\(n(y))\" x2=\"\(n(end))\" y2=\"\(n(y))\" marker-end=\"url(#arrow)\"/>"
                    )
                }
                if let time { rows.append(timeLabel(time, y: y + 4)) }
                if let tag { rows.append(text(tag, x: x(ladder.lanes.count - 1) + 12, y: y + 4, attributes: "class=\"tag\"")) }
                y += 12
            case .broadcast(let from, let label):
                y += 26
                rows.append(text(label, x: x(from) + 8, y: y - 5, attributes: "class=\"label\""))
                for to in ladder.lanes.indices where to != from {
                    rows.append(
                        "<line class=\"message\" x1=\"\(n(x(from)))\" y1=\"\(n(y))\" x2=\"\(n(x(to)))\" y2=\"\(n(y))\" marker-end=\"url(#arrow)\"/>"
                    )
                }
                y += 12
            case .note(let lane, let note, let time, let tone):
                y += 17
                let toneClass = tone == .failed ? " failed" : tone == .good ? " good" : ""
                let start = lane.map { x($0) + 8 } ?? (x(0) + 8)
                rows.append(text(note, x: start, y: y, attributes: "class=\"note\(toneClass)\""))
                if let time { rows.append(timeLabel(time, y: y)) }
            case .state(let time, let states):
                guard !states.isEmpty else { continue }
                y += 24
                for (lane, state) in states.sorted(by: { $0.key < $1.key }) {
                    let width = Double(state.count) * 7.8 + 14
                    rows.append(
                        "<rect class=\"state\" x=\"\(n(x(lane) - width / 2))\" y=\"\(n(y - 15))\" width=\"\(n(width))\" height=\"20\" rx=\"4\"/>"
                    )
                    rows.append(text(state, x: x(lane), y: y, attributes: "class=\"state\" text-anchor=\"middle\""))
                }
                if let time { rows.append(timeLabel(time, y: y)) }
                y += 4
            case .banner(let banner):
                y += 26
                rows.append(
                    "<line class=\"banner\" x1=\"\(n(Self.margin))\" y1=\"\(n(y + 6))\" x2=\"\(n(rightEdge - Self.margin))\" y2=\"\(n(y + 6))\"/>"
                )
                rows.append(text(banner, x: Self.margin, y: y, attributes: "class=\"banner\""))
                y += 8
            case .gap:
                y += 12
            }
        }
        y += 16
        for lane in ladder.lanes.indices {
            body.append(
                "<line class=\"lifeline\" x1=\"\(n(x(lane)))\" y1=\"\(n(laneTop))\" x2=\"\(n(x(lane)))\" y2=\"\(n(y))\"/>")
        }
        body += rows
        for line in ladder.footer {
            y += 18
            let toneClass = line.tone == .failed ? " failed" : line.tone == .good ? " good" : ""
            body.append(text(line.text, x: Self.margin, y: y, attributes: "class=\"footer\(toneClass)\""))
        }
        y += Self.margin
        let width = max(rightEdge, 320, extent.right + Self.margin)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(y))" viewBox="0 0 \(n(width)) \(n(y))" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="\(n(Self.fontSize))">
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#1f6feb"/></marker></defs>
            <style>
            .title { font-weight: bold; font-size: 15px; }
            .lane { font-weight: bold; }
            .lifeline { stroke: #999; stroke-dasharray: 4 3; }
            .message { stroke: #1f6feb; stroke-width: 1.5; }
            .message.lost { stroke-dasharray: 5 3; }
            .failed { stroke: #cf222e; fill: #cf222e; }
            .message.failed { fill: none; }
            .good { fill: #1a7f37; }
            .cross { fill: #cf222e; font-weight: bold; font-size: 18px; }
            .note { fill: #57606a; }
            .tag, .time { fill: #8250df; }
            rect.state { fill: #f6f8fa; stroke: #57606a; }
            text.state { font-weight: bold; }
            .banner { font-weight: bold; stroke: #d0d7de; }
            text.banner { stroke: none; }
            </style>
            <rect width="100%" height="100%" fill="white"/>
            \(body.joined(separator: "\n"))
            </svg>

            """
    }

    /// A message's label: centred over its arrow, or from the arrow's left end when longer.
    private func labelPlace(_ label: String, from start: Double, to end: Double) -> (x: Double, middle: Bool) {
        let width = Double(TextWidth.columns(of: label)) * Self.columnWidth
        if width <= abs(end - start) - 16 { return ((start + end) / 2, true) }
        return (min(start, end) + 8, false)
    }

    private func labelText(_ label: String, from start: Double, to end: Double, y: Double) -> String {
        let (x, middle) = labelPlace(label, from: start, to: end)
        return text(label, x: x, y: y, attributes: middle ? "class=\"label\" text-anchor=\"middle\"" : "class=\"label\"")
    }

    /// The time of a step, on the left; `y` is the baseline of the step's text.
    private func timeLabel(_ time: Double, y: Double) -> String {
        text(
            String(format: "%.3f s", time), x: Self.margin + Self.timeColumn - 8, y: y,
            attributes: "class=\"time\" text-anchor=\"end\"")
    }

    /// An SVG text element; where it ends is kept, so that the picture is made wide enough.
    private func text(_ content: String, x: Double, y: Double, attributes: String) -> String {
        var span = Double(TextWidth.columns(of: content)) * Self.columnWidth
        if attributes.contains("class=\"title\"") { span *= 15 / 13 }
        let end =
            attributes.contains("text-anchor=\"middle\"")
            ? x + span / 2 : attributes.contains("text-anchor=\"end\"") ? x : x + span
        extent.right = max(extent.right, end)
        return "<text x=\"\(n(x))\" y=\"\(n(y))\" \(attributes)>\(SVGText.escape(content))</text>"
    }

    /// A coordinate with at most one decimal.
    private func n(_ value: Double) -> String { SVGText.coordinate(value) }

}
