import Basics

/// `tcp.rto`: RFC 6298 SRTT, RTTVAR and RTO from a series of RTT samples, timeouts and
/// ambiguous ACKs of retransmitted segments.
public enum RTODemo: Sendable {
    public static let name = "tcp.rto"

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

        public init(inputs: [Input], minimum: Double, maximum: Double, granularity: Double) {
            self.inputs = inputs
            self.minimum = minimum
            self.maximum = maximum
            self.granularity = granularity
        }
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

}
