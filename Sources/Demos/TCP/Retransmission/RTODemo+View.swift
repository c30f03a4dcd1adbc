import Basics
import Foundation
import Models

extension RTODemo: Demo {
    public static let summary = "RFC 6298 retransmission timer: SRTT, RTTVAR, RTO, Karn's rule, backoff"

    public static let usage = [
        "--samples S,...  RTT samples in seconds; 'timeout' for an expiry, 'retx:S' for the ACK of",
        "                 a retransmitted segment (ignored: Karn's rule)  (default: drawn from the seed)",
        "--min-rto S      lower bound of RTO (default 1, RFC 6298; Linux uses 0.2)",
        "--max-rto S      upper bound of RTO (default 60)",
        "--granularity S  clock granularity G (default 0.001)",
    ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        let inputs = try options.list("samples").map { text -> Input in
            let lower = text.lowercased()
            if lower == "timeout" || lower == "x" { return .timeout }
            if lower.hasPrefix("retx:"), let value = Double(lower.dropFirst(5)), value > 0 { return .retransmittedACK(value) }
            guard let value = Double(lower), value > 0, value.isFinite else {
                throw DemoError.badOption("--samples takes seconds, 'timeout' or 'retx:SECONDS', not '\(text)'")
            }
            return .sample(value)
        }
        let minimum = try options.double("min-rto", default: 1, in: 0.001...60)
        let maximum = try options.double("max-rto", default: 60, in: 1...600)
        guard minimum <= maximum else { throw DemoError.badOption("--min-rto must not exceed --max-rto") }
        return Parameters(
            inputs: inputs, minimum: minimum, maximum: maximum,
            granularity: try options.double("granularity", default: 0.001, in: 0...1))
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
        var lines = [
            Paint(style).bold("Retransmission timeout (RFC 6298): RTO = SRTT + max(G, 4 RTTVAR)"),
            "alpha = 1/8, beta = 1/4; minimum \(TCPText.number(trace.params.minimum)) s, maximum \(TCPText.number(trace.params.maximum)) s",
            "",
            TCPText.pad("input", 34) + TCPText.pad("SRTT", 9) + TCPText.pad("RTTVAR", 9) + TCPText.pad("S+4V", 9) + "RTO",
        ]
        lines.append(String(repeating: "-", count: 66))
        func seconds(_ value: Double?) -> String { value.map { TCPText.number($0, digits: 4) } ?? "-" }
        for step in trace.trace {
            lines.append(
                TCPText.pad(step.input, 34) + TCPText.pad(seconds(step.srtt), 9) + TCPText.pad(seconds(step.rttvar), 9)
                    + TCPText.pad(seconds(step.computed), 9)
                    + Paint(style).bold(seconds(step.rto)))
            lines.append(Paint(style).dim("    " + step.note))
        }
        lines.append("")
        lines.append("final RTO \(seconds(trace.result.rto)) s")
        return lines.joined(separator: "\n") + "\n"
    }
}
