import Basics
import Foundation
import Models

extension TeardownDemo: Demo {
    public static let summary = "connection teardown: FIN/ACK, CLOSE_WAIT, LAST_ACK, TIME_WAIT for 2MSL, retransmitted FIN"

    public static let usage =
        ConnectionParameters.commonUsage + [
            "--lose L,...     lose the next segment so labelled: fin, ack-fin, fin2, last-ack",
            "--msl S          maximum segment lifetime in seconds (default 30: Linux's 60 s TIME_WAIT)",
            "--close-delay S  seconds the server's application waits in CLOSE_WAIT (default 0.2)",
            "--simultaneous   both sides close at once (FIN_WAIT_1 -> CLOSING)",
            "--abort          the client aborts instead: a RST, no TIME_WAIT",
        ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        try ConnectionParameters.read(&options, labels: ["fin", "ack-fin", "fin2", "last-ack"], teardown: true)
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        renderTimeline(ladder(trace)!, style: style)
    }

    public static func ladder(_ trace: DemoTrace<Parameters, Step, Outcome>) -> Ladder? {
        let result = trace.result
        var summary: [String] = []
        if let done = result.completedAt {
            summary.append("both CLOSED at \(TCPText.seconds(done)) s; \(result.retransmissions) retransmission(s)")
        }
        if !trace.params.abort {
            summary.append(
                "TIME_WAIT lasts 2MSL = \(TCPText.number(2 * trace.params.msl)) s"
                    + (result.timeWaitRestarts > 0 ? "; a retransmitted FIN restarted it \(result.timeWaitRestarts) time(s)" : "")
            )
        }
        return connectionLadder(
            title: "TCP connection teardown (RFC 9293 §3.6)", events: trace.trace, initial: (.established, .established),
            outcome: result, summary: summary)
    }
}
