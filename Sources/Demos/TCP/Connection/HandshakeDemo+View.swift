import ArgumentParser
import Basics
import Foundation
import Models

extension HandshakeDemo: Demo {
    public static let summary = "three-way handshake: seq/ack from the ISNs, lost SYN, SYN+ACK or ACK and retransmission"

    public struct Options: ParsableArguments {
        @OptionGroup var connection: ConnectionOptions
        @Option(
            help: ArgumentHelp(
                "Lose the next segment so labelled: syn, syn-ack, ack (repeat to lose again).", valueName: "label,..."))
        var lose: String?

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        try ConnectionParameters.read(options.connection, lose: options.lose, labels: ["syn", "syn-ack", "ack"], teardown: false)
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
