import ArgumentParser
import Basics
import Foundation
import Models

extension GossipDemo: Demo {
    public static let summary = "Push, pull and push-pull rumour spreading: rounds to reach all N nodes"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Nodes, 2 to 1,000,000.", valueName: "n"))
        var nodes = 10_000
        @Option(help: ArgumentHelp("Push, pull or push-pull.", valueName: "mode"))
        var mode = "push"
        @Option(help: ArgumentHelp("Partners each caller contacts per round.", valueName: "k"))
        var fanout = 1
        @Option(help: ArgumentHelp("Probability a message is lost, 0 to 0.9.", valueName: "p"))
        var loss = 0.0
        @Option(help: ArgumentHelp("Fraction of nodes crashed from the start, 0 to 0.9.", valueName: "f"))
        var failed = 0.0
        @Option(help: ArgumentHelp("Independent runs for the statistics.", valueName: "r"))
        var runs = 20
        @Option(name: .customLong("max-rounds"), help: ArgumentHelp("Give up after M rounds.", valueName: "m"))
        var maxRounds = 1000

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        return Parameters(
            nodes: try OptionCheck.within(options.nodes, 2...1_000_000, "nodes"),
            mode: try OptionCheck.choice(options.mode, "mode") as GossipMode,
            fanout: try OptionCheck.within(options.fanout, 1...16, "fanout"),
            loss: try OptionCheck.within(options.loss, 0...0.9, "loss"),
            failed: try OptionCheck.within(options.failed, 0...0.9, "failed"),
            runs: try OptionCheck.within(options.runs, 1...1000, "runs"),
            maxRounds: try OptionCheck.within(options.maxRounds, 1...100_000, "max-rounds"))
    }

    /// Live nodes informed after each round of the first run: the S-curve of an epidemic.
    public static func chart(_ trace: DemoTrace<Parameters, GossipRound, Outcome>) -> Chart? {
        let rows = [GossipRound(round: 0, informed: 1, newlyInformed: 1, messages: 0, redundant: 0)] + trace.trace
        let p = trace.params
        return Chart(
            title: "gossip, \(p.mode.rawValue), \(p.nodes) nodes, fanout \(p.fanout): informed live nodes per round",
            xLabel: "round", yLabel: "nodes", x: rows.map { Double($0.round) },
            series: [
                Chart.Series(name: "informed", values: rows.map { Double($0.informed) }),
                Chart.Series(name: "newly informed", values: rows.map { Double($0.newlyInformed) }),
            ])
    }

    public static func render(_ trace: DemoTrace<Parameters, GossipRound, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        let r = trace.result
        let paint = Paint(style)
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
        let rounds = Table([.init("round", 5, .right), .init("informed", 11, .right), .init("new", 10, .right)])
        for row in rows {
            let filled = Int((Double(row.informed) / Double(max(1, r.live)) * Double(barWidth)).rounded())
            let bar = String(repeating: "#", count: filled)
            lines.append(
                rounds.row(["\(row.round)", NetFormat.grouped(row.informed), NetFormat.grouped(row.newlyInformed)]) + " |"
                    + paint.green(bar))
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
