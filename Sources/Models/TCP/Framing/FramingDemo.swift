import Basics

/// `tcp.framing`: messages written to a byte stream, the stream cut at random read
/// boundaries, and two decoders that recover the messages.
public enum FramingDemo: Demo {
    public static let name = "tcp.framing"
    public static let summary = "message framing on a byte stream: CRLF and length-prefix decoders"
    public static let usage = [
        "--messages M,... the messages (default: three drawn from the seed)",
        "--framing F      crlf, length or both (default both)",
        "--reads N        how many reads the stream is cut into (default 4)",
        "--cuts C,...     cut the stream after these byte offsets instead",
    ]

    public struct Parameters: Codable, Sendable, Equatable {
        public var messages: [String]
        public var framings: [String]
        public var reads: Int
        public var cuts: [Int]
    }

    public struct Step: Codable, Sendable, Equatable {
        public var framing: String
        public var read: Int
        /// The read's bytes, hex.
        public var bytes: String
        public var decode: DecodeStep
    }

    public struct Outcome: Codable, Sendable, Equatable {
        /// The whole stream per framing, hex.
        public var streams: [String: String]
        /// Every framing gave back the messages written, in order.
        public var recovered: Bool
    }

    static let sample = ["GET /", "hello", "42", "PING", "netprep", "", "a longer message"]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        let messages = options.list("messages")
        let framing = options.string("framing", default: "both").lowercased()
        let framings: [String]
        switch framing {
        case "both": framings = ["crlf", "length"]
        case "crlf", "length": framings = [framing]
        default: throw DemoError.badOption("--framing takes crlf, length or both, not '\(framing)'")
        }
        if framings.contains("crlf"), messages.contains(where: { $0.contains("\r\n") }) {
            throw DemoError.badOption("a message containing CRLF cannot be framed by CRLF; use --framing length")
        }
        let cuts = try options.list("cuts").map { text -> Int in
            guard let value = Int(text), value > 0 else {
                throw DemoError.badOption("--cuts takes positive byte offsets, not '\(text)'")
            }
            return value
        }
        return Parameters(
            messages: messages, framings: framings, reads: try options.int("reads", default: 4, in: 1...64), cuts: cuts)
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var random = SplitMix64(seed: seed)
        var parameters = parameters
        if parameters.messages.isEmpty {
            parameters.messages = (0..<3).map { _ in sample[Int(random.next() % UInt64(sample.count))] }
        }
        var steps: [Step] = []
        var streams: [String: String] = [:]
        var recovered = true
        for framing in parameters.framings {
            let stream =
                framing == "crlf" ? DelimiterDecoder.encode(parameters.messages) : LengthPrefixDecoder.encode(parameters.messages)
            streams[framing] = stream.hexString
            var cuts = parameters.cuts.filter { $0 < stream.count }
            if parameters.cuts.isEmpty && stream.count > 1 {
                var points = Set<Int>()
                while points.count < min(parameters.reads - 1, stream.count - 1) {
                    points.insert(1 + Int(random.next() % UInt64(stream.count - 1)))
                }
                cuts = points.sorted()
            }
            let bounds = [0] + Array(Set(cuts)).sorted() + [stream.count]
            var delimiter = DelimiterDecoder()
            var length = LengthPrefixDecoder()
            var decoded: [String] = []
            for (read, (from, to)) in zip(bounds, bounds.dropFirst()).enumerated() {
                let chunk = Array(stream[from..<to])
                let step: DecodeStep
                do {
                    step = framing == "crlf" ? try delimiter.feed(chunk) : try length.feed(chunk)
                } catch {
                    throw DemoError.impossible(error.description)
                }
                decoded += step.messages
                steps.append(Step(framing: framing, read: read + 1, bytes: chunk.hexString, decode: step))
            }
            recovered = recovered && decoded == parameters.messages
        }
        return DemoTrace(demo: name, params: parameters, trace: steps, result: Outcome(streams: streams, recovered: recovered))
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
        var lines = [TCPPaint(style).bold("Framing messages on a TCP byte stream"), ""]
        lines.append("messages written: " + trace.params.messages.map { "\"\($0)\"" }.joined(separator: ", "))
        for framing in trace.params.framings {
            lines.append("")
            let title = framing == "crlf" ? "CRLF delimiter" : "2-byte length prefix"
            lines.append(TCPPaint(style).bold(title) + ": stream \"\(printable(trace.result.streams[framing] ?? ""))\"")
            for step in trace.trace where step.framing == framing {
                lines.append("  read \(step.read): \"\(printable(step.bytes))\"")
                let found =
                    step.decode.messages.isEmpty
                    ? "no complete message" : step.decode.messages.map { "\"\($0)\"" }.joined(separator: ", ")
                lines.append(
                    "    buffer \(step.decode.buffered) B -> " + TCPPaint(style).green(found)
                        + "; compact: drop \(step.decode.consumed) B, keep \(step.decode.remaining) B")
            }
        }
        lines.append("")
        lines.append(
            trace.result.recovered
                ? "every framing recovered the messages in order" : TCPPaint(style).red("messages were not recovered"))
        return lines.joined(separator: "\n") + "\n"
    }
}
