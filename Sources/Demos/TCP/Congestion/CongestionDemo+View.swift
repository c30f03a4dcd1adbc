import ArgumentParser
import Basics
import Foundation
import Models

extension CongestionDemo: Demo {
    public static let summary = "congestion control: cwnd/ssthresh per round for Tahoe, Reno, NewReno, CUBIC"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("The algorithm: tahoe, reno, newreno or cubic.", valueName: "algorithm"))
        var algorithm = "reno"
        @Option(help: ArgumentHelp("Transmission rounds.", valueName: "n"))
        var rounds = 26
        @Option(
            help: ArgumentHelp(
                "The window of round r loses: k = dup (three duplicate ACKs), dup2/dup3 (two or three losses in one window) or timeout (default: 16:dup,22:timeout, the Kurose & Ross exercise).",
                valueName: "r:k,..."))
        var losses: String?
        @Option(
            name: .customLong("random-loss"),
            help: ArgumentHelp("Instead, each round loses with probability p (drawn from the seed).", valueName: "p"))
        var randomLoss = 0.0
        @Option(help: ArgumentHelp("Initial window: segments, rfc5681 or rfc6928.", valueName: "w"))
        var iw = "1"
        @Option(help: ArgumentHelp("Segment size in bytes for --iw rfc5681/rfc6928.", valueName: "n"))
        var mss = 1460
        @Option(help: ArgumentHelp("Initial ssthresh in segments, or inf.", valueName: "n"))
        var ssthresh = "32"
        @Flag(name: .customLong("per-ack"), help: "Update cwnd on every ACK instead of once per round.")
        var perACK = false
        @Flag(help: "Textbook Reno: continue from ssthresh + 3 after fast recovery.")
        var inflate = false
        @Option(help: ArgumentHelp("Round-trip time in seconds, for CUBIC's clock.", valueName: "seconds"))
        var rtt = 0.1

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let algorithm = try OptionCheck.choice(options.algorithm, "algorithm") as CongestionAlgorithm
        let rounds = try OptionCheck.within(options.rounds, 1...200, "rounds")
        let randomLoss = try OptionCheck.within(options.randomLoss, 0...1, "random-loss")
        var lossTexts = OptionCheck.list(options.losses)
        if lossTexts.isEmpty && randomLoss == 0 { lossTexts = ["16:dup", "22:timeout"] }
        if lossTexts == ["none"] { lossTexts = [] }
        let losses = try lossTexts.map { text -> Loss in
            let parts = text.split(separator: ":")
            guard parts.count == 2, let round = Int(parts[0]), round >= 1 else {
                throw DemoError.badOption("--losses takes ROUND:KIND pairs such as 8:dup or 12:timeout, not '\(text)'")
            }
            switch parts[1].lowercased() {
            case "dup", "dup1": return Loss(round: round, signal: .duplicateACKs, count: 1)
            case "dup2": return Loss(round: round, signal: .duplicateACKs, count: 2)
            case "dup3": return Loss(round: round, signal: .duplicateACKs, count: 3)
            case "timeout", "rto": return Loss(round: round, signal: .timeout, count: 1)
            default: throw DemoError.badOption("a loss is dup, dup2, dup3 or timeout, not '\(parts[1])'")
            }
        }
        let mss = try OptionCheck.within(options.mss, 88...65495, "mss")
        let iw = try initialWindow(options.iw, mss: mss)
        let ssthreshText = options.ssthresh
        let ssthresh: Double
        if ssthreshText.lowercased() == "inf" {
            ssthresh = 1_000_000
        } else if let value = Int(ssthreshText), value >= 2 {
            ssthresh = Double(value)
        } else {
            throw DemoError.badOption("--ssthresh takes a number of segments (at least 2) or inf, not '\(ssthreshText)'")
        }
        return Parameters(
            algorithm: algorithm, rounds: rounds, losses: losses, randomLoss: randomLoss, initialWindow: iw, ssthresh: ssthresh,
            perACK: options.perACK, inflate: options.inflate, rtt: try OptionCheck.within(options.rtt, 0.001...10, "rtt"))
    }

    /// cwnd at the start of each round: what the chart and the quiz use. In the per-ACK model
    /// that is the value after the previous round's last ACK, or after the ACK that ends fast
    /// recovery when one opens the round.
    static func cwndPerRound(_ trace: DemoTrace<Parameters, Step, Outcome>) -> [(round: Int, cwnd: Double, ssthresh: Double)] {
        if !trace.params.perACK { return trace.trace.map { ($0.round, $0.cwnd, $0.ssthresh) } }
        var result: [(Int, Double, Double)] = []
        var cwnd = trace.params.initialWindow
        var ssthresh = trace.params.ssthresh
        for round in 1...trace.params.rounds {
            let steps = trace.trace.filter { $0.round == round }
            if let first = steps.first, first.ack == 0 {
                cwnd = first.cwnd
                ssthresh = first.ssthresh
            }
            result.append((round, cwnd, ssthresh))
            if let last = steps.last {
                cwnd = last.cwnd
                ssthresh = last.ssthresh
            }
        }
        return result
    }

    public static func chart(_ trace: DemoTrace<Parameters, Step, Outcome>) -> Chart? {
        let p = trace.params
        let perRound = cwndPerRound(trace)
        return Chart(
            title: "\(p.algorithm.rawValue) congestion control, \(p.perACK ? "per ACK" : "per round"): cwnd in segments by round",
            xLabel: "round", yLabel: "segments", x: perRound.map { Double($0.round) },
            series: [
                Chart.Series(name: "cwnd", values: perRound.map(\.cwnd)),
                Chart.Series(name: "ssthresh", values: perRound.map { $0.ssthresh < 100_000 ? $0.ssthresh : nil }),
            ])
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        let perRound = cwndPerRound(trace)
        let chart = chart(trace)!
        var lines = [Paint(style).bold(chart.title), ""]
        lines.append(contentsOf: chart.terminalBars(height: 14, width: style.width, style: style))
        lines.append("")
        let table = Table(
            [
                .init("round", 7, overflow: .cut), .init("cwnd", 9, overflow: .cut), .init("ssthresh", 10, overflow: .cut),
                .init("phase", 22, overflow: .cut), .init("event", 0),
            ])
        lines.append(table.header)
        let events = Dictionary(grouping: trace.trace.filter { $0.event != nil }, by: \.round)
        for row in perRound {
            let phase = trace.trace.first { $0.round == row.round }?.phase.rawValue ?? ""
            let roundEvents = events[row.round]?.compactMap(\.event) ?? []
            let event =
                roundEvents.first { $0 != "duplicate ACK" && !$0.hasPrefix("ACK of the retransmission") } ?? roundEvents.last
                ?? ""
            lines.append(
                table.row([
                    String(row.round), TCPText.number(row.cwnd, digits: 2),
                    row.ssthresh >= 100_000 ? "inf" : TCPText.number(row.ssthresh, digits: 2), phase, event,
                ]))
        }
        if p.perACK {
            let marked = trace.trace.filter { $0.event != nil && $0.event != "duplicate ACK" }
            if !marked.isEmpty { lines.append("") }
            for step in marked {
                let ack = step.ack.map { " ACK \($0)" } ?? ""
                lines.append(
                    "round \(step.round)\(ack): \(step.event!): cwnd \(TCPText.number(step.cwnd, digits: 2)), "
                        + "ssthresh \(TCPText.number(step.ssthresh, digits: 2))")
            }
        }
        lines.append("")
        lines.append(
            "\(trace.result.segmentsSent) segments sent in \(p.rounds) rounds; after the last: cwnd \(TCPText.number(trace.result.cwnd, digits: 2)), ssthresh \(trace.result.ssthresh >= 100_000 ? "inf" : TCPText.number(trace.result.ssthresh, digits: 2))"
        )
        return lines.joined(separator: "\n") + "\n"
    }
}
