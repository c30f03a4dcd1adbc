import Basics
import Demos
import Foundation
import Models

/// Runs `openssl s_client` against the live server, when openssl is installed, to show that a
/// second, independent TLS implementation completes the same handshake and validates the chain.
public enum OpenSSLProbe {
    public struct Result: Codable, Sendable, Equatable {
        public var ran: Bool
        public var protocolVersion: String?
        public var cipherSuite: String?
        /// `Verification: OK` was printed.
        public var verified: Bool
        public var summary: String
    }

    /// The openssl executable on PATH, if any.
    public static func executable() -> String? {
        ProcessEnvironment.executable(named: "openssl")
    }

    public static func run(port: Int, rootPEM: String, version: String) async throws -> Result {
        guard let openssl = executable() else {
            return Result(ran: false, verified: false, summary: "skipped: no openssl on PATH")
        }
        let caFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("netprep-live-root-\(ProcessInfo.processInfo.processIdentifier)-\(port).pem")
        try rootPEM.write(to: caFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: caFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = [
            "s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost", "-CAfile", caFile.path,
            "-verify_return_error", "-verify_hostname", "localhost", "-brief", version == "1.3" ? "-tls1_3" : "-tls1_2",
        ]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let finished = AsyncStream<Void> { continuation in
            process.terminationHandler = { _ in continuation.finish() }
        }
        try process.run()
        try? input.fileHandleForWriting.write(contentsOf: Data("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
        try? input.fileHandleForWriting.close()
        let watchdog = Task {
            try await Task.sleep(for: .seconds(5))
            if process.isRunning { process.terminate() }
        }
        for await _ in finished {}
        watchdog.cancel()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        func value(after label: String) -> String? {
            text.split(separator: "\n").first { $0.hasPrefix(label) }
                .map { $0.dropFirst(label.count).trimmingCharacters(in: .whitespaces) }
        }
        let version = value(after: "Protocol version:")
        let suite = value(after: "Ciphersuite:")
        let verified = text.contains("Verification: OK")
        let summary =
            verified
            ? "s_client OK: \(version ?? "?"), \(suite ?? "?"), chain verified"
            : "s_client FAILED: " + (text.split(separator: "\n").first.map(String.init) ?? "no output")
        return Result(ran: true, protocolVersion: version, cipherSuite: suite, verified: verified, summary: summary)
    }
}
