import Basics
import Foundation
import Models

extension SelfConnectDemo: Demo {
    public static let summary = "a socket connected to itself: ephemeral port = destination port, simultaneous open"

    public static let usage = [
        "--port N         the destination port, nobody listening (default 50000)",
        "--range LO-HI    the ephemeral port range (default 32768-60999, Linux's ip_local_port_range)",
        "--max N          give up after N attempts (default 1000000)",
    ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        let range = options.string("range", default: "32768-60999")
        let parts = range.split(separator: "-").compactMap { UInt16($0) }
        guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else {
            throw DemoError.badOption("--range takes LOW-HIGH ports such as 32768-60999, not '\(range)'")
        }
        let port = UInt16(try options.int("port", default: 50000, in: 1...65535))
        guard (parts[0]...parts[1]).contains(port) else {
            throw DemoError.badOption(
                "port \(port) is outside the ephemeral range \(range): a client can never be given it, so it cannot connect to itself"
            )
        }
        return Parameters(
            port: port, low: parts[0], high: parts[1],
            maxAttempts: try options.int("max", default: 1_000_000, in: 1...100_000_000))
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        var lines = [
            Paint(style).bold("TCP self-connect on 127.0.0.1:\(p.port)"),
            "connect() in a loop to a port nobody listens on,",
            "inside the ephemeral range \(p.low)-\(p.high)",
            "",
        ]
        for step in trace.trace {
            let attempt = step.sourcePort == 0 ? "" : "#\(step.attempt)"
            let state = step.state.map { "  [\($0)]" } ?? ""
            lines.append(
                TCPText.pad(attempt, 10, right: true) + "  " + step.text
                    + (step.state == .established ? Paint(style).bold(state) : state))
        }
        lines.append("")
        if trace.result.selfConnected {
            lines.append(
                "self-connected after \(trace.result.attempts) attempts (\(Int(p.high - p.low) + 1) expected on average);")
            lines.append("detected by comparing the two addresses: \(trace.result.detected ? "yes" : "no")")
        } else {
            lines.append("no self-connect in \(trace.result.attempts) attempts")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
