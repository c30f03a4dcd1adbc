import ArgumentParser
import Benchmarks
import Demos
import Foundation
import Models

/// `netprep bench gossip`: how fast the gossip model reaches a million nodes.
struct BenchGossipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gossip",
        abstract: "Time push, pull and push-pull gossip to full coverage.",
        discussion: """
            Runs each mode several times (fanout 1, no loss, no failures) and prints the mean
            rounds next to the theory's, the messages sent and the seconds per run. Exits 1 if
            any run takes 2 s or more; build with scripts/build-release.sh for meaningful times.

            Examples:
              netprep bench gossip
              netprep bench gossip --nodes 100000 --runs 10 --mode push-pull --json
            """
    )

    @Option(help: "Nodes per run (2 to 1,000,000).")
    var nodes = 1_000_000

    @Option(help: "Runs per mode.")
    var runs = 3

    @Option(help: "Seed for the runs.")
    var seed: UInt64 = 1

    @Option(help: "push, pull, push-pull or all.")
    var mode = "all"

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        guard (2...1_000_000).contains(nodes) else { throw ValidationError("--nodes must be between 2 and 1000000") }
        guard (1...1000).contains(runs) else { throw ValidationError("--runs must be between 1 and 1000") }
        guard mode == "all" || GossipMode(rawValue: mode) != nil else {
            throw ValidationError("--mode is push, pull, push-pull or all, not '\(mode)'")
        }
    }

    func run() throws {
        let modes = GossipMode(rawValue: mode).map { [$0] } ?? GossipMode.allCases
        let report = GossipBenchmark.run(nodes: nodes, runs: runs, seed: seed, modes: modes)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.rendered())
        }
        if !report.passed { throw ExitCode.failure }
    }
}
