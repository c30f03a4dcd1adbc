import Basics
import Foundation
import Models

extension GossipDemo: Demo {
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
        return Parameters(
            nodes: try options.int("nodes", default: 10_000, in: 2...1_000_000),
            mode: try options.choice("mode", default: GossipMode.push),
            fanout: try options.int("fanout", default: 1, in: 1...16),
            loss: try options.double("loss", default: 0, in: 0...0.9),
            failed: try options.double("failed", default: 0, in: 0...0.9),
            runs: try options.int("runs", default: 20, in: 1...1000),
            maxRounds: try options.int("max-rounds", default: 1000, in: 1...100_000))
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
