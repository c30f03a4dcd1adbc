import Basics
import Testing

@testable import Demos
@testable import Models

/// Garbage and damaged input must end in a clear error or a parse, never a crash.
struct HTTPParserFuzzTests {
    /// Valid input with a few octets replaced, inserted or dropped, fed in random pieces.
    static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var out = bytes
        let interesting: [UInt8] = Array("\r\n :-+0fFzx;\t".utf8) + [0, 0xff]
        for _ in 0..<Int.random(in: 1...4, using: &random) where !out.isEmpty {
            let index = Int.random(in: 0..<out.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: out[index] = interesting.randomElement(using: &random)!
            case 1: out.insert(interesting.randomElement(using: &random)!, at: index)
            default: out.remove(at: index)
            }
        }
        return out
    }

    @Test func http1ParserSurvivesDamagedStreams() {
        let valid = Array(HTTP1ParserTests.pipelined.utf8)
        var random = SplitMix64(seed: 99)
        var errors = 0
        for _ in 0..<400 {
            let bytes = Self.mutate(valid, &random)
            var parser = HTTP1Parser(role: .server)
            var actions = HTTPMessageDemo.split(bytes, maxRead: 9, random: &random).flatMap { parser.receive($0) }
            actions += parser.receiveEnd()
            let failures = actions.filter { if case .error = $0 { true } else { false } }
            #expect(failures.count <= 1)
            if case .error(let error)? = failures.first {
                errors += 1
                #expect(!error.description.isEmpty)
                #expect(actions.last == failures.first)
            }
        }
        #expect(errors > 100)
    }

    @Test func hpackDecoderSurvivesRandomOctets() {
        var random = SplitMix64(seed: 7)
        var encoder = HPACKEncoder()
        let valid = encoder.encode(HPACKDemo.rfcResponses[2]).bytes.bytes
        for round in 0..<400 {
            let bytes =
                round % 2 == 0
                ? Self.mutate(valid, &random)
                : (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            var decoder = HPACKDecoder()
            do {
                let block = try decoder.decode(bytes)
                #expect(decoder.table.size <= 4096 && block.representations.count <= bytes.count)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }

    @Test func http2FrameParserSurvivesDamagedStreams() throws {
        let options = ["--window", "2048", "--cancel", "1"]
        let trace = try HTTP2FramesDemo.run(HTTP2FramesDemo.parameters(from: options), seed: 3)
        let valid = trace.trace.filter { $0.direction == "server" }.flatMap(\.bytes.bytes)
        var random = SplitMix64(seed: 11)
        for _ in 0..<200 {
            var parser = HTTP2FrameParser(expectPreface: false)
            let actions = HTTPMessageDemo.split(Self.mutate(valid, &random), maxRead: 300, random: &random)
                .flatMap { parser.receive($0) }
            #expect(actions.filter { if case .error = $0 { true } else { false } }.count <= 1)
        }
    }
}
