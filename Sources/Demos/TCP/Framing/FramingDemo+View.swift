import ArgumentParser
import Basics
import Foundation
import Models

extension FramingDemo: Demo {
    public static let summary = "message framing on a byte stream: CRLF and length-prefix decoders"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("The messages (default: three drawn from the seed).", valueName: "m,..."))
        var messages: String?
        @Option(help: ArgumentHelp("The framing: crlf, length or both.", valueName: "framing"))
        var framing = "both"
        @Option(help: ArgumentHelp("How many reads the stream is cut into.", valueName: "n"))
        var reads = 4
        @Option(help: ArgumentHelp("Cut the stream after these byte offsets instead.", valueName: "n,..."))
        var cuts: String?

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let messages = OptionCheck.list(options.messages)
        let framing = options.framing.lowercased()
        let framings: [String]
        switch framing {
        case "both": framings = ["crlf", "length"]
        case "crlf", "length": framings = [framing]
        default: throw DemoError.badOption("--framing takes crlf, length or both, not '\(framing)'")
        }
        if framings.contains("crlf"), messages.contains(where: { $0.contains("\r\n") }) {
            throw DemoError.badOption("a message containing CRLF cannot be framed by CRLF; use --framing length")
        }
        let cuts = try OptionCheck.list(options.cuts).map { text -> Int in
            guard let value = Int(text), value > 0 else {
                throw DemoError.badOption("--cuts takes positive byte offsets, not '\(text)'")
            }
            return value
        }
        return Parameters(
            messages: messages, framings: framings, reads: try OptionCheck.within(options.reads, 1...64, "reads"), cuts: cuts)
    }

    /// Bytes as text, control characters escaped: `hello\r\n`, `\x00\x05hello`.
    public static func printable(_ hex: String) -> String {
        ([UInt8](hexString: hex) ?? []).map { byte -> String in
            switch byte {
            case 0x0D: return "\\r"
            case 0x0A: return "\\n"
            case 0x20..<0x7F: return String(UnicodeScalar(byte))
            default: return "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }.joined()
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        var lines = [Paint(style).bold("Framing messages on a TCP byte stream"), ""]
        lines.append("messages written: " + trace.params.messages.map { "\"\($0)\"" }.joined(separator: ", "))
        for framing in trace.params.framings {
            lines.append("")
            let title = framing == "crlf" ? "CRLF delimiter" : "2-byte length prefix"
            lines.append(Paint(style).bold(title) + ": stream \"\(printable(trace.result.streams[framing] ?? ""))\"")
            for step in trace.trace where step.framing == framing {
                lines.append("  read \(step.read): \"\(printable(step.bytes))\"")
                let found =
                    step.decode.messages.isEmpty
                    ? "no complete message" : step.decode.messages.map { "\"\($0)\"" }.joined(separator: ", ")
                lines.append(
                    "    buffer \(step.decode.buffered) B -> " + Paint(style).green(found)
                        + "; compact: drop \(step.decode.consumed) B, keep \(step.decode.remaining) B")
            }
        }
        lines.append("")
        lines.append(
            trace.result.recovered
                ? "every framing recovered the messages in order" : Paint(style).red("messages were not recovered"))
        return lines.joined(separator: "\n") + "\n"
    }
}
