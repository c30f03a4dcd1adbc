import ArgumentParser
import Basics
import Foundation
import Models

extension TeardownDemo: Demo {
    public static let summary = "connection teardown: FIN/ACK, CLOSE_WAIT, LAST_ACK, TIME_WAIT for 2MSL, retransmitted FIN"

    public struct Options: ParsableArguments {
        @OptionGroup var connection: ConnectionOptions
        @Option(help: ArgumentHelp("Lose the next segment so labelled: fin, ack-fin, fin2, last-ack.", valueName: "label,..."))
        var lose: String?
        @Option(
            help: ArgumentHelp(
                "Maximum segment lifetime in seconds (the default gives Linux's 60 s TIME_WAIT).", valueName: "seconds"))
        var msl = 30.0
        @Option(
            name: .customLong("close-delay"),
            help: ArgumentHelp("Seconds the server's application waits in CLOSE_WAIT.", valueName: "seconds"))
        var closeDelay = 0.2
        @Flag(help: "Both sides close at once (FIN_WAIT_1 -> CLOSING).")
        var simultaneous = false
        @Flag(help: "The client aborts instead: a RST, no TIME_WAIT.")
        var abort = false

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        try ConnectionParameters.read(
            options.connection, lose: options.lose, labels: ["fin", "ack-fin", "fin2", "last-ack"], teardown: true,
            msl: options.msl, simultaneous: options.simultaneous, abort: options.abort, closeDelay: options.closeDelay)
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
