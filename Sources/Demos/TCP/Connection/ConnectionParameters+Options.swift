import Basics
import Foundation
import Models

extension ConnectionParameters {
    static let commonUsage = [
        "--client-isn N   the client's initial sequence number (default: drawn from the seed)",
        "--server-isn N   the server's initial sequence number (default: drawn from the seed)",
        "--rtt S          round-trip time in seconds (default 0.1)",
        "--rto S          initial retransmission timeout in seconds (default 1, RFC 6298)",
        "--retries N      retransmissions before giving up (default 6)",
        "--loss P         probability that any segment is lost (default 0)",
    ]

    static func read(_ options: inout DemoOptions, labels: [String], teardown: Bool) throws -> ConnectionParameters {
        let clientText = options.string("client-isn", default: "")
        let serverText = options.string("server-isn", default: "")
        func isn(_ text: String, _ name: String) throws -> UInt32? {
            if text.isEmpty { return nil }
            guard let value = UInt32(text) else {
                throw DemoError.badOption("--\(name) takes a number from 0 to 4294967295, not '\(text)'")
            }
            return value
        }
        let client = try isn(clientText, "client-isn")
        let server = try isn(serverText, "server-isn")
        let lose = options.list("lose").map { $0.lowercased() }
        for label in lose where !labels.contains(label) {
            throw DemoError.badOption("--lose takes \(labels.joined(separator: ", ")), not '\(label)'")
        }
        let parameters = ConnectionParameters(
            clientISN: client, serverISN: server,
            rtt: try options.double("rtt", default: 0.1, in: 0.002...10),
            rto: try options.double("rto", default: 1, in: 0.2...60),
            retries: try options.int("retries", default: 6, in: 0...15),
            msl: teardown ? try options.double("msl", default: 30, in: 0.1...300) : 30,
            lose: lose,
            loss: try options.double("loss", default: 0, in: 0...0.9),
            simultaneous: teardown ? options.flag("simultaneous") : false,
            abort: teardown ? options.flag("abort") : false,
            closeDelay: teardown ? try options.double("close-delay", default: 0.2, in: 0...600) : 0.2)
        return parameters
    }
}
