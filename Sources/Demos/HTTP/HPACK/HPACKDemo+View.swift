import ArgumentParser
import Basics
import Foundation
import Models

extension HPACKDemo: Demo {
    public static let summary = "HPACK header compression: static and dynamic tables, Huffman, bytes saved"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Header blocks to encode, 1-10.", valueName: "n"))
        var requests = 3
        @Flag(name: .customLong("no-huffman"), help: "Send every string as raw octets.")
        var noHuffman = false
        @Option(name: .customLong("table-size"), help: ArgumentHelp("Dynamic table size in octets, 0-65536.", valueName: "n"))
        var tableSize = 4096
        @Option(help: ArgumentHelp("Replay RFC 7541 Appendix C.3, C.4, C.5 or C.6 instead.", valueName: "C.n"))
        var example: String?

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let example = options.example?.uppercased()
        guard example == nil || ["C.3", "C.4", "C.5", "C.6"].contains(example!) else {
            throw DemoError.badOption("--example takes C.3, C.4, C.5 or C.6 (RFC 7541 Appendix C)")
        }
        return Parameters(
            requests: try OptionCheck.within(options.requests, 1...10, "requests"), huffman: !options.noHuffman,
            tableSize: try OptionCheck.within(options.tableSize, 0...65536, "table-size"), example: example)
    }

    /// Draws each block as rows of `hex  representation  field`, then the dynamic table.
    /// Representations: `idx` indexed, `lit+idx` literal added to the table, `lit` literal not
    /// added, `never` never indexed; `nK` names the index of the name, `H` marks Huffman.
    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        var lines = [
            HTTPText.bold(
                "\(name): \(trace.trace.count) header blocks, Huffman \(p.huffman ? "on" : "off"), "
                    + "table \(p.tableSize) octets" + (p.example.map { ", RFC 7541 \($0)" } ?? ""), style)
        ]
        for step in trace.trace {
            lines.append("")
            lines.append(
                HTTPText.bold("block \(step.block)", style)
                    + ": \(step.plainSize) B as HTTP/1.1 text -> \(step.encodedSize) B HPACK")
            for representation in step.representations {
                let hex = HTTPText.pad(HTTPText.hex(representation.bytes.bytes, width: 22), 23)
                let colour = representation.kind == .indexed ? HTTPText.green : HTTPText.yellow
                let label = HTTPText.pad(representation.label, 15)
                let field = representation.field.map { HTTPText.fit($0.description, 39) } ?? ""
                lines.append("  " + HTTPText.colour(hex, colour, style) + label + " " + field)
                for evicted in representation.evicted {
                    lines.append(String(repeating: " ", count: 25) + HTTPText.fit("evicts \(evicted)", 55))
                }
            }
            lines.append("  dynamic table, \(step.tableSize) of \(p.tableSize) octets (entry = name + value + 32):")
            if step.table.isEmpty { lines.append("    (empty)") }
            for (position, field) in step.table.enumerated() {
                let index = HTTPText.padLeft("[\(position + 62)]", 6)
                lines.append("  \(index) " + HTTPText.fit("\(field) (\(field.hpackSize))", 69))
            }
        }
        let r = trace.result
        lines.append("")
        lines.append(
            HTTPText.bold("total", style)
                + ": \(r.plainSize) B -> \(r.encodedSize) B (\(r.percent)%), \(r.saved) B saved")
        return lines.joined(separator: "\n")
    }
}
