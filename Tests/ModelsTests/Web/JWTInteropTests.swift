import Foundation
import Testing

@testable import Models

/// Runs scripts/web/check_jwt.py (PyJWT) on the model's tokens.
enum PyJWT {
    static let script = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/web/check_jwt.py")

    static func python() -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// python3 is on PATH and `import jwt` works.
    static let available: Bool = {
        guard let python = python() else { return false }
        return (try? run(python, ["-c", "import jwt"]).status) == 0
    }()

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite struct JWTInteropTests {
    @Test(
        .enabled(if: PyJWT.available, "needs python3 with PyJWT (pip install -r scripts/web/requirements.txt)"),
        arguments: [(JWTTamper.none, 60), (.payload, 60), (.signature, 60), (.algNone, 60), (.none, 1200)])
    func pyJWTReachesTheSameVerdictAsTheModel(tamper: JWTTamper, at: Int) throws {
        let trace = try JWTDemo.run(.init(tamper: tamper, ttl: 900, at: at), seed: 21)
        let (status, output) = try PyJWT.run(
            PyJWT.python()!,
            [PyJWT.script.path, trace.result.presented, trace.result.secret, String(trace.params.now + at)])
        #expect(status == (trace.result.accepted ? 0 : 1), "\(output)")
        if let rejection = trace.result.rejection {
            #expect(output.contains(rejection.rawValue), "\(output)")
        }
    }
}
