import ArgumentParser
import Basics
import Foundation
import Models

extension ChecksumDemo: Demo {
    public static let summary = "RFC 1071 checksum over pseudo-header and TCP segment, word by word"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("The segment's data.", valueName: "text"))
        var payload = "hi!"
        @Option(help: ArgumentHelp("The source IPv4 address.", valueName: "address"))
        var src = "10.0.0.1"
        @Option(help: ArgumentHelp("The destination IPv4 address.", valueName: "address"))
        var dst = "10.0.0.2"
        @Option(help: ArgumentHelp("The source port.", valueName: "n"))
        var sport = 50000
        @Option(help: ArgumentHelp("The destination port.", valueName: "n"))
        var dport = 80
        @Option(help: ArgumentHelp("The sequence number (default: drawn from the seed).", valueName: "n"))
        var seq: String?
        @Option(help: ArgumentHelp("The acknowledgement number.", valueName: "n"))
        var ack = 1
        @Option(help: ArgumentHelp("Control bits (default: PSH,ACK).", valueName: "flag,..."))
        var flags: String?
        @Option(
            help: ArgumentHelp(
                "Just sum these 16-bit hex words (RFC 1071's example: 0001,f203,f4f5,f6f7).", valueName: "w,..."))
        var words: String?

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let wordTexts = OptionCheck.list(options.words)
        var words: [UInt16]?
        if !wordTexts.isEmpty {
            words = try wordTexts.map { text in
                guard text.count <= 4, let word = UInt16(text, radix: 16) else {
                    throw DemoError.badOption("--words takes 16-bit hex words such as f203, not '\(text)'")
                }
                return word
            }
        }
        func address(_ text: String, _ key: String) throws -> IPv4Address {
            guard let address = IPv4Address(text) else {
                throw DemoError.badOption("--\(key) takes an IPv4 address, not '\(text)'")
            }
            return address
        }
        let flagNames = OptionCheck.list(options.flags)
        var flags: TCPFlags = [.psh, .ack]
        if !flagNames.isEmpty {
            flags = []
            for name in flagNames {
                guard let flag = TCPFlags(name: name) else {
                    throw DemoError.badOption("--flags takes SYN, ACK, FIN, RST, PSH, URG, ECE, CWR, not '\(name)'")
                }
                flags.insert(flag)
            }
        }
        let seqText = options.seq ?? ""
        var seq: UInt32?
        if !seqText.isEmpty {
            guard let value = UInt32(seqText) else { throw DemoError.badOption("--seq takes a number from 0 to 4294967295") }
            seq = value
        }
        return Parameters(
            words: words, payload: options.payload, source: try address(options.src, "src"),
            destination: try address(options.dst, "dst"),
            sourcePort: UInt16(try OptionCheck.within(options.sport, 0...65535, "sport")),
            destinationPort: UInt16(try OptionCheck.within(options.dport, 0...65535, "dport")), seq: seq,
            ack: UInt32(try OptionCheck.within(options.ack, 0...Int(UInt32.max), "ack")), flags: flags)
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        var lines = [Paint(style).bold("Internet checksum (RFC 1071) of a TCP segment (RFC 9293 §3.1)"), ""]
        if trace.params.words == nil, let seq = trace.params.seq {
            lines.append(
                "\(trace.params.source):\(trace.params.sourcePort) -> \(trace.params.destination):\(trace.params.destinationPort)"
                    + "  \(trace.params.flags) seq=\(seq)  data \"\(trace.params.payload)\"")
            lines.append("")
        }
        let table = Table(
            [
                .init("part", 8, overflow: .cut), .init("field", 30, overflow: .cut), .init("word", 8, overflow: .cut),
                .init("running sum", 0),
            ])
        lines.append(table.header)
        lines.append(String(repeating: "-", count: 60))
        for step in trace.trace {
            lines.append(
                table.row([step.part, step.field, step.word, step.sum])
                    + (step.carry ? Paint(style).dim("  (carry added back)") : ""))
        }
        lines.append("")
        lines.append("sum \(trace.result.sum), one's complement -> checksum " + Paint(style).bold(trace.result.checksum))
        lines.append("receiver's check: the sum with the checksum in place is ffff: \(trace.result.verified ? "yes" : "no")")
        if let bytes = trace.result.bytes {
            lines.append("")
            lines.append("datagram (IPv4 + TCP), hex:")
            var rest = Substring(bytes)
            while !rest.isEmpty {
                lines.append(
                    "  "
                        + stride(from: 0, to: min(rest.count, 56), by: 4).map { offset -> String in
                            let start = rest.index(rest.startIndex, offsetBy: offset)
                            let end = rest.index(start, offsetBy: min(4, rest.count - offset))
                            return String(rest[start..<end])
                        }.joined(separator: " "))
                rest = rest.dropFirst(min(56, rest.count))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
