import ArgumentParser
import Basics
import Foundation
import Models

extension EncapsulationDemo: Demo {
    public static let summary = "HTTP -> TCP -> IPv4 -> Ethernet: real headers, checksums, sizes, MSS and MTU"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Host header.", valueName: "name"))
        var host = "www.example.com"
        @Option(help: ArgumentHelp("Request target.", valueName: "path"))
        var path = "/"
        @Option(help: ArgumentHelp("Bytes of POST body, 0 for a GET (try 4000).", valueName: "n"))
        var body = 0
        @Option(help: ArgumentHelp("Link MTU, 576 to 9000 (MSS = MTU - 40).", valueName: "n"))
        var mtu = 1500

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let host = options.host
        guard DNSName.isValid(host), !host.isEmpty else {
            throw DemoError.badOption("--host '\(host)' is not a host name")
        }
        let path = options.path
        guard path.hasPrefix("/"), !path.contains(" "), path.utf8.count < 2000 else {
            throw DemoError.badOption("--path must start with / and contain no spaces")
        }
        return Parameters(
            host: host, path: path, body: try OptionCheck.within(options.body, 0...1_000_000, "body"),
            mtu: try OptionCheck.within(options.mtu, 576...9000, "mtu"))
    }

    public static func render(_ trace: DemoTrace<Parameters, EncapsulationStep, Outcome>, style: RenderStyle) -> String {
        let paint = Paint(style)
        let r = trace.result
        var lines = [
            paint.bold("net.encapsulation") + "  \(trace.trace[0].text)",
            "IPv4 \(client.ip) -> \(server)",
            "Ethernet \(client.mac) -> \(gateway.mac) (the gateway: the next hop)",
            "MTU \(r.mtu): MSS \(r.mss) = MTU - 20 (IPv4) - 20 (TCP); \(r.segments) segment"
                + (r.segments == 1 ? "" : "s"),
            "",
        ]
        let frames = trace.trace.filter { $0.kind == "frame" }
        if let first = frames.first, let sizes = first.sizes {
            let data = "data \(sizes["http"] ?? 0)"
            lines.append(paint.bold("segment 1, wrapped on the way down:"))
            lines.append("  HTTP      " + "[" + data + "]")
            lines.append(
                "  TCP       " + paint.green("[TCP 20]") + "[" + data + "]" + "  = \(sizes["tcp"] ?? 0) B segment")
            lines.append(
                "  IPv4      " + paint.yellow("[IP 20]") + paint.green("[TCP 20]") + "[" + data + "]"
                    + "  = \(sizes["ipv4"] ?? 0) B packet")
            let pad = (sizes["ethernet"] ?? 0) - 14 - (sizes["ipv4"] ?? 0)
            lines.append(
                "  Ethernet  " + paint.cyan("[Eth 14]") + paint.yellow("[IP 20]") + paint.green("[TCP 20]") + "["
                    + data + "]" + (pad > 0 ? "[pad \(pad)]" : "") + paint.cyan("[FCS 4]")
                    + "  = \((sizes["ethernet"] ?? 0) + 4) B")
            lines.append("")
        }
        lines.append(paint.bold(" #   seq          data   segment   packet   frame"))
        for step in frames.prefix(12) {
            let s = step.sizes ?? [:]
            lines.append(
                NetFormat.pad("\(step.segment)", 2) + "   " + NetFormat.padRight("\(step.tcp?.sequenceNumber ?? 0)", 11)
                    + NetFormat.pad("\(s["http"] ?? 0)", 6) + NetFormat.pad("\(s["tcp"] ?? 0)", 10)
                    + NetFormat.pad("\(s["ipv4"] ?? 0)", 9) + NetFormat.pad("\(s["ethernet"] ?? 0)", 8))
        }
        if frames.count > 12 { lines.append("  ... \(frames.count - 12) more") }
        lines.append("")
        lines.append(paint.bold("overhead          per segment    total"))
        let overhead = Table([.init("layer", 14), .init("per segment", 12, .right), .init("total", 10, .right)], indent: "  ")
        for layer in r.overhead {
            lines.append(overhead.row([layer.layer, "\(layer.perSegment) B", "\(NetFormat.grouped(layer.total)) B"]))
        }
        lines.append(
            "  \(NetFormat.grouped(r.httpBytes)) B of HTTP take \(NetFormat.grouped(r.wireBytes)) byte times on the "
                + "wire: \(NetFormat.percent((r.efficiency * 1000).rounded() / 1000)) efficiency")
        lines.append("")
        lines.append(paint.bold("unwrapped at the receiver:"))
        for step in trace.trace where step.kind == "unwrap" {
            // Break the chain of layers over lines of at most 78 columns.
            var line = "  "
            for part in step.text.components(separatedBy: " -> ") {
                let piece = line == "  " ? part : " -> " + part
                if line.count + piece.count > 78 {
                    lines.append(line)
                    line = "      -> " + part
                } else {
                    line += piece
                }
            }
            lines.append(line)
            if step.segment >= 3 && frames.count > 3 {
                lines.append("  ...")
                break
            }
        }
        lines.append(r.roundTrip ? "  reassembled: the same \(r.httpBytes) bytes" : paint.red("  reassembly differs"))
        if let hex = frames.first?.bytes {
            lines.append("")
            lines.append("frame 1 as captured (Ethernet | IPv4 at 0x0e | TCP at 0x22 | data at 0x36):")
            let bytes = stride(from: 0, to: min(hex.count, 2 * 128), by: 2).map { i -> UInt8 in
                let start = hex.index(hex.startIndex, offsetBy: i)
                return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
            }
            lines += NetFormat.hexDump(bytes)
            if hex.count > 256 { lines.append("  ...") }
        }
        return lines.joined(separator: "\n")
    }
}
