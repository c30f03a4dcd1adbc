import ArgumentParser
import Basics
import Foundation
import Models

extension KeepaliveDemo: Demo {
    public static let summary = "keep-alive timeline with Linux's defaults (7200 s idle, 75 s interval, 9 probes)"

    public struct Options: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "The peer: alive (answers every probe) or dead (vanished at time 0).", valueName: "peer"))
        var peer = "dead"
        @Option(
            help: ArgumentHelp("Idle seconds before the first probe (net.ipv4.tcp_keepalive_time).", valueName: "seconds"))
        var time = 7200.0
        @Option(help: ArgumentHelp("Seconds between unanswered probes (tcp_keepalive_intvl).", valueName: "seconds"))
        var intvl = 75.0
        @Option(
            help: ArgumentHelp(
                "Unanswered probes before the connection is dropped (tcp_keepalive_probes).", valueName: "n"))
        var probes = 9
        @Option(help: ArgumentHelp("Round-trip time in seconds.", valueName: "seconds"))
        var rtt = 0.1
        @Option(help: ArgumentHelp("Probes answered before the demo stops, with --peer alive.", valueName: "n"))
        var cycles = 2

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let peer = options.peer.lowercased()
        guard peer == "alive" || peer == "dead" else { throw DemoError.badOption("--peer takes alive or dead, not '\(peer)'") }
        return Parameters(
            peerAlive: peer == "alive", time: try OptionCheck.within(options.time, 1...1_000_000, "time"),
            interval: try OptionCheck.within(options.intvl, 1...100_000, "intvl"),
            probes: try OptionCheck.within(options.probes, 1...127, "probes"),
            rtt: try OptionCheck.within(options.rtt, 0.001...10, "rtt"),
            cycles: try OptionCheck.within(options.cycles, 1...20, "cycles"))
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        return renderTimeline(
            ladder(trace)!,
            header: [
                "tcp_keepalive_time \(TCPText.number(p.time)) s, tcp_keepalive_intvl \(TCPText.number(p.interval)) s, tcp_keepalive_probes \(p.probes)"
            ], style: style)
    }

    public static func ladder(_ trace: DemoTrace<Parameters, Step, Outcome>) -> Ladder? {
        let p = trace.params
        var ladder = Ladder(
            lanes: ["client", p.peerAlive ? "server" : "(gone)"], title: "TCP keep-alive (RFC 9293 §3.8.4, Linux timers)")
        ladder.note("last data exchanged; SO_KEEPALIVE on", time: 0)
        for step in trace.trace {
            switch step.event {
            case "probe":
                ladder.message(from: 0, to: 1, "ACK (probe)", time: step.time, lost: !p.peerAlive)
                ladder.note(step.text)
            case "ack":
                ladder.message(from: 1, to: 0, "ACK", time: step.time)
                ladder.note(step.text)
            default:
                ladder.state([0: "CLOSED"], time: step.time)
                ladder.note(step.text)
            }
        }
        if let detected = trace.result.detectedAt {
            ladder.footer(
                "dead peer detected after \(TCPText.number(detected)) s = \(TCPText.number(p.time)) + \(p.probes) x \(TCPText.number(p.interval)) s"
                    + " (\(TCPText.number(detected / 60, digits: 2)) minutes)")
        } else {
            ladder.footer("the peer answered every probe; the connection stays up")
        }
        return ladder
    }
}
