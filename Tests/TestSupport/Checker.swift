import Foundation

/// The outside checkers tests compare netprep with (Python modules such as scapy, h11, anki or
/// fsrs_rs_python; programs such as openssl), and whether a test that needs one runs.
///
/// On a developer's machine a test whose checker is missing is skipped, and says why
/// (`.enabled(if: Checker.runs(...), "needs ...")`). In CI (`CI=true`) it runs anyway, so a
/// missing checker fails the run instead of passing by skipping.
public enum Checker {
    /// Whether this is a CI run: the environment's `CI` is `true` or `1`.
    public static let isCI: Bool = {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased()
        return value == "true" || value == "1"
    }()

    /// Whether a test that needs a checker runs: when the checker is there, and always in CI.
    public static func runs(_ available: Bool) -> Bool {
        available || isCI
    }

    /// Whether python3 runs and finds `module` (found, not imported: importing scapy takes
    /// seconds, so the test itself does that once).
    public static func python(_ module: String) -> Bool {
        let probe = "import importlib.util, sys; sys.exit(importlib.util.find_spec('\(module)') is None)"
        return status("/usr/bin/env", ["python3", "-c", probe]) == 0
    }

    /// Whether `name` is an executable on PATH.
    public static func program(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }

    private static func status(_ executable: String, _ arguments: [String]) -> Int32? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
