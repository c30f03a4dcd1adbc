import Basics
import Foundation
import Models

/// A connection trace as a ladder: the title above, the summary and any failure below.
func connectionLadder(
    title: String, events: [ConnectionEvent], initial: (TCPState, TCPState), outcome: ConnectionOutcome, summary: [String]
) -> Ladder {
    var ladder = Ladder(lanes: ["client", "server"], title: title)
    ladder.state([0: initial.0.rawValue, 1: initial.1.rawValue])
    for event in events {
        switch event.kind {
        case .send:
            let segment = event.segment!
            let label = (segment.retransmission ? "(re) " : "") + segment.summary
            let fromClient = event.side == .client
            ladder.message(from: fromClient ? 0 : 1, to: fromClient ? 1 : 0, label, time: event.time, lost: segment.lost)
        case .state:
            ladder.state(event.state.map { [event.side == .client ? 0 : 1: $0.rawValue] } ?? [:], time: event.time)
        case .note:
            ladder.note("\(event.side): \(event.text ?? "")", time: event.time)
        }
    }
    for line in summary { ladder.footer(line) }
    if let failure = outcome.failure { ladder.footer("failed: \(failure)", tone: .failed) }
    return ladder
}

/// Draws a ladder of two parties for a terminal: its title, the timeline, then its footer.
func renderTimeline(_ ladder: Ladder, header: [String] = [], style: RenderStyle) -> String {
    let paint = Paint(style)
    var lines = [paint.bold(ladder.title ?? "")] + header + [""]
    lines.append(ladder.terminal(.timeline(unit: "t (s)"), style: style).joined(separator: "\n") + "\n")
    lines += ladder.footer.map { paint.tinted($0.text, $0.tone) }
    return lines.joined(separator: "\n") + "\n"
}
