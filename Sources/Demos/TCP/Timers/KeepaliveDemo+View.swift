import Basics
import Foundation
import Models

extension KeepaliveDemo: Demo {
    public static let summary = "keep-alive timeline with Linux's defaults (7200 s idle, 75 s interval, 9 probes)"

    public static let usage = [
        "--peer P         alive (answers every probe) or dead (vanished at time 0) (default dead)",
        "--time S         idle seconds before the first probe (net.ipv4.tcp_keepalive_time, 7200)",
        "--intvl S        seconds between unanswered probes (tcp_keepalive_intvl, 75)",
        "--probes N       unanswered probes before the connection is dropped (tcp_keepalive_probes, 9)",
        "--rtt S          round-trip time in seconds (default 0.1)",
        "--cycles N       probes answered before the demo stops, with --peer alive (default 2)",
    ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        let peer = options.string("peer", default: "dead").lowercased()
        guard peer == "alive" || peer == "dead" else { throw DemoError.badOption("--peer takes alive or dead, not '\(peer)'") }
        return Parameters(
            peerAlive: peer == "alive", time: try options.double("time", default: 7200, in: 1...1_000_000),
            interval: try options.double("intvl", default: 75, in: 1...100_000),
            probes: try options.int("probes", default: 9, in: 1...127),
            rtt: try options.double("rtt", default: 0.1, in: 0.001...10),
            cycles: try options.int("cycles", default: 2, in: 1...20))
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
