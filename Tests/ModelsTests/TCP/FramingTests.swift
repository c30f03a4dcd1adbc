import Testing

@testable import Demos
@testable import Models

@Suite struct FramingTests {
    static let messages = ["GET /", "", "hi", "a\rb"]

    /// Every way of cutting the stream into three reads gives the messages back, for both
    /// decoders: small enough to try exhaustively.
    @Test func everyCutOfTheStreamRecoversTheMessages() throws {
        for framing in ["crlf", "length"] {
            let stream = framing == "crlf" ? DelimiterDecoder.encode(Self.messages) : LengthPrefixDecoder.encode(Self.messages)
            for first in 0...stream.count {
                for second in first...stream.count {
                    var crlf = DelimiterDecoder()
                    var length = LengthPrefixDecoder()
                    var decoded: [String] = []
                    for chunk in [stream[0..<first], stream[first..<second], stream[second...]] {
                        let step = framing == "crlf" ? try crlf.feed(Array(chunk)) : try length.feed(Array(chunk))
                        decoded += step.messages
                        #expect(step.buffered - step.consumed == step.remaining)
                    }
                    #expect(decoded == Self.messages, "\(framing) cut at \(first), \(second)")
                    #expect(crlf.buffer.isEmpty && length.buffer.isEmpty)
                }
            }
        }
    }

    @Test func crAtTheEndOfOneReadAndLFAtTheStartOfTheNextMakeOneDelimiter() throws {
        var decoder = DelimiterDecoder()
        #expect(try decoder.feed(Array("ab\r".utf8)).messages == [])
        let step = try decoder.feed(Array("\ncd".utf8))
        #expect(step.messages == ["ab"])
        #expect(step.consumed == 4 && step.remaining == 2)
    }

    @Test func compactionKeepsOnlyTheIncompleteTail() throws {
        var decoder = LengthPrefixDecoder()
        let step = try decoder.feed([0, 2] + Array("hi".utf8) + [0, 5] + Array("wo".utf8))
        #expect(step == DecodeStep(buffered: 8, messages: ["hi"], consumed: 4, remaining: 4))
        #expect(decoder.buffer == [0, 5] + Array("wo".utf8))
    }

    @Test func oversizedLengthPrefixIsRefused() {
        var decoder = LengthPrefixDecoder(limit: 100)
        #expect(throws: FramingError.tooLong(limit: 100, got: 0x0101)) { try decoder.feed([1, 1]) }
    }

    @Test func endlessLineIsRefused() {
        var decoder = DelimiterDecoder(limit: 4)
        #expect(throws: FramingError.self) { try decoder.feed(Array("abcdefgh".utf8)) }
    }

    @Test func demoCutsAtGivenOffsets() throws {
        let options = words(["messages": "hello,world", "framing": "crlf", "cuts": "3,9"])
        let trace = try FramingDemo.run(try FramingDemo.parameters(from: options), seed: 1)
        #expect(trace.trace.map { FramingDemo.printable($0.bytes) } == ["hel", "lo\\r\\nwo", "rld\\r\\n"])
        #expect(trace.trace.map(\.decode.remaining) == [3, 2, 0])
        #expect(trace.result.recovered)
    }

    @Test func randomCutsComeFromTheSeed() throws {
        let options = words(["reads": "5"])
        let parameters = try FramingDemo.parameters(from: options)
        let trace = try FramingDemo.run(parameters, seed: 9)
        #expect(trace.trace == (try FramingDemo.run(parameters, seed: 9)).trace)
        #expect(trace.trace.filter { $0.framing == "crlf" }.count == 5)
        #expect(trace.result.recovered)
    }
}
