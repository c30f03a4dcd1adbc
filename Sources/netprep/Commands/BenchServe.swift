import ArgumentParser
import Benchmarks
import Foundation
import Store
import Web

/// `netprep bench serve`: page loads of the web app on the built-in notes.
struct BenchServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Time the web app's pages (netprep serve) on the built-in notes.",
        discussion: """
            Starts the app on a free loopback port over a fresh database (or --db), loads each
            page over a new connection, and prints the median and p99 per page. Exits 1 if a
            page fails or takes 100 ms or more.

            Examples:
              netprep bench serve
              netprep bench serve --samples 200 --json
            """
    )

    @Option(help: ArgumentHelp("The database file (default: a fresh one, removed afterwards).", valueName: "file"))
    var db: String?

    @Option(help: "Loads per page.")
    var samples = 50

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(samples) else { throw ValidationError("--samples must be between 1 and 10000") }
    }

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-bench-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = db ?? folder.appendingPathComponent("bench.sqlite").path
        let database = try GlobalOptions.openDatabase(path: path, usesBuiltin: true)
        let settings = WebApp.Settings(
            language: .en, scheduler: try SchedulingPreferences.scheduler(database), dot: GraphLayout.findDot())
        let app = WebApp(database: database, settings: settings)
        let (addresses, continuation) = AsyncStream.makeStream(of: String.self)
        let server = Task { try await app.run(port: 0) { continuation.yield($0) } }
        var iterator = addresses.makeAsyncIterator()
        guard let url = await iterator.next(), let port = Int(url.split(separator: ":").last?.dropLast() ?? "") else {
            server.cancel()
            throw ExitCode.failure
        }
        let samples = self.samples
        let report = await Task.detached { PageLoadBenchmark.run(port: port, samples: samples) }.value
        server.cancel()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            if settings.dot == nil { print("(Graphviz not installed: /graph shows a list)") }
            print(report.rendered())
        }
        if !report.passed { throw ExitCode.failure }
    }
}
