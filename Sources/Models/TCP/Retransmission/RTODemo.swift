import Basics

/// `tcp.rto`: RFC 6298 SRTT, RTTVAR and RTO from a series of RTT samples, timeouts and
/// ambiguous ACKs of retransmitted segments.
public enum RTODemo: Demo {
    public static let name = "tcp.rto"
    public static let summary = "RFC 6298 retransmission timer: SRTT, RTTVAR, RTO, Karn's rule, backoff"
    public static let usage = [
        "--samples S,...  RTT samples in seconds; 'timeout' for an expiry, 'retx:S' for the ACK of",
        "                 a retransmitted segment (ignored: Karn's rule)  (default: drawn from the seed)",
        "--min-rto S      lower bound of RTO (default 1, RFC 6298; Linux uses 0.2)",
        "--max-rto S      upper bound of RTO (default 60)",
        "--granularity S  clock granularity G (default 0.001)",
    ]

    public enum Input: Codable, Sendable, Equatable {
        case sample(Double)
        case timeout
        case retransmittedACK(Double)
    }

    public struct Parameters: Codable, Sendable, Equatable {
        public var inputs: [Input]
        public var minimum: Double
        public var maximum: Double
        public var granularity: Double
    }

    public struct Step: Codable, Sendable, Equatable {
        public var input: String
        public var srtt: Double?
        public var rttvar: Double?
        /// SRTT + max(G, 4 RTTVAR) before the minimum and maximum are applied.
        public var computed: Double?
        public var rto: Double
        public var note: String
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var srtt: Double?
        public var rttvar: Double?
        public var rto: Double
    }

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

    /// A plausible series: RTTs of 200 to 400 ms, one spike, a timeout and its ambiguous ACK.
    static func drawInputs(seed: UInt64) -> [Input] {
        var random = SplitMix64(seed: seed)
        var inputs: [Input] = []
        for index in 0..<8 {
            let millis = 200 + Int(random.next() % 200) + (index == 5 ? 900 : 0)
            inputs.append(.sample(Double(millis) / 1000))
            if index == 3 {
                inputs.append(.timeout)
                inputs.append(.retransmittedACK(Double(millis + 20) / 1000))
            }
        }
        return inputs
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var parameters = parameters
        if parameters.inputs.isEmpty { parameters.inputs = drawInputs(seed: seed) }
        var estimator = RTOEstimator(
            granularity: parameters.granularity, minimum: parameters.minimum, maximum: parameters.maximum)
        var steps = [
            Step(
                input: "start", srtt: nil, rttvar: nil, computed: nil, rto: estimator.rto, note: "no sample yet: RTO = 1 s (§2.1)"
            )
        ]
        for input in parameters.inputs {
            switch input {
            case .sample(let r):
                let first = estimator.srtt == nil
                estimator.sample(r)
                let raw = estimator.srtt! + max(parameters.granularity, RTOEstimator.k * estimator.rttvar!)
                var note = first ? "first sample: SRTT = R, RTTVAR = R/2" : "RTTVAR, then SRTT, updated"
                if raw < parameters.minimum { note += "; raised to the \(TCPText.number(parameters.minimum)) s minimum" }
                if raw > parameters.maximum { note += "; capped at \(TCPText.number(parameters.maximum)) s" }
                steps.append(
                    Step(
                        input: "R = \(TCPText.number(r)) s", srtt: estimator.srtt, rttvar: estimator.rttvar, computed: raw,
                        rto: estimator.rto,
                        note: note))
            case .timeout:
                estimator.timeout()
                steps.append(
                    Step(
                        input: "timeout", srtt: estimator.srtt, rttvar: estimator.rttvar, computed: nil, rto: estimator.rto,
                        note: "RTO doubled (§5.5)"))
            case .retransmittedACK(let r):
                steps.append(
                    Step(
                        input: "ACK of a retransmission (\(TCPText.number(r)) s)", srtt: estimator.srtt, rttvar: estimator.rttvar,
                        computed: nil, rto: estimator.rto, note: "ambiguous: not sampled (Karn); backed-off RTO kept"))
            }
        }
        return DemoTrace(
            demo: name, params: parameters, trace: steps,
            result: Outcome(srtt: estimator.srtt, rttvar: estimator.rttvar, rto: estimator.rto))
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        var lines = [
            TCPPaint(style).bold("Retransmission timeout (RFC 6298): RTO = SRTT + max(G, 4 RTTVAR)"),
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
                    + TCPPaint(style).bold(seconds(step.rto)))
            lines.append(TCPPaint(style).dim("    " + step.note))
        }
        lines.append("")
        lines.append("final RTO \(seconds(trace.result.rto)) s")
        return lines.joined(separator: "\n") + "\n"
    }
}
