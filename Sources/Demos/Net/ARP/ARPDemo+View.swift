import ArgumentParser
import Basics
import Foundation
import Models

extension ARPDemo: Demo {
    public static let summary = "ARP on a LAN: broadcast request, unicast reply, cache timeout, gratuitous ARP"

    public struct Options: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "Address the laptop sends to: 192.168.1.1 (gateway), .40, .50, "
                    + "or one nobody has, e.g. 192.168.1.99.", valueName: "ip"))
        var target = "192.168.1.1"
        @Option(help: ArgumentHelp("ARP cache entry lifetime in seconds.", valueName: "seconds"))
        var timeout = 60
        @Option(help: ArgumentHelp("Seconds at which the laptop sends (0,5,40,100 without it).", valueName: "t,..."))
        var sends: String?
        @Option(
            help: ArgumentHelp(
                "Second at which the gateway's address moves to a backup MAC "
                    + "and is announced by gratuitous ARP; 'none' for never.", valueName: "seconds"))
        var failover = "30"

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let target = options.target
        guard let address = IPv4Address(target), address.value >> 8 == IPv4Address(192, 168, 1, 0).value >> 8,
            address != hosts[0].ip
        else { throw DemoError.badOption("--target must be another address in 192.168.1.0/24, not '\(target)'") }
        let timeout = try OptionCheck.within(options.timeout, 1...86_400, "timeout")
        let texts = OptionCheck.list(options.sends)
        let sends =
            try texts.isEmpty
            ? [0, 5, 40, 100]
            : texts.map { text -> Int in
                guard let value = Int(text), (0...86_400).contains(value) else {
                    throw DemoError.badOption("--sends takes seconds from 0 to 86400, not '\(text)'")
                }
                return value
            }
        guard sends == sends.sorted(), sends.count <= 12 else {
            throw DemoError.badOption("--sends takes up to 12 times in increasing order")
        }
        let failoverText = options.failover
        var failover: Int? = nil
        if failoverText != "none" {
            guard let value = Int(failoverText), value >= 0 else {
                throw DemoError.badOption("--failover takes seconds or 'none', not '\(failoverText)'")
            }
            failover = value
        }
        return Parameters(target: target, timeout: timeout, sends: sends, failover: failover)
    }

    public static func ladder(_ trace: DemoTrace<Parameters, ARPStep, Outcome>) -> Ladder? {
        let lanes = hosts.map(\.name)
        func lane(_ name: String?) -> Int { lanes.firstIndex(of: name ?? "") ?? 0 }
        var ladder = Ladder(lanes: lanes, title: "arp: 192.168.1.0/24, entries live \(trace.params.timeout) s")
        for step in trace.trace {
            switch step.kind {
            case "send": ladder.banner("t = \(step.time / 1000) s: \(step.text)")
            case "frame":
                if step.to == "broadcast" {
                    ladder.broadcast(from: lane(step.from), step.text + " broadcast")
                } else {
                    ladder.message(from: lane(step.from), to: lane(step.to), step.text + " unicast")
                }
            case "note": ladder.note(step.text, lane: lane(step.from))
            default: ladder.note("=> " + step.text, lane: lane(step.from))
            }
        }
        return ladder
    }

    public static func render(_ trace: DemoTrace<Parameters, ARPStep, Outcome>, style: RenderStyle) -> String {
        let paint = Paint(style)
        var lines = [
            paint.bold("arp") + "  192.168.1.0/24, entries live \(trace.params.timeout) s"
        ]
        for host in hosts {
            lines.append(
                "  \(NetFormat.padRight(host.name, 8)) \(NetFormat.padRight(host.ip.description, 13)) \(host.mac)")
        }
        lines.append("")
        lines += ladder(trace)!.terminal(.compact, style: style)
        lines.append("")
        lines.append("\(trace.result.frames) frames. ARP tables at the end:")
        for host in hosts {
            let entries = trace.result.tables[host.name] ?? []
            let text = entries.isEmpty ? "(empty)" : entries.map { "\($0.ip) \($0.mac)" }.joined(separator: ", ")
            lines.append("  \(NetFormat.padRight(host.name, 8)) \(text)")
        }
        if let first = trace.trace.first(where: { $0.kind == "frame" }), let hex = first.bytes {
            lines.append("")
            lines.append("first frame, \(first.text):")
            let bytes = stride(from: 0, to: hex.count, by: 2).map { i -> UInt8 in
                let start = hex.index(hex.startIndex, offsetBy: i)
                return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
            }
            lines += NetFormat.hexDump(bytes)
        }
        return lines.joined(separator: "\n")
    }
}
