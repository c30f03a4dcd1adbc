import Basics
import Foundation

/// `gossip`: epidemic dissemination of one rumour over N nodes.
///
/// The trace is the curve of informed nodes per round of the first run; the result adds that
/// run's totals and statistics over `runs` independent runs (seeds drawn from the demo's seed),
/// set against the rounds the theory predicts (`GossipTheory`).
public enum GossipDemo: Demo {
    public struct Parameters: Codable, Sendable, Equatable {
        public var nodes: Int
        public var mode: GossipMode
        /// Partners each caller contacts per round.
        public var fanout: Int
        /// Probability each message is lost.
        public var loss: Double
        /// Fraction of the nodes other than the origin that have crashed before the start.
        public var failed: Double
        public var runs: Int
        /// A run that has not covered every live node by then stops incomplete.
        public var maxRounds: Int

        public init(
            nodes: Int = 10_000, mode: GossipMode = .push, fanout: Int = 1, loss: Double = 0, failed: Double = 0,
            runs: Int = 20, maxRounds: Int = 1000
        ) {
            self.nodes = nodes
            self.mode = mode
            self.fanout = fanout
            self.loss = loss
            self.failed = failed
            self.runs = runs
            self.maxRounds = maxRounds
        }
    }

    public struct Outcome: Codable, Sendable, Equatable {
        /// Rounds the first run took (or `maxRounds` if it stopped incomplete).
        public var rounds: Int
        /// Whether the first run reached every live node.
        public var complete: Bool
        public var live: Int
        public var informed: Int
        public var messages: Int
        /// Rumour copies delivered to live nodes.
        public var copies: Int
        /// Copies that reached a node that already had the rumour.
        public var redundant: Int
        /// Copies delivered per node informed (the origin excepted); 1 would be no waste at all.
        public var redundancy: Double
        public var statistics: GossipStatistics
        public var theory: GossipTheory
    }

    public static let name = "gossip"
    public static let summary = "Push, pull and push-pull rumour spreading: rounds to reach all N nodes"
    public static let usage = [
        "--nodes N        nodes, 2 to 1,000,000 (default 10000)",
        "--mode M         push, pull or push-pull (default push)",
        "--fanout K       partners each caller contacts per round (default 1)",
        "--loss P         probability a message is lost, 0 to 0.9 (default 0)",
        "--failed F       fraction of nodes crashed from the start, 0 to 0.9 (default 0)",
        "--runs R         independent runs for the statistics (default 20)",
        "--max-rounds M   give up after M rounds (default 1000)",
    ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        let modeName = options.string("mode", default: "push")
        guard let mode = GossipMode(rawValue: modeName) else {
            throw DemoError.badOption("--mode is push, pull or push-pull, not '\(modeName)'")
        }
        return Parameters(
            nodes: try options.int("nodes", default: 10_000, in: 2...1_000_000),
            mode: mode,
            fanout: try options.int("fanout", default: 1, in: 1...16),
            loss: try options.double("loss", default: 0, in: 0...0.9),
            failed: try options.double("failed", default: 0, in: 0...0.9),
            runs: try options.int("runs", default: 20, in: 1...1000),
            maxRounds: try options.int("max-rounds", default: 1000, in: 1...100_000))
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, GossipRound, Outcome> {
        guard (2...1_000_000).contains(parameters.nodes), (1...16).contains(parameters.fanout),
            (0...0.9).contains(parameters.loss), (0...0.9).contains(parameters.failed),
            parameters.runs >= 1, parameters.maxRounds >= 1
        else { throw DemoError.badOption("gossip parameters out of range: \(parameters)") }
        var seeds = SplitMix64(seed: seed)
        var first = GossipSimulation(
            nodes: parameters.nodes, mode: parameters.mode, fanout: parameters.fanout, loss: parameters.loss,
            failedFraction: parameters.failed, seed: seeds.next())
        let curve = first.run(maxRounds: parameters.maxRounds)
        var runRounds = [first.isComplete ? first.round : nil]
        var runMessages = [first.messagesSent]
        for _ in 1..<parameters.runs {
            var simulation = GossipSimulation(
                nodes: parameters.nodes, mode: parameters.mode, fanout: parameters.fanout, loss: parameters.loss,
                failedFraction: parameters.failed, seed: seeds.next())
            _ = simulation.run(maxRounds: parameters.maxRounds)
            runRounds.append(simulation.isComplete ? simulation.round : nil)
            runMessages.append(simulation.messagesSent)
        }
        let outcome = Outcome(
            rounds: first.round, complete: first.isComplete, live: first.liveCount, informed: first.informedCount,
            messages: first.messagesSent, copies: first.copiesDelivered, redundant: first.redundantCopies,
            redundancy: Double(first.copiesDelivered) / Double(max(1, first.informedCount - 1)),
            statistics: GossipStatistics(rounds: runRounds, messages: runMessages),
            theory: GossipTheory.predict(
                mode: parameters.mode, live: first.liveCount, fanout: parameters.fanout, loss: parameters.loss,
                failedFraction: parameters.failed))
        return DemoTrace(demo: name, params: parameters, trace: curve, result: outcome)
    }

    public static func render(_ trace: DemoTrace<Parameters, GossipRound, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        let r = trace.result
        let paint = NetPaint(style)
        var lines: [String] = []
        lines.append(
            paint.bold("gossip") + "  \(p.mode.rawValue), \(NetFormat.grouped(p.nodes)) nodes, fanout \(p.fanout), "
                + "loss \(NetFormat.percent(p.loss)), failed \(NetFormat.percent(p.failed))")
        lines.append("")
        lines.append(paint.bold("Informed live nodes after each round (run 1)"))
        lines.append("round   informed       new")
        let prefix = 27
        let barWidth = max(10, min(style.width, 100) - prefix - 1)
        var rows = [GossipRound(round: 0, informed: 1, newlyInformed: 1, messages: 0, redundant: 0)] + trace.trace
        let maxRows = 60
        if rows.count > maxRows {
            let step = (rows.count + maxRows - 1) / maxRows
            rows = rows.enumerated().filter { $0.offset % step == 0 || $0.offset == rows.count - 1 }.map(\.element)
        }
        for row in rows {
            let filled = Int((Double(row.informed) / Double(max(1, r.live)) * Double(barWidth)).rounded())
            let bar = String(repeating: "#", count: filled)
            lines.append(
                NetFormat.pad("\(row.round)", 5) + NetFormat.pad(NetFormat.grouped(row.informed), 11)
                    + NetFormat.pad(NetFormat.grouped(row.newlyInformed), 10) + " |" + paint.green(bar))
        }
        lines.append("")
        let failedNote = p.failed > 0 ? " (\(NetFormat.grouped(p.nodes - r.live)) crashed)" : ""
        if r.complete {
            lines.append(
                "run 1: all \(NetFormat.grouped(r.live)) live nodes\(failedNote) informed after "
                    + paint.bold("\(r.rounds) rounds"))
        } else {
            lines.append(
                paint.red("run 1: stopped after \(r.rounds) rounds")
                    + " with \(NetFormat.grouped(r.informed)) of \(NetFormat.grouped(r.live)) live nodes informed")
        }
        lines.append(
            "       \(NetFormat.grouped(r.messages)) messages, \(NetFormat.grouped(r.copies)) rumour copies delivered "
                + "(\(NetFormat.fixed(r.redundancy, 2)) per node,")
        lines.append("       \(NetFormat.grouped(r.redundant)) of them redundant)")
        let s = r.statistics
        if let mean = s.meanRounds {
            lines.append(
                "\(p.runs) runs: " + paint.bold("mean \(NetFormat.fixed(mean, 2)) rounds")
                    + ", sd \(NetFormat.fixed(s.standardDeviation ?? 0, 2)), min \(s.minRounds ?? 0), "
                    + "max \(s.maxRounds ?? 0)")
            if s.completeRuns < p.runs {
                lines.append(
                    paint.yellow("       \(p.runs - s.completeRuns) runs did not finish; the mean is of the rest"))
            }
            lines.append("       mean messages \(NetFormat.grouped(Int(s.meanMessages.rounded())))")
        } else {
            lines.append(paint.red("\(p.runs) runs: none reached every live node in \(p.maxRounds) rounds"))
        }
        lines.append("theory: \(r.theory.formula) = \(NetFormat.fixed(r.theory.rounds, 2)) rounds")
        lines.append("        (\(r.theory.source))")
        return lines.joined(separator: "\n")
    }
}

/// Rounds and messages over many independent runs.
public struct GossipStatistics: Codable, Sendable, Equatable {
    public var runs: Int
    /// Runs that reached every live node.
    public var completeRuns: Int
    /// Over the complete runs; nil if there were none.
    public var meanRounds: Double?
    public var standardDeviation: Double?
    public var minRounds: Int?
    public var maxRounds: Int?
    /// Over all runs.
    public var meanMessages: Double

    /// `rounds[i]` is nil for a run that did not finish.
    public init(rounds: [Int?], messages: [Int]) {
        runs = rounds.count
        let done = rounds.compactMap { $0 }
        completeRuns = done.count
        if !done.isEmpty {
            let mean = Double(done.reduce(0, +)) / Double(done.count)
            meanRounds = mean
            let variance = done.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / Double(done.count)
            standardDeviation = variance.squareRoot()
            minRounds = done.min()
            maxRounds = done.max()
        }
        meanMessages = messages.isEmpty ? 0 : Double(messages.reduce(0, +)) / Double(messages.count)
    }
}
