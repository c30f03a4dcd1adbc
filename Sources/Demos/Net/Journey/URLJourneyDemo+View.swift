import Basics
import Foundation
import Models

extension URLJourneyDemo: Demo {
    public static let summary = "What happens after you type a URL: DNS, ARP, TCP, TLS, HTTP, teardown"

    public static let usage = [
        "--url URL        http:// or https:// URL (default https://www.example.com/)",
        "                 hosts: www, shop, api, example.com; nosuch.example.com fails",
        "--rtt MS         round trip to the web server in ms (default 40)",
        "--tls V          1.3 or 1.2 for https (default 1.3)",
    ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        let url = options.string("url", default: "https://www.example.com/")
        _ = try ParsedURL(url)
        let tls = options.string("tls", default: "1.3")
        guard tls == "1.3" || tls == "1.2" else { throw DemoError.badOption("--tls takes 1.3 or 1.2") }
        return Parameters(url: url, rtt: try options.int("rtt", default: 40, in: 1...2000), tls: tls)
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
