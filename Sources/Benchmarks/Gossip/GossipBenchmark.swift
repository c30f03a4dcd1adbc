import Basics
import Foundation
import Models

/// `netprep bench gossip`: times full-coverage runs of the gossip model.
///
/// The only place in the net models that reads a clock: the simulations themselves stay pure,
/// and the report's rounds and messages are the same for the same seed on every machine; only
/// the seconds vary.
public enum GossipBenchmark {
    /// The target the issue sets: a million nodes to full coverage in under two seconds
    /// (release build).
    public static let budgetSeconds = 2.0

    public struct ModeReport: Codable, Sendable, Equatable {
        public var mode: GossipMode
        public var statistics: GossipStatistics
        public var theory: GossipTheory
        /// Wall-clock seconds per run.
        public var meanSeconds: Double
        public var maxSeconds: Double
        /// Every run finished within `budgetSeconds` and reached every node.
        public var withinBudget: Bool
    }

    public struct Report: Codable, Sendable, Equatable {
        public var nodes: Int
        public var runs: Int
        public var seed: UInt64
        public var modes: [ModeReport]
        /// True when every mode stayed within budget.
        public var passed: Bool { modes.allSatisfy(\.withinBudget) }

        /// A table for the terminal, within 80 columns.
        public func rendered() -> String {
            var lines = [
                "gossip benchmark: \(NetFormat.grouped(nodes)) nodes, fanout 1, \(runs) runs per mode, seed \(seed)",
                "",
                "mode        rounds (mean min-max)   theory   messages/run   s/run (max)",
            ]
            for m in modes {
                let s = m.statistics
                let rounds =
                    "\(NetFormat.fixed(s.meanRounds ?? .nan, 2)) \(s.minRounds ?? 0)-\(s.maxRounds ?? 0)"
                lines.append(
                    NetFormat.padRight(m.mode.rawValue, 10) + NetFormat.pad(rounds, 22)
                        + NetFormat.pad(NetFormat.fixed(m.theory.rounds, 1), 9)
                        + NetFormat.pad(NetFormat.grouped(Int(s.meanMessages.rounded())), 15)
                        + NetFormat.pad(
                            "\(NetFormat.fixed(m.meanSeconds, 3)) (\(NetFormat.fixed(m.maxSeconds, 3)))", 15))
            }
            lines.append("")
            let verdict = passed ? "every run within" : "some run over"
            lines.append("\(verdict) the \(NetFormat.fixed(GossipBenchmark.budgetSeconds, 0)) s budget")
            return lines.joined(separator: "\n")
        }
    }

    /// Runs each mode `runs` times over `nodes` nodes with fanout 1, no loss, no failures.
    public static func run(
        nodes: Int = 1_000_000, runs: Int = 3, seed: UInt64 = 1, modes: [GossipMode] = GossipMode.allCases
    ) -> Report {
        let clock = ContinuousClock()
        var reports: [ModeReport] = []
        for mode in modes {
            var seeds = SplitMix64(seed: seed)
            var rounds: [Int?] = []
            var messages: [Int] = []
            var seconds: [Double] = []
            for _ in 0..<max(1, runs) {
                let runSeed = seeds.next()
                var simulation = GossipSimulation(
                    nodes: nodes, mode: mode, fanout: 1, loss: 0, failedFraction: 0, seed: runSeed)
                let elapsed = clock.measure { _ = simulation.run(maxRounds: 10_000) }
                rounds.append(simulation.isComplete ? simulation.round : nil)
                messages.append(simulation.messagesSent)
                seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            let statistics = GossipStatistics(rounds: rounds, messages: messages)
            reports.append(
                ModeReport(
                    mode: mode, statistics: statistics,
                    theory: GossipTheory.predict(mode: mode, live: nodes, fanout: 1, loss: 0, failedFraction: 0),
                    meanSeconds: seconds.reduce(0, +) / Double(seconds.count), maxSeconds: seconds.max() ?? 0,
                    withinBudget: statistics.completeRuns == rounds.count && (seconds.max() ?? 0) < budgetSeconds))
        }
        return Report(nodes: nodes, runs: max(1, runs), seed: seed, modes: reports)
    }
}
