import ArgumentParser
import Basics
import Foundation
import Models

extension URLJourneyDemo: Demo {
    public static let summary = "What happens after you type a URL: DNS, ARP, TCP, TLS, HTTP, teardown"

    public struct Options: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "An http:// or https:// URL; hosts: www, shop, api, example.com; nosuch.example.com fails.",
                valueName: "url"))
        var url = "https://www.example.com/"
        @Option(help: ArgumentHelp("Round trip to the web server in ms.", valueName: "ms"))
        var rtt = 40
        @Option(help: ArgumentHelp("TLS 1.3 or 1.2 for https.", valueName: "version"))
        var tls = "1.3"

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let url = options.url
        _ = try ParsedURL(url)
        let tls = options.tls
        guard tls == "1.3" || tls == "1.2" else { throw DemoError.badOption("--tls takes 1.3 or 1.2") }
        return Parameters(url: url, rtt: try OptionCheck.within(options.rtt, 1...2000, "rtt"), tls: tls)
    }

    public static func ladder(_ trace: DemoTrace<Parameters, JourneyStep, Outcome>) -> Ladder? {
        let lanes = ["browser", "gateway", "resolver", "server"]
        var ladder = Ladder(lanes: lanes, title: "url.journey: \(trace.params.url)")
        var phase = ""
        let titles = [
            "url": "1. parse the URL", "cache": "2. caches", "arp": "3. ARP for the gateway",
            "dns": "4. DNS", "tcp": "5. TCP handshake", "tls": "6. TLS handshake", "http": "7. HTTP",
            "teardown": "8. close", "done": "done",
        ]
        for step in trace.trace {
            if step.phase != phase && step.phase != "note" {
                phase = step.phase
                ladder.banner("t = \(step.time) ms  \(titles[phase] ?? phase)")
            }
            if let from = step.from, let to = step.to, let a = lanes.firstIndex(of: from),
                let b = lanes.firstIndex(of: to)
            {
                ladder.message(from: a, to: b, step.text)
            } else {
                ladder.note(step.text, lane: 0)
            }
        }
        return ladder
    }

    public static func render(_ trace: DemoTrace<Parameters, JourneyStep, Outcome>, style: RenderStyle) -> String {
        let paint = Paint(style)
        let r = trace.result
        var lines = [
            paint.bold("url.journey") + "  \(trace.params.url)",
            "browser \(laptop.ip), gateway \(gateway.ip), resolver \(DNSResolveDemo.resolverAddress),",
            "server " + (r.address ?? "unknown"),
            "",
        ]
        lines += ladder(trace)!.terminal(.compact, style: style)
        lines.append("")
        lines.append(
            "\(r.status): \(r.frames) frames, \(NetFormat.grouped(r.bytesOnWire)) bytes with FCS"
                + (r.timeToFirstByte.map { "; first response byte after \($0) ms" } ?? ""))
        if let trips = r.roundTripsBeforeRequest {
            lines.append(
                "round trips to the server before the request: \(trips) (TCP 1"
                    + (trips > 1 ? " + TLS \(trips - 1))" : ")"))
        }
        return lines.joined(separator: "\n")
    }
}
