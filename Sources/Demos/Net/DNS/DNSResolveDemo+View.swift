import ArgumentParser
import Basics
import Foundation
import Models

extension DNSResolveDemo: Demo {
    public static let summary = "Iterative DNS resolution with a caching resolver: referrals, CNAMEs, TTLs, NXDOMAIN"

    public struct Options: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "Name to look up (try shop.example.com, api.example.com, example.com, "
                    + "nosuch.example.com, x.example.org).", valueName: "name"))
        var name = "www.example.com"
        @Option(help: ArgumentHelp("A, AAAA, MX, NS or CNAME.", valueName: "type"))
        var type = "A"
        @Option(help: ArgumentHelp("Seconds at which the stub asks again (0,10,45 without it).", valueName: "t,..."))
        var lookups: String?
        @Flag(help: "Show each message's bytes.")
        var hex = false

        public init() {}
    }

    /// The stub's host and its configured resolver.
    public static let client = IPv4Address(192, 168, 1, 23)

    public static func parameters(from options: Options) throws -> Parameters {
        let name = DNSName.normalized(options.name)
        guard DNSName.isValid(name), !name.isEmpty else {
            throw DemoError.badOption("--name '\(name)' is not a domain name")
        }
        let type = options.type.uppercased()
        guard DNSType(mnemonic: type) != nil, type != "SOA" else {
            throw DemoError.badOption("--type is A, AAAA, MX, NS or CNAME, not '\(type)'")
        }
        let texts = OptionCheck.list(options.lookups)
        let lookups =
            try texts.isEmpty
            ? [0, 10, 45]
            : texts.map { text -> Int in
                guard let value = Int(text), (0...86_400).contains(value) else {
                    throw DemoError.badOption("--lookups takes seconds from 0 to 86400, not '\(text)'")
                }
                return value
            }
        guard lookups == lookups.sorted(), lookups.count <= 10 else {
            throw DemoError.badOption("--lookups takes up to 10 times in increasing order")
        }
        return Parameters(name: name, type: type, lookups: lookups, hex: options.hex)
    }

    /// The servers the run asked, in the universe's order: the ladder's lanes after stub and resolver.
    static func servers(_ trace: DemoTrace<Parameters, DNSStep, Outcome>) -> [DNSNameServer] {
        let used = Set(trace.trace.compactMap(\.to))
        return DNSUniverse.standard.servers.filter { used.contains($0.label) }
    }

    public static func ladder(_ trace: DemoTrace<Parameters, DNSStep, Outcome>) -> Ladder? {
        let lanes = ["stub", "resolver"] + servers(trace).map(\.label)
        func lane(_ name: String?) -> Int { lanes.firstIndex(of: name ?? "") ?? 0 }
        var ladder = Ladder(lanes: lanes, title: "dns.resolve: \(trace.params.name) \(trace.params.type)")
        for step in trace.trace {
            switch step.kind {
            case "lookup": ladder.banner("t = \(step.time / 1000) s: \(step.text)")
            case "message": ladder.message(from: lane(step.from), to: lane(step.to), step.text)
            case "note": ladder.note(step.text, lane: 1)
            default: ladder.note("=> " + step.text, lane: 0)
            }
        }
        return ladder
    }

    public static func render(_ trace: DemoTrace<Parameters, DNSStep, Outcome>, style: RenderStyle) -> String {
        let paint = Paint(style)
        let servers = servers(trace)
        var lines = [
            paint.bold("dns.resolve") + "  \(trace.params.name) \(trace.params.type)",
            "stub \(client) -> resolver \(resolverAddress) (RD set); the resolver iterates:",
        ]
        for server in servers {
            lines.append("  \(NetFormat.padRight(server.label, 12)) \(server.name) \(server.address)")
        }
        lines.append("")
        lines += ladder(trace)!.terminal(.compact, style: style)
        lines.append("")
        let r = trace.result
        lines.append(
            "\(r.messages) messages, \(NetFormat.grouped(r.bytes)) bytes of DNS; \(r.cachedRecords) records "
                + "left in the resolver's cache")
        if trace.params.hex {
            lines.append("")
            for (index, step) in trace.trace.filter({ $0.kind == "message" }).enumerated() {
                let title = "#\(index + 1) \(step.from ?? "") -> \(step.to ?? ""): \(step.text)"
                lines.append(paint.bold(title.count > 80 ? String(title.prefix(79)) + "~" : title))
                let bytes = stride(from: 0, to: step.bytes?.count ?? 0, by: 2).map { i -> UInt8 in
                    let text = Array(step.bytes!.utf8)[i..<i + 2]
                    return UInt8(String(decoding: text, as: UTF8.self), radix: 16) ?? 0
                }
                lines += NetFormat.hexDump(bytes)
            }
        }
        return lines.joined(separator: "\n")
    }
}
