import ArgumentParser
import Basics
import Foundation
import Models

/// The options tcp.handshake and tcp.teardown share.
public struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("client-isn"),
        help: ArgumentHelp("The client's initial sequence number (default: drawn from the seed).", valueName: "n"))
    var clientISN: String?
    @Option(
        name: .customLong("server-isn"),
        help: ArgumentHelp("The server's initial sequence number (default: drawn from the seed).", valueName: "n"))
    var serverISN: String?
    @Option(help: ArgumentHelp("Round-trip time in seconds.", valueName: "seconds"))
    var rtt = 0.1
    @Option(help: ArgumentHelp("Initial retransmission timeout in seconds (RFC 6298).", valueName: "seconds"))
    var rto = 1.0
    @Option(help: ArgumentHelp("Retransmissions before giving up.", valueName: "n"))
    var retries = 6
    @Option(help: ArgumentHelp("Probability that any segment is lost.", valueName: "p"))
    var loss = 0.0

    public init() {}
}

extension ConnectionParameters {
    /// The parameters from the shared options, `--lose` (one of `labels` each) and, when
    /// `teardown`, the teardown's own options.
    static func read(
        _ options: ConnectionOptions, lose loseText: String?, labels: [String], teardown: Bool, msl: Double = 30,
        simultaneous: Bool = false, abort: Bool = false, closeDelay: Double = 0.2
    ) throws -> ConnectionParameters {
        func isn(_ text: String?, _ name: String) throws -> UInt32? {
            guard let text, !text.isEmpty else { return nil }
            guard let value = UInt32(text) else {
                throw DemoError.badOption("--\(name) takes a number from 0 to 4294967295, not '\(text)'")
            }
            return value
        }
        let client = try isn(options.clientISN, "client-isn")
        let server = try isn(options.serverISN, "server-isn")
        let lose = OptionCheck.list(loseText).map { $0.lowercased() }
        for label in lose where !labels.contains(label) {
            throw DemoError.badOption("--lose takes \(labels.joined(separator: ", ")), not '\(label)'")
        }
        let parameters = ConnectionParameters(
            clientISN: client, serverISN: server,
            rtt: try OptionCheck.within(options.rtt, 0.002...10, "rtt"),
            rto: try OptionCheck.within(options.rto, 0.2...60, "rto"),
            retries: try OptionCheck.within(options.retries, 0...15, "retries"),
            msl: teardown ? try OptionCheck.within(msl, 0.1...300, "msl") : 30,
            lose: lose,
            loss: try OptionCheck.within(options.loss, 0...0.9, "loss"),
            simultaneous: teardown ? simultaneous : false,
            abort: teardown ? abort : false,
            closeDelay: teardown ? try OptionCheck.within(closeDelay, 0...600, "close-delay") : 0.2)
        return parameters
    }
}
