import Basics
import Foundation
import Models

extension HandshakeDemo: Demo {
    public static let summary = "three-way handshake: seq/ack from the ISNs, lost SYN, SYN+ACK or ACK and retransmission"

    public static let usage =
        ConnectionParameters.commonUsage + [
            "--lose L,...     lose the next segment so labelled: syn, syn-ack, ack (repeat to lose again)"
        ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        try ConnectionParameters.read(&options, labels: ["syn", "syn-ack", "ack"], teardown: false)
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        renderTimeline(ladder(trace)!, style: style)
    }

    public static func ladder(_ trace: DemoTrace<Parameters, Step, Outcome>) -> Ladder? {
        let result = trace.result
        var summary: [String] = []
        summary.append("client ISN \(result.clientISN), server ISN \(result.serverISN)")
        if let done = result.completedAt {
            summary.append(
                "both ESTABLISHED at \(TCPText.seconds(done)) s after \(result.retransmissions) retransmission(s)")
            summary.append(
                "acknowledged: client ISN + 1 = \(result.clientISN &+ 1), server ISN + 1 = \(result.serverISN &+ 1)")
        }
        return connectionLadder(
            title: "TCP three-way handshake (RFC 9293 §3.5)", events: trace.trace, initial: (.closed, .closed), outcome: result,
            summary: summary)
    }
}
