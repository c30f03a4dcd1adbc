import Basics
import Foundation
import Testing

@testable import Demos
@testable import Models

struct HTTP1ParserTests {
    struct Parsed: Equatable {
        var heads: [HTTP1Head] = []
        var bodies: [[UInt8]] = []
        var trailers: [[HTTPField]] = []
        var errors: [HTTP1ParseError] = []
    }

    static func feed(_ parser: inout HTTP1Parser, _ pieces: [[UInt8]], end: Bool = false) -> Parsed {
        var parsed = Parsed()
        var actions = pieces.flatMap { parser.receive($0) }
        if end { actions += parser.receiveEnd() }
        for action in actions {
            switch action {
            case .head(let head):
                parsed.heads.append(head)
                parsed.bodies.append([])
            case .body(let bytes): parsed.bodies[parsed.bodies.count - 1] += bytes
            case .end(let trailers): parsed.trailers.append(trailers)
            case .error(let error): parsed.errors.append(error)
            }
        }
        return parsed
    }

    static func requests(_ text: String, pieces: [Int]? = nil) -> Parsed {
        var parser = HTTP1Parser(role: .server)
        let bytes = Array(text.utf8)
        guard let pieces else { return feed(&parser, [bytes]) }
        var chunks: [[UInt8]] = []
        var offset = 0
        for size in pieces + [bytes.count] where offset < bytes.count {
            chunks.append(Array(bytes[offset..<min(offset + size, bytes.count)]))
            offset += size
        }
        return feed(&parser, chunks)
    }

    static let pipelined =
        "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
        + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
        + "PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n"

    @Test func writerProducesExactOctets() {
        let head = HTTP1Head.request("POST", "/api", fields: [HTTPField("Host", "example.com")])
        let bytes = HTTP1Writer.serialize(
            head, body: Array("hello world".utf8), framing: .chunked(chunkSizes: [4, 4], trailers: [HTTPField("X-Done", "1")]))
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "POST /api HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nhell\r\n4\r\no wo\r\n3\r\nrld\r\n0\r\nX-Done: 1\r\n\r\n")
        let noContent = HTTP1Writer.serialize(.response(204, "No Content", fields: []))
        #expect(String(decoding: noContent, as: UTF8.self) == "HTTP/1.1 204 No Content\r\n\r\n")
    }

    @Test func pipelinedRequestsComeOutInOrderWithBodiesAndTrailers() {
        let parsed = Self.requests(Self.pipelined)
        #expect(parsed.errors.isEmpty)
        #expect(parsed.heads.map(\.startLine) == ["GET /a HTTP/1.1", "POST /b HTTP/1.1", "PUT /c HTTP/1.1"])
        #expect(parsed.bodies.map { String(decoding: $0, as: UTF8.self) } == ["", "hello", "abcde"])
        #expect(parsed.trailers == [[], [], [HTTPField("X-Sum", "5")]])
    }

    /// Every way of cutting the stream in two, and byte by byte, gives the same messages.
    @Test func anySplitOfThePipelinedStreamParsesTheSame() {
        let whole = Self.requests(Self.pipelined)
        for cut in 1..<Self.pipelined.utf8.count {
            #expect(Self.requests(Self.pipelined, pieces: [cut]) == whole, "cut at \(cut)")
        }
        #expect(Self.requests(Self.pipelined, pieces: Array(repeating: 1, count: Self.pipelined.utf8.count)) == whole)
    }

    @Test(arguments: [
        ("GET /a HTTP/1.1\r\nHost : x\r\n\r\n", HTTP1ParseError.whitespaceBeforeColon("Host", offset: 17)),
        ("GET /a HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", .obsoleteLineFolding(offset: 26)),
        ("GET /a HTTP/1.1\nHost: x\r\n\r\n", .bareLineFeed(offset: 15)),
        ("GET /a HTTP/1.1\r\n\r\n", .missingHost),
        ("GET /a HTTP/2.0\r\nHost: x\r\n\r\n", .unsupportedVersion("HTTP/2.0", offset: 0)),
        ("GET  /a HTTP/1.1\r\nHost: x\r\n\r\n", .invalidStartLine("GET  /a HTTP/1.1", offset: 0)),
        ("GET /a HTTP/1.1\r\nHost x\r\n\r\n", .invalidFieldLine("Host x", offset: 17)),
        ("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\n", .invalidContentLength("5, 6")),
        ("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", .invalidContentLength("-1")),
        (
            "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
            .contentLengthWithTransferEncoding
        ),
        ("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", .unsupportedTransferCoding("gzip")),
        ("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", .invalidChunkSize("zz", offset: 57)),
        ("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", .invalidChunkSize("-1", offset: 57)),
        ("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\n", .invalidChunkSize("+5", offset: 57)),
        ("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc", .missingChunkTerminator(offset: 62)),
    ])
    func malformedRequestsGiveAClearError(text: String, error: HTTP1ParseError) {
        // Byte by byte, so the error is found however the input is cut.
        let parsed = Self.requests(text, pieces: Array(repeating: 1, count: text.utf8.count))
        #expect(parsed.errors == [error])
        #expect(!error.description.isEmpty)
    }

    @Test func afterAnErrorTheParserStaysFailed() {
        var parser = HTTP1Parser(role: .server)
        #expect(parser.receive(Array("BAD\r\n".utf8)).count == 1)
        #expect(parser.receive(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)).isEmpty)
        #expect(parser.receiveEnd().isEmpty)
    }

    @Test func repeatedEqualContentLengthsAreOneLength() {
        let parsed = Self.requests("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok")
        #expect(parsed.errors.isEmpty && parsed.bodies == [Array("ok".utf8)])
    }

    @Test func emptyLinesBeforeARequestAreIgnored() {
        #expect(Self.requests("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n").heads.count == 1)
    }

    @Test func aLineLongerThanTheLimitIsRefusedBeforeItEnds() {
        var parser = HTTP1Parser(role: .server)
        parser.maximumLineLength = 16
        let parsed = Self.feed(&parser, [Array("GET /\(String(repeating: "a", count: 40))".utf8)])
        #expect(parsed.errors == [.lineTooLong(limit: 16, offset: 0)])
    }

    @Test func responsesToHeadAnd204AndInterim100HaveNoBody() {
        var parser = HTTP1Parser(role: .client)
        for method in ["HEAD", "DELETE", "POST"] { parser.requestSent(method: method) }
        let stream =
            "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\n\r\n"
            + "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"
        let parsed = Self.feed(&parser, [Array(stream.utf8)])
        #expect(parsed.errors.isEmpty)
        #expect(parsed.heads.map { $0.status ?? 0 } == [200, 204, 100, 201])
        #expect(parsed.bodies == [[], [], [], Array("ok".utf8)])
        #expect(parser.isIdle)
    }

    @Test func aResponseWithoutLengthEndsWhenTheConnectionCloses() {
        var parser = HTTP1Parser(role: .client)
        parser.requestSent(method: "GET")
        let parsed = Self.feed(&parser, [Array("HTTP/1.0 200 OK\r\n\r\nall of it".utf8)], end: true)
        #expect(parsed.bodies == [Array("all of it".utf8)])
        #expect(parsed.trailers.count == 1)
    }

    @Test func closingInsideABodyIsAnError() {
        var parser = HTTP1Parser(role: .client)
        parser.requestSent(method: "GET")
        let parsed = Self.feed(&parser, [Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8)], end: true)
        #expect(parsed.errors == [.unexpectedEnd(inside: "a Content-Length body")])
    }

    @Test func aResponseNobodyAskedForIsRefused() {
        var parser = HTTP1Parser(role: .client)
        let parsed = Self.feed(&parser, [Array("HTTP/1.1 200 OK\r\n\r\n".utf8)])
        #expect(parsed.errors == [.unexpectedResponse(offset: 0)])
    }

    @Test func randomWellFormedStreamsSurviveRandomReads() {
        for seed in UInt64(0)..<30 {
            var random = SplitMix64(seed: seed)
            var bytes: [UInt8] = []
            var bodies: [[UInt8]] = []
            for number in 0..<4 {
                let (head, body) = HTTPMessageDemo.request(number: number, needsBody: false, random: &random)
                bytes += HTTP1Writer.serialize(
                    head, body: body, framing: HTTPMessageDemo.framing(Bool.random(using: &random), body, &random))
                bodies.append(body)
            }
            let pieces = HTTPMessageDemo.split(bytes, maxRead: 7, random: &random)
            var parser = HTTP1Parser(role: .server)
            let parsed = Self.feed(&parser, pieces)
            #expect(parsed.errors.isEmpty && parsed.bodies == bodies && parser.isIdle, "seed \(seed)")
        }
    }
}
