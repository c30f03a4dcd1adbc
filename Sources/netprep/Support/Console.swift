import Anki
import ArgumentParser
import Basics
import Demos
import Export
import Foundation
import Models
import Notes
import Scheduler
import Store

#if canImport(Glibc)
    import Glibc
#endif

/// Where output goes and how it may look: results on stdout, everything else on stderr;
/// colour only on a terminal, never with NO_COLOR or TERM=dumb.
enum Console {
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// Colour is allowed unless NO_COLOR is set to anything (no-color.org) or TERM=dumb.
    static var colorAllowed: Bool {
        if ProcessEnvironment.nonEmpty("NO_COLOR") != nil { return false }
        return ProcessEnvironment.value("TERM") != "dumb"
    }

    static var useColor: Bool { stdoutIsTerminal && colorAllowed }

    static func bold(_ text: String) -> String { Paint(enabled: useColor).bold(text) }
    static func dim(_ text: String) -> String { Paint(enabled: useColor).dim(text) }
    static func accent(_ text: String) -> String { Paint(enabled: useColor).cyan(text) }

    /// The width ArgumentParser wraps its help to: `COLUMNS` when it is a number, else the
    /// terminal's on stdout, else 80.
    static var helpColumns: Int {
        ProcessEnvironment.value("COLUMNS").flatMap(Int.init) ?? terminalColumns ?? 80
    }

    /// Columns of the terminal on stdout, 80 when it is not one.
    static var width: Int { stdoutIsTerminal ? terminalColumns ?? 80 : 80 }

    /// The width the terminal on stdout reports; nil when stdout is not a terminal.
    private static var terminalColumns: Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    static func warn(_ message: String) {
        try? FileHandle.standardError.write(contentsOf: Data("netprep: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        try? FileHandle.standardError.write(contentsOf: Data((message + "\n").utf8))
    }

    /// A progress callback that draws `label: done/total` on a terminal's stderr, and nothing
    /// when stderr is piped or the job is small.
    static func progress(_ label: String) -> ImportProgress? {
        guard stderrIsTerminal else { return nil }
        return { done, total in
            guard total >= 200 else { return }
            try? FileHandle.standardError.write(contentsOf: Data("\r\(label): \(done)/\(total) files".utf8))
            if done == total { try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K".utf8)) }
        }
    }

    /// A path under the current folder or the home folder, shortened (`tcp.md`, `~/notes/tcp.md`).
    static func shortPath(_ path: String) -> String {
        let (current, home) = folders
        if path.hasPrefix(current) { return String(path.dropFirst(current.count)) }
        if path.hasPrefix(home + "/") { return "~" + path.dropFirst(home.count) }
        return path
    }

    /// The current folder and the home folder, looked up once (the password database's home folder reads /etc/passwd).
    private static let folders = (FileManager.default.currentDirectoryPath + "/", ProcessEnvironment.home)

    /// Prints one JSON Lines record.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// The one place that turns the library's typed errors into what a person sees: the message
/// for stderr and the exit status (64 for a bad option, as ArgumentParser gives for bad usage;
/// 1 for anything else). Nil for errors that are not ours (ArgumentParser's own, `ExitCode`).
enum Failure {
    static func report(for error: any Error) -> (message: String, status: ExitCode)? {
        switch error {
        case let error as DemoError:
            if case .badOption = error { return (error.description, .validationFailure) }
            return (error.description, .failure)
        case let error as StoreError: return (error.description, .failure)
        case let error as NoteError: return (error.description, .failure)
        case let error as ExportError: return (error.description, .failure)
        case let error as ReviewError: return (error.description, .failure)
        case let error as SchedulerError: return (error.description, .validationFailure)
        case let error as ReviewHistoryError: return (error.description, .failure)
        case let error as FSRSOptimizer.Failure: return (error.description, .failure)
        default: return nil
        }
    }
}

/// Runs a command body, turning the library's errors into `netprep: message` on stderr and
/// their exit status (`Failure`); usage errors stay with ArgumentParser.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        guard let report = Failure.report(for: error) else { throw error }
        Console.warn(report.message)
        throw report.status
    }
}
