import Foundation
import TestSupport
import Testing

@testable import Demos
@testable import Models

/// Runs the checks in scripts/web/ (PyJWT, pyca/cryptography) on the models' output.
enum WebScripts {
    static let directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/web")

    static func python() -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static let hasPyJWT = Checker.python("jwt")
    static let hasCryptography = Checker.python("cryptography")

    /// Runs `python3 scripts/web/<script> arguments...` with `input` on stdin.
    static func script(_ name: String, _ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: String) {
        try run(python()!, [directory.appendingPathComponent(name).path] + arguments, input: input)
    }

    static func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        let stdin = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = stdin
        try process.run()
        if let input { try? stdin.fileHandleForWriting.write(contentsOf: input) }
        try? stdin.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite struct PythonInteropTests {
    @Test(
        .enabled(if: Checker.runs(WebScripts.hasPyJWT), "needs python3 with PyJWT (pip install -r scripts/web/requirements.txt)"),
        arguments: [(JWTTamper.none, 60), (.payload, 60), (.signature, 60), (.algNone, 60), (.none, 1200)])
    func pyJWTReachesTheSameVerdictAsTheModel(tamper: JWTTamper, at: Int) throws {
        let trace = try JWTDemo.run(.init(tamper: tamper, ttl: 900, at: at), seed: 21)
        let (status, output) = try WebScripts.script(
            "check_jwt.py", [trace.result.presented, trace.result.secret, String(trace.params.now + at)])
        #expect(status == (trace.result.accepted ? 0 : 1), "\(output)")
        if let rejection = trace.result.rejection {
            #expect(output.contains(rejection.rawValue), "\(output)")
        }
    }

    @Test(
        .enabled(
            if: Checker.runs(WebScripts.hasCryptography),
            "needs python3 with cryptography (pip install -r scripts/web/requirements.txt)"),
        arguments: [
            ["--version", "1.3"], ["--version", "1.3", "--group", "p256"], ["--version", "1.2"],
            ["--version", "1.2", "--kx", "rsa"],
        ])
    func pycaCryptographyRederivesKeysAndOpensEveryRecord(arguments: [String]) throws {
        let json = try DemoCatalog.execute(name: "tls.handshake", arguments: arguments, seed: 17, json: true, style: .plain)
        let (status, output) = try WebScripts.script("check_tls_trace.py", [], input: Data(json.utf8))
        #expect(status == 0, "\(output)")
        #expect(output.contains("application data record opens"))
        #expect(!output.contains("FAIL"), "\(output)")
    }
}
