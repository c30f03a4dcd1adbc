import Basics
import Foundation
import Models

/// Draws a connection trace as a ladder.
func renderConnection(
    title: String, events: [ConnectionEvent], initial: (TCPState, TCPState), outcome: ConnectionOutcome, summary: [String],
    style: RenderStyle
) -> String {
    var ladder = TCPLadder(leftTitle: "client", rightTitle: "server")
    ladder.rows.append(.state(time: nil, left: initial.0.rawValue, right: initial.1.rawValue))
    for event in events {
        switch event.kind {
        case .send:
            let segment = event.segment!
            let label = (segment.retransmission ? "(re) " : "") + segment.summary
            ladder.rows.append(.arrow(time: event.time, rightward: event.side == .client, label: label, lost: segment.lost))
        case .state:
            ladder.rows.append(
                .state(
                    time: event.time, left: event.side == .client ? event.state?.rawValue : nil,
                    right: event.side == .server ? event.state?.rawValue : nil))
        case .note:
            ladder.rows.append(.note(time: event.time, text: "\(event.side): \(event.text ?? "")"))
        }
    }
    var lines = [Paint(style).bold(title), ""]
    lines.append(ladder.render(style: style))
    lines.append(contentsOf: summary)
    if let failure = outcome.failure { lines.append(Paint(style).red("failed: \(failure)")) }
    return lines.joined(separator: "\n") + "\n"
}
