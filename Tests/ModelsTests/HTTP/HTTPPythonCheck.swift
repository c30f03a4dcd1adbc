import Foundation
import TestSupport

@testable import Demos
@testable import Models

/// Runs the independent checkers of scripts/http (h11, hpack from PyPI) on a demo's JSON.
/// When python3 or a module is missing the tests using it are skipped, and say why; in CI they fail.
enum HTTPPythonCheck {
    /// scripts/http, found from this file's place in the checkout (symlinks resolved).
    static let scripts: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("scripts/http")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: Data = Data()) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        try? input.fileHandleForWriting.write(contentsOf: stdin)
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    static let hasH11 = Checker.python("h11")
    static let hasHPACK = Checker.python("hpack")

    /// Runs a demo as `--json` and feeds it to a checker script.
    static func check(_ script: String, demo: String, _ options: [String], seed: UInt64 = 1) throws -> Result {
        let json = try DemoCatalog.execute(name: demo, arguments: options, seed: seed, json: true, style: .plain)
        return try run([scripts.appendingPathComponent(script).path], stdin: Data(json.utf8))
    }
}
