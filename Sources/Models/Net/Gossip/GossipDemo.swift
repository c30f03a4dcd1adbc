import Basics
import Foundation

/// `gossip`: epidemic dissemination of one rumour over N nodes.
///
/// The trace is the curve of informed nodes per round of the first run; the result adds that
/// run's totals and statistics over `runs` independent runs (seeds drawn from the demo's seed),
/// set against the rounds the theory predicts (`GossipTheory`).
public enum GossipDemo: Sendable {
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
