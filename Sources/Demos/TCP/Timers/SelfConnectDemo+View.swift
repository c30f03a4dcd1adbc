import ArgumentParser
import Basics
import Foundation
import Models

extension SelfConnectDemo: Demo {
    public static let summary = "a socket connected to itself: ephemeral port = destination port, simultaneous open"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("The destination port, nobody listening.", valueName: "n"))
        var port = 50000
        @Option(
            help: ArgumentHelp(
                "The ephemeral port range (the default is Linux's ip_local_port_range).", valueName: "low-high"))
        var range = "32768-60999"
        @Option(help: ArgumentHelp("Give up after n attempts.", valueName: "n"))
        var max = 1_000_000

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let range = options.range
        let parts = range.split(separator: "-").compactMap { UInt16($0) }
        guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else {
            throw DemoError.badOption("--range takes LOW-HIGH ports such as 32768-60999, not '\(range)'")
        }
        let port = UInt16(try OptionCheck.within(options.port, 1...65535, "port"))
        guard (parts[0]...parts[1]).contains(port) else {
            throw DemoError.badOption(
                "port \(port) is outside the ephemeral range \(range): a client can never be given it, so it cannot connect to itself"
            )
        }
        return Parameters(
            port: port, low: parts[0], high: parts[1],
            maxAttempts: try OptionCheck.within(options.max, 1...100_000_000, "max"))
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
