import Foundation
import TestSupport
import Testing

@testable import Demos
@testable import Models

struct HPACKDemoTests {
    @Test func replayingAppendixC4GivesTheRFCBlocks() throws {
        let trace = try HPACKDemo.run(
            HPACKDemo.Parameters(requests: 3, huffman: false, tableSize: 1, example: "C.4"), seed: 0)
        #expect(trace.params.huffman && trace.params.tableSize == 4096)
        #expect(
            trace.trace.map(\.bytes.hex) == [
                "828684418cf1e3c2e5f23a6ba0ab90f4ff", "828684be5886a8eb10649cbf",
                "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf",
            ])
        #expect(trace.trace.map(\.tableSize) == [57, 110, 164])
    }

    /// Seed 3: three requests of a curl session to www.example.com.
    @Test func seedThreePinsTheSavings() throws {
        let trace = try HPACKDemo.run(HPACKDemo.Parameters(requests: 3, huffman: true, tableSize: 4096), seed: 3)
        #expect(trace.trace.map(\.encodedSize) == [81, 64, 33])
        #expect(trace.result == HPACKDemo.Outcome(blocks: 3, plainSize: 632, encodedSize: 178, saved: 454, percent: 28))
        // The cookie is sent never-indexed every time, so it is never in the table.
        #expect(trace.trace.allSatisfy { !$0.table.contains { $0.name == "cookie" } })
        #expect(trace.trace[2].representations.filter { $0.kind == .indexed }.count == 6)
    }

    @Test func aZeroSizedTableStillEncodesButSavesOnlyByStaticIndexAndHuffman() throws {
        let trace = try HPACKDemo.run(HPACKDemo.Parameters(requests: 4, huffman: true, tableSize: 0), seed: 9)
        #expect(trace.trace.allSatisfy { $0.table.isEmpty })
        #expect(trace.trace.dropFirst().allSatisfy { $0.encodedSize > 30 })
    }

    @Test func optionsAreReadAndBadOnesRefused() throws {
        let options = ["--requests", "5", "--no-huffman", "--table-size", "256"]
        #expect(try HPACKDemo.parameters(from: options) == .init(requests: 5, huffman: false, tableSize: 256))
        #expect(throws: DemoError.badOption("--requests must be between 1 and 10")) {
            _ = try DemoCatalog.execute(name: "http2.hpack", arguments: ["--requests", "0"], seed: 1, json: false, style: .plain)
        }
        #expect(throws: DemoError.self) {
            _ = try DemoCatalog.execute(
                name: "http2.hpack", arguments: ["--example", "C.9"], seed: 1, json: false, style: .plain)
        }
    }

    @Test func renderingStaysWithinEightyColumns() throws {
        for options in [["--requests", "10"], ["--example", "C.6"], ["--table-size", "120"]] {
            let text = try DemoCatalog.execute(name: "http2.hpack", arguments: options, seed: 2, json: false, style: .plain)
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
            #expect(!text.contains("\u{1B}"))
        }
    }

    @Test(
        .enabled(if: Checker.runs(HTTPPythonCheck.hasHPACK), "python3 with hpack not installed"),
        arguments: [
            ["--requests", "10"], ["--example", "C.5"], ["--example", "C.6"], ["--no-huffman", "--table-size", "150"],
        ])
    func pythonHpackDecodesEveryBlock(_ options: [String]) throws {
        let result = try HTTPPythonCheck.check("check_hpack.py", demo: "http2.hpack", options, seed: 11)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok:"))
    }

    @Test(.enabled(if: Checker.runs(HTTPPythonCheck.hasHPACK), "python3 with hpack not installed"))
    func pythonHpackCheckerCatchesAWrongField() throws {
        var json = try DemoCatalog.execute(name: "http2.hpack", arguments: [], seed: 1, json: true, style: .plain)
        json = json.replacingOccurrences(of: "\"GET\"", with: "\"PUT\"")
        let result = try HTTPPythonCheck.run(
            [HTTPPythonCheck.scripts.appendingPathComponent("check_hpack.py").path],
            stdin: Data(json.utf8))
        #expect(result.status == 1)
    }
}
