import Basics
import Foundation
import TestSupport
import Testing

@testable import Demos
@testable import Models

struct HTTP2FrameTests {
    @Test(arguments: [
        (HTTP2Frame.settings([(.maxFrameSize, 16384)]), "000006 04 00 00000000 0005 00004000"),
        (HTTP2Frame.settingsAck, "000000 04 01 00000000"),
        (HTTP2Frame.windowUpdate(stream: 3, increment: 32768), "000004 08 00 00000003 00008000"),
        (HTTP2Frame.rstStream(stream: 5, errorCode: 8), "000004 03 00 00000005 00000008"),
        (HTTP2Frame.goaway(lastStream: 7, errorCode: 0), "000008 07 00 00000000 00000007 00000000"),
        (HTTP2Frame.data(stream: 1, Array("hi".utf8), endStream: true, padding: 3), "000005 00 09 00000001 02 6869 0000"),
        (HTTP2Frame.headers(stream: 1, block: [0x82, 0x84], endStream: true), "000002 01 05 00000001 8284"),
        (HTTP2Frame.ping([1, 2, 3, 4, 5, 6, 7, 8], ack: true), "000008 06 01 00000000 0102030405060708"),
    ])
    func framesHaveTheNineOctetHeaderOfRFC9113(frame: HTTP2Frame, hex: String) {
        #expect(HTTPBytes(frame.bytes).hex == hex.replacingOccurrences(of: " ", with: ""))
        #expect(frame.bytes.count == HTTP2Frame.headerSize + frame.payload.count)
    }

    @Test func theReservedBitIsNeverSentAndIgnoredOnReceipt() {
        let frame = HTTP2Frame(.data, stream: 0xffff_ffff, payload: [])
        #expect(frame.bytes[5] == 0x7f)
        var parser = HTTP2FrameParser(expectPreface: false)
        #expect(parser.receive(frame.bytes) == [.frame(HTTP2Frame(.data, stream: 0x7fff_ffff, payload: []))])
    }

    static func frames(_ error: HTTP2FrameError?, for bytes: [UInt8], preface: Bool = false) -> Bool {
        var parser = HTTP2FrameParser(expectPreface: preface)
        let actions = bytes.flatMap { parser.receive([$0]) }
        if let error { return actions.last == .error(error) }
        return !actions.contains { if case .error = $0 { true } else { false } }
    }

    @Test func frameRuleViolationsGetTheirErrorCodes() {
        #expect(Self.frames(.badPreface, for: Array("GET / HTTP/1.1\r\n".utf8), preface: true))
        #expect(Self.frames(.frameTooLarge(length: 16385, maximum: 16384), for: [0x00, 0x40, 0x01, 0, 0, 0, 0, 0, 1]))
        #expect(
            Self.frames(.streamNonZero(type: "SETTINGS", stream: 1), for: HTTP2Frame(.settings, stream: 1, payload: []).bytes))
        #expect(
            Self.frames(
                .badLength(type: "PING", length: 7), for: HTTP2Frame(.ping, stream: 0, payload: [0, 0, 0, 0, 0, 0, 0]).bytes))
        #expect(
            Self.frames(
                .badLength(type: "SETTINGS", length: 5), for: HTTP2Frame(.settings, stream: 0, payload: [0, 1, 0, 0, 0]).bytes))
        #expect(Self.frames(.zeroWindowIncrement(stream: 1), for: HTTP2Frame.windowUpdate(stream: 1, increment: 0).bytes))
        #expect(Self.frames(.streamZero(type: "DATA"), for: HTTP2Frame.data(stream: 0, [1], endStream: false).bytes))
        #expect(
            Self.frames(
                .paddingTooLong(padding: 9, length: 3), for: HTTP2Frame(.data, flags: 0x8, stream: 1, payload: [9, 0, 0]).bytes))
        #expect(HTTP2FrameError.frameTooLarge(length: 1, maximum: 0).code == "FRAME_SIZE_ERROR")
        // Unknown types pass: a receiver ignores them (RFC 9113 §4.1).
        #expect(Self.frames(nil, for: HTTP2Frame(type: 0xfa, stream: 0, payload: [1, 2]).bytes))
    }

    static func run(_ options: [String], seed: UInt64 = 1) throws -> DemoTrace<
        HTTP2FramesDemo.Parameters, HTTP2FramesDemo.Step, HTTP2FramesDemo.Outcome
    > {
        let parsed = options
        return try HTTP2FramesDemo.run(HTTP2FramesDemo.parameters(from: parsed), seed: seed)
    }

    /// The whole conversation, cut into random reads, parses back into the same frames.
    @Test(arguments: [[], ["--window", "4096", "--padding", "17"], ["--streams", "8", "--cancel", "3"], ["--cookie", "40000"]])
    func everyFrameOfTheDemoParsesBack(_ options: [String]) throws {
        let trace = try Self.run(options)
        for side in ["client", "server"] {
            let steps = trace.trace.filter { $0.direction == side }
            let stream = steps.flatMap(\.bytes.bytes)
            var parser = HTTP2FrameParser(expectPreface: side == "client")
            var random = SplitMix64(seed: 5)
            let actions = HTTPMessageDemo.split(stream, maxRead: 700, random: &random).flatMap { parser.receive($0) }
            let expected = steps.map { step -> HTTP2FrameParser.Action in
                if step.type == "PREFACE" { return .preface }
                return .frame(
                    HTTP2Frame(
                        type: step.bytes.bytes[3], flags: step.bytes.bytes[4], stream: step.stream,
                        payload: Array(step.bytes.bytes.dropFirst(9))))
            }
            #expect(actions == expected)
        }
    }

    /// The server never sends more than the windows allow, and every body arrives whole.
    @Test(arguments: [(1024, 0), (4096, 10), (65535, 0), (100_000, 256)])
    func flowControlIsRespected(window: Int, padding: Int) throws {
        let trace = try Self.run(["--streams", "3", "--size", "50000", "--window", "\(window)", "--padding", "\(padding)"])
        var connection = HTTP2FramesDemo.initialConnectionWindow
        var streams: [UInt32: Int] = [1: window, 3: window, 5: window]
        var received: [UInt32: Int] = [:]
        for step in trace.trace {
            if step.type == "DATA" {
                connection -= step.length
                streams[step.stream]! -= step.length
                #expect(connection >= 0 && streams[step.stream]! >= 0)
                #expect(step.connectionWindow == connection && step.streamWindow == streams[step.stream])
                #expect(step.length <= 16384)
                received[step.stream, default: 0] += step.length - padding
            } else if step.type == "WINDOW_UPDATE" {
                let increment = Int(HTTP2Frame.readUInt32(Array(step.bytes.bytes.dropFirst(9)), at: 0))
                if step.stream == 0 { connection += increment } else { streams[step.stream]! += increment }
            }
        }
        #expect(received == [1: 50000, 3: 50000, 5: 50000])
        #expect(trace.trace.last?.type == "GOAWAY")
    }

    /// Seed 1, defaults: three 20000-octet bodies, each in a 16384 and a 3616 octet DATA frame.
    @Test func seedOnePinsTheDefaultConnection() throws {
        let trace = try Self.run([])
        #expect(trace.trace.map(\.type).prefix(7) == ["PREFACE", "SETTINGS", "SETTINGS", "SETTINGS", "SETTINGS", "PING", "PING"])
        #expect(trace.trace.filter { $0.type == "DATA" }.map(\.length) == [16384, 16384, 16384, 3616, 3616, 3616])
        #expect(trace.result.windowUpdates == 0)
        #expect(trace.result.frames == 19 && trace.result.dataOctets == 60000 && trace.result.frameHeaderOctets == 171)
        #expect(trace.trace[1].bytes.hex == "00001204000000000000020000000000040000ffff000500004000")
    }

    @Test func aCancelledStreamStopsGettingData() throws {
        let trace = try Self.run(["--streams", "2", "--size", "40000", "--cancel", "1"])
        let reset = try #require(trace.trace.firstIndex { $0.type == "RST_STREAM" })
        #expect(trace.trace[reset].stream == 1 && trace.trace[reset].summary == "CANCEL")
        #expect(!trace.trace[(reset + 1)...].contains { $0.type == "DATA" && $0.stream == 1 })
        #expect(trace.result.cancelledStreams == 1 && trace.result.completedStreams == 1)
    }

    @Test func aHeaderBlockLargerThanAFrameContinuesInCONTINUATIONFrames() throws {
        let trace = try Self.run(["--streams", "1", "--cookie", "50000"])
        let client = trace.trace.filter { $0.direction == "client" && ($0.type == "HEADERS" || $0.type == "CONTINUATION") }
        #expect(client.map(\.type) == ["HEADERS", "CONTINUATION", "CONTINUATION"])
        #expect(client.map(\.flags) == [["END_STREAM"], [], ["END_HEADERS"]])
        #expect(client.dropLast().allSatisfy { $0.length == 16384 })
        // The three fragments together are one HPACK block that decodes to the request.
        var decoder = HPACKDecoder()
        let block = try decoder.decode(client.flatMap { Array($0.bytes.bytes.dropFirst(9)) })
        #expect(block.fields == client.last?.fields)
        #expect(block.fields.last?.value.count == 50004)
    }

    @Test func optionsOutsideTheRFCsLimitsAreRefused() {
        #expect(throws: DemoError.badOption("--max-frame must be between 16384 and 16777215")) {
            try Self.run(["--max-frame", "1000"])
        }
        #expect(throws: DemoError.badOption("--cancel 4: there are only 3 streams")) { try Self.run(["--cancel", "4"]) }
    }

    @Test func renderingStaysWithinEightyColumns() throws {
        for options in [[], ["--window", "1024", "--padding", "100", "--cancel", "2"], ["--streams", "8", "--size", "0"]] {
            let text = try DemoCatalog.execute(name: "http2.frames", arguments: options, seed: 4, json: false, style: .plain)
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(options)")
        }
    }

    @Test(
        .enabled(if: Checker.runs(HTTPPythonCheck.hasHPACK), "python3 with hpack not installed"),
        arguments: [[], ["--streams", "8", "--window", "2048"], ["--size", "0"], ["--cookie", "50000", "--streams", "2"]])
    func pythonHpackDecodesTheHeadersFrames(_ options: [String]) throws {
        let result = try HTTPPythonCheck.check("check_hpack.py", demo: "http2.frames", options, seed: 6)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok:"))
    }
}
