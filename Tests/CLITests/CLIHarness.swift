import Foundation
import Testing

/// Runs the built `netprep` binary and captures what it prints.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The netprep under test: `NETPREP_BINARY` (to run these tests against a release build), else
    /// the one built beside the tests.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["NETPREP_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for directory in candidates {
            let url = directory.appendingPathComponent("netprep")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: ".build/debug/netprep")
    }()

    /// A fresh database path in a fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, directory: URL? = nil
    ) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // The reader's language comes from the locale: the same one on every machine.
        for name in ["LANGUAGE", "LC_ALL", "LC_MESSAGES"] { env[name] = nil }
        env["LANG"] = "en_US.UTF-8"
        for (key, value) in environment { env[key] = value }
        return try launch(binary, arguments, environment: env, stdin: stdin, directory: directory)
    }

    /// Runs another program found on PATH (a checker such as Graphviz's `dot`).
    static func runProgram(_ name: String, _ arguments: [String]) throws -> Result {
        try launch(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, environment: nil, stdin: nil, directory: nil)
    }

    private static func launch(
        _ executable: URL, _ arguments: [String], environment: [String: String]?, stdin: String?, directory: URL?
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}
