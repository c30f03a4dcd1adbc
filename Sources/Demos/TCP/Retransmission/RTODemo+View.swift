import ArgumentParser
import Basics
import Foundation
import Models

extension RTODemo: Demo {
    public static let summary = "RFC 6298 retransmission timer: SRTT, RTTVAR, RTO, Karn's rule, backoff"

    public struct Options: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "RTT samples in seconds; 'timeout' for an expiry, 'retx:S' for the ACK of a retransmitted segment (ignored: Karn's rule) (default: drawn from the seed).",
                valueName: "s,..."))
        var samples: String?
        @Option(
            name: .customLong("min-rto"),
            help: ArgumentHelp("Lower bound of RTO (1 s in RFC 6298; Linux uses 0.2).", valueName: "seconds"))
        var minRTO = 1.0
        @Option(name: .customLong("max-rto"), help: ArgumentHelp("Upper bound of RTO.", valueName: "seconds"))
        var maxRTO = 60.0
        @Option(help: ArgumentHelp("Clock granularity G.", valueName: "seconds"))
        var granularity = 0.001

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let inputs = try OptionCheck.list(options.samples).map { text -> Input in
            let lower = text.lowercased()
            if lower == "timeout" || lower == "x" { return .timeout }
            if lower.hasPrefix("retx:"), let value = Double(lower.dropFirst(5)), value > 0 { return .retransmittedACK(value) }
            guard let value = Double(lower), value > 0, value.isFinite else {
                throw DemoError.badOption("--samples takes seconds, 'timeout' or 'retx:SECONDS', not '\(text)'")
            }
            return .sample(value)
        }
        let minimum = try OptionCheck.within(options.minRTO, 0.001...60, "min-rto")
        let maximum = try OptionCheck.within(options.maxRTO, 1...600, "max-rto")
        guard minimum <= maximum else { throw DemoError.badOption("--min-rto must not exceed --max-rto") }
        return Parameters(
            inputs: inputs, minimum: minimum, maximum: maximum,
            granularity: try OptionCheck.within(options.granularity, 0...1, "granularity"))
    }

    /// RTO and SRTT after each input: the timer backing off and settling.
    public static func chart(_ trace: DemoTrace<Parameters, Step, Outcome>) -> Chart? {
        Chart(
            title: "Retransmission timeout (RFC 6298) after each input", xLabel: "input", yLabel: "seconds",
            x: trace.trace.indices.map { Double($0 + 1) },
            series: [
                Chart.Series(name: "RTO", values: trace.trace.map(\.rto)),
                Chart.Series(name: "SRTT", values: trace.trace.map(\.srtt)),
            ])
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let table = Table(
            [
                .init("input", 34, overflow: .cut), .init("SRTT", 9, overflow: .cut), .init("RTTVAR", 9, overflow: .cut),
                .init("S+4V", 9, overflow: .cut), .init("RTO", 0),
            ])
        var lines = [
            Paint(style).bold("Retransmission timeout (RFC 6298): RTO = SRTT + max(G, 4 RTTVAR)"),
            "alpha = 1/8, beta = 1/4; minimum \(TCPText.number(trace.params.minimum)) s, maximum \(TCPText.number(trace.params.maximum)) s",
            "",
            table.header,
        ]
        lines.append(String(repeating: "-", count: 66))
        func seconds(_ value: Double?) -> String { value.map { TCPText.number($0, digits: 4) } ?? "-" }
        for step in trace.trace {
            lines.append(
                table.row(
                    [step.input, seconds(step.srtt), seconds(step.rttvar), seconds(step.computed), seconds(step.rto)]
                ) { index, cell in index == 4 ? Paint(style).bold(cell) : cell })
            lines.append(Paint(style).dim("    " + step.note))
        }
        lines.append("")
        lines.append("final RTO \(seconds(trace.result.rto)) s")
        return lines.joined(separator: "\n") + "\n"
    }
}
