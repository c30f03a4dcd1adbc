import Basics

/// `tcp.framing`: messages written to a byte stream, the stream cut at random read
/// boundaries, and two decoders that recover the messages.
public enum FramingDemo: Sendable {
    public static let name = "tcp.framing"

    public struct Parameters: Codable, Sendable, Equatable {
        public var messages: [String]
        public var framings: [String]
        public var reads: Int
        public var cuts: [Int]

        public init(messages: [String], framings: [String], reads: Int, cuts: [Int]) {
            self.messages = messages
            self.framings = framings
            self.reads = reads
            self.cuts = cuts
        }
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

}
