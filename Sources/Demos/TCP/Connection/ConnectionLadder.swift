import Basics
import Foundation
import Models

/// Draws a connection trace as a ladder.
func renderConnection(
    title: String, events: [ConnectionEvent], initial: (TCPState, TCPState), outcome: ConnectionOutcome, summary: [String],
    style: RenderStyle
) -> String {
    var ladder = Ladder(lanes: ["client", "server"])
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
    var lines = [Paint(style).bold(title), ""]
    lines.append(ladder.terminal(.timeline(unit: "t (s)"), style: style).joined(separator: "\n") + "\n")
    lines.append(contentsOf: summary)
    if let failure = outcome.failure { lines.append(Paint(style).red("failed: \(failure)")) }
    return lines.joined(separator: "\n") + "\n"
}
