import Foundation
import TestSupport
import Testing

@testable import Demos
@testable import Models

struct HTTPMessageDemoTests {
    static func run(_ options: [String], seed: UInt64 = 1) throws -> DemoTrace<
        HTTPMessageDemo.Parameters, HTTPMessageDemo.Step, HTTPMessageDemo.Outcome
    > {
        let parsed = options
        return try HTTPMessageDemo.run(HTTPMessageDemo.parameters(from: parsed), seed: seed)
    }

    /// Seed 1, defaults: a POST, a HEAD and a PUT, pipelined.
    @Test func seedOnePinsTheExchange() throws {
        let trace = try Self.run([])
        let writes = trace.trace.filter { $0.kind == .write }
        #expect(
            writes.map { $0.head!.startLine } == [
                "POST /api/items HTTP/1.1", "HEAD /style.css HTTP/1.1", "PUT /api/items/3 HTTP/1.1",
                "HTTP/1.1 201 Created", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK",
            ])
        #expect(
            trace.result
                == HTTPMessageDemo.Outcome(requestsParsed: 3, responsesParsed: 3, serverReads: 33, clientReads: 25, error: nil))
        // The answer to HEAD announces a length but carries no body.
        #expect(writes[4].head!.values("content-length") == ["23"] && writes[4].body!.bytes.isEmpty)
        // Reads are the written octets, in order, cut up.
        let requestBytes = writes.filter { $0.side == "client" }.flatMap(\.bytes.bytes)
        #expect(trace.trace.filter { $0.kind == .read && $0.side == "server" }.flatMap(\.bytes.bytes) == requestBytes)
    }

    @Test(arguments: HTTPMessageDemo.Malformation.allCases)
    func eachMalformationStopsTheServerAndGets400(_ malformation: HTTPMessageDemo.Malformation) throws {
        let trace = try Self.run(["--requests", "2", "--malformed", malformation.rawValue], seed: 4)
        #expect(trace.result.requestsParsed == 1)
        #expect(trace.result.error != nil)
        #expect(trace.trace.last { $0.kind == .write }?.head?.status == 400)
        #expect(trace.result.responsesParsed == 2)
    }

    @Test func chunkedResponsesAnnounceAndSendATrailer() throws {
        let trace = try Self.run(["--chunked"])
        let responses = trace.trace.filter { $0.kind == .write && $0.side == "server" && !($0.body?.bytes.isEmpty ?? true) }
        #expect(!responses.isEmpty)
        for response in responses {
            #expect(response.head!.values("trailer") == ["Server-Timing"])
            #expect(response.trailers?.map(\.name) == ["Server-Timing"])
        }
        let ends = trace.trace.filter { $0.side == "client" }.flatMap(\.events).filter { $0.hasPrefix("end") }
        #expect(ends.filter { $0 == "end, 1 trailers" }.count == responses.count)
    }

    @Test func renderingStaysWithinEightyColumnsWithoutColour() throws {
        for options in [[], ["--chunked", "--requests", "6"], ["--malformed", "smuggling"], ["--max-read", "512"]] {
            let text = try DemoCatalog.execute(name: "http.message", arguments: options, seed: 3, json: false, style: .plain)
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(options)")
            #expect(!text.contains("\u{1B}"))
        }
        let coloured = try DemoCatalog.execute(
            name: "http.message", arguments: [], seed: 3, json: false, style: RenderStyle(color: true))
        #expect(coloured.contains("\u{1B}[1m"))
    }

    @Test func badOptionsAreRefused() {
        #expect(throws: DemoError.self) { try Self.run(["--malformed", "typo"]) }
        #expect(throws: DemoError.badOption("--requests must be between 1 and 6")) { try Self.run(["--requests", "9"]) }
        #expect(throws: DemoError.badOption("Unknown option '--chunky'. Did you mean '--chunked'?")) {
            _ = try DemoCatalog.execute(name: "http.message", arguments: ["--chunky"], seed: 1, json: false, style: .plain)
        }
    }

    @Test(
        .enabled(if: Checker.runs(HTTPPythonCheck.hasH11), "python3 with h11 not installed"),
        arguments: [
            [], ["--chunked", "--requests", "6"], ["--max-read", "1"], ["--malformed", "no-host"],
            ["--malformed", "bad-chunk-size"], ["--malformed", "obs-fold", "--chunked"],
        ])
    func h11ParsesEveryMessage(_ options: [String]) throws {
        let result = try HTTPPythonCheck.check("check_h11.py", demo: "http.message", options, seed: 7)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok:"))
    }

    @Test(.enabled(if: Checker.runs(HTTPPythonCheck.hasH11), "python3 with h11 not installed"))
    func h11CheckerCatchesABodyThatDisagrees() throws {
        let json = try DemoCatalog.execute(name: "http.message", arguments: [], seed: 1, json: true, style: .plain)
        var object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        var steps = object["trace"] as! [[String: Any]]
        steps[0]["body"] = "00"
        object["trace"] = steps
        let tampered = try JSONSerialization.data(withJSONObject: object)
        let result = try HTTPPythonCheck.run(
            [HTTPPythonCheck.scripts.appendingPathComponent("check_h11.py").path], stdin: tampered)
        #expect(result.status == 1)
    }
}
