import ArgumentParser
import Basics
import Benchmarks
import Foundation
import Store

/// `netprep bench search`: import speed, no-op re-import, and search latency against ripgrep.
struct BenchSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Benchmark import and search on a synthetic corpus, against ripgrep.",
        discussion: """
            Generates mixed Chinese and English notes, imports them into a fresh
            database, imports again (nothing changed), then runs each query as a
            whole `netprep search` process and as `rg -l` over the same files.
            Build with scripts/build-release.sh first.

            Then times the commands people run most on the built-in notes against a C
            no-op, and reports the peak memory of the import.

            Targets: import >= 20 MB/s; no-op re-import of 5,000 files < 0.2 s;
            search median < 4 ms per process and >= 10x faster than ripgrep; a command
            that does no work within 2 ms of a C no-op; peak memory < 300 MB.
            """
    )

    @Option(help: "Number of files.") var files = 5000
    @Option(help: "Total size in MB.") var megabytes = 110
    @Option(help: "Runs of each query.") var runs = 5
    @Option(help: "Folder for the corpus and database (default: a temporary folder, removed after).")
    var workdir: String?

    func run() throws {
        let fileManager = FileManager.default
        let base =
            workdir.map { URL(fileURLWithPath: $0) }
            ?? fileManager.temporaryDirectory.appendingPathComponent("netprep-bench-\(getpid())")
        let corpus = base.appendingPathComponent("corpus")
        let databasePath = base.appendingPathComponent("bench.sqlite").path
        try? fileManager.removeItem(at: base)
        try fileManager.createDirectory(at: corpus, withIntermediateDirectories: true)
        defer { if workdir == nil { try? fileManager.removeItem(at: base) } }

        Console.note("generating \(files) files, ~\(megabytes) MB ...")
        let bytes = try SyntheticCorpus.write(files: files, totalBytes: megabytes * 1_000_000, to: corpus, seed: 42)
        let megabytesWritten = Double(bytes) / 1_000_000

        let database = try AppDatabase(path: databasePath)
        let importer = Importer(database: database)
        var start = Date()
        let first = try importer.importPaths([corpus.path], origin: .user)
        let importSeconds = Date().timeIntervalSince(start)
        let peakMegabytes = Self.peakMemoryMegabytes()
        start = Date()
        let second = try importer.importPaths([corpus.path], origin: .user)
        let noopSeconds = Date().timeIntervalSince(start)

        let executable = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        let queries = [
            "handshake", "congestion", "multiplexing", "三次握手", "拥塞", "握手", "粘包", "certificate",
            "滑动窗口", "gossip", "慢启动", "heartbeat", "队头阻塞", "resolver", "单点登录", "retransmission",
            "协议栈", "fanout", "证书链", "throughput",
        ]
        var netprepTimes: [Double] = []
        var ripgrepTimes: [Double] = []
        let ripgrep = ProcessEnvironment.executable(named: "rg")
        for _ in 0..<runs {
            for query in queries {
                netprepTimes.append(
                    try Self.time(executable.path, ["search", query, "--db", databasePath, "--no-builtin", "--limit", "10"]))
                if let ripgrep {
                    ripgrepTimes.append(try Self.time(ripgrep, ["-l", "--fixed-strings", query, corpus.path]))
                }
            }
        }
        let medianSearch = Self.percentile(netprepTimes, 0.5)
        print(String(format: "corpus:            %d files, %.1f MB", files, megabytesWritten))
        print(
            String(
                format: "import:            %.2f s, %.1f MB/s (%d notes)", importSeconds, megabytesWritten / importSeconds,
                first.added))
        print(String(format: "no-op re-import:   %.3f s (%d unchanged)", noopSeconds, second.unchanged))
        print(String(format: "peak memory:       %.0f MB (this process, after the import)", peakMegabytes))
        print(
            String(
                format: "search (process):  median %.1f ms, p99 %.1f ms over %d runs", medianSearch * 1000,
                Self.percentile(netprepTimes, 0.99) * 1000, netprepTimes.count))
        if ripgrep != nil {
            let medianRipgrep = Self.percentile(ripgrepTimes, 0.5)
            print(
                String(
                    format: "ripgrep (process): median %.1f ms, p99 %.1f ms", medianRipgrep * 1000,
                    Self.percentile(ripgrepTimes, 0.99) * 1000))
            let ratio = medianRipgrep / medianSearch
            print(
                ratio >= 1
                    ? String(format: "ratio:             netprep is %.1fx faster than ripgrep (median)", ratio)
                    : String(format: "ratio:             netprep is %.1fx slower than ripgrep (median)", 1 / ratio))
        } else {
            print("ripgrep:           not installed (apt-get install ripgrep) — no ratio")
        }
        try Self.startUp(
            executable: executable.path, database: base.appendingPathComponent("builtin.sqlite").path, runs: 4 * runs)
    }

    /// Whole-process times of the commands people run most, on the built-in notes (indexed by a
    /// first run), against a C program that does nothing (`/bin/true`).
    static func startUp(executable: String, database: String, runs: Int) throws {
        let noop = ProcessEnvironment.executable(named: "true") ?? "/bin/true"
        let commands: [(String, [String])] = [
            ("--version", ["--version"]), ("--help", ["--help"]), ("today", ["today", "--db", database]),
            ("search 握手", ["search", "握手", "--db", database]),
            ("show tcp.handshake", ["show", "tcp.handshake", "--db", database]),
            ("quiz (first card)", ["quiz", "--limit", "1", "--db", database]),
        ]
        _ = try time(executable, ["topics", "--db", database])
        var noopTimes: [Double] = []
        for _ in 0..<runs { noopTimes.append(try time(noop, [])) }
        let floor = percentile(noopTimes, 0.5)
        print(String(format: "start-up:          C no-op (/bin/true) median %.1f ms", floor * 1000))
        for (label, arguments) in commands {
            var times: [Double] = []
            for _ in 0..<runs { times.append(try time(executable, arguments)) }
            let median = percentile(times, 0.5)
            let padded = label + String(repeating: " ", count: max(0, 18 - TextWidth.columns(of: label)))
            print(
                "  \(padded) "
                    + String(
                        format: "median %.1f ms (%+.1f ms over the no-op), p99 %.1f ms", median * 1000, (median - floor) * 1000,
                        percentile(times, 0.99) * 1000))
        }
    }

    /// The largest resident set this process has had, in MB (`getrusage`).
    static func peakMemoryMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Wall time of one run of a program, its output discarded.
    ///
    /// Spawned and waited for directly: Foundation's `Process.waitUntilExit` polls a run loop
    /// every 50 ms on the main thread, which is where commands run.
    static func time(_ executable: String, _ arguments: [String]) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = DispatchTime.now()
        let code = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard code == 0 else {
            throw ValidationError("cannot run \(executable): \(String(cString: strerror(code)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }

}
