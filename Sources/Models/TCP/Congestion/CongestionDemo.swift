import Basics

/// `tcp.congestion`: cwnd and ssthresh round by round (or ACK by ACK) for Tahoe, Reno,
/// NewReno and CUBIC, with losses scripted by round.
public enum CongestionDemo: Sendable {
    public static let name = "tcp.congestion"

    public struct Loss: Codable, Sendable, Equatable {
        public var round: Int
        public var signal: LossSignal
        /// Segments lost in that window.
        public var count: Int

        public init(round: Int, signal: LossSignal, count: Int) {
            self.round = round
            self.signal = signal
            self.count = count
        }
    }

    public struct Parameters: Codable, Sendable, Equatable {
        public var algorithm: CongestionAlgorithm
        public var rounds: Int
        public var losses: [Loss]
        public var randomLoss: Double
        public var initialWindow: Double
        public var ssthresh: Double
        public var perACK: Bool
        public var inflate: Bool
        public var rtt: Double

        public init(
            algorithm: CongestionAlgorithm, rounds: Int, losses: [Loss], randomLoss: Double, initialWindow: Double,
            ssthresh: Double, perACK: Bool, inflate: Bool, rtt: Double
        ) {
            self.algorithm = algorithm
            self.rounds = rounds
            self.losses = losses
            self.randomLoss = randomLoss
            self.initialWindow = initialWindow
            self.ssthresh = ssthresh
            self.perACK = perACK
            self.inflate = inflate
            self.rtt = rtt
        }
    }

    public struct Step: Codable, Sendable, Equatable {
        public var round: Int
        /// The ACK within the round (per-ACK model only).
        public var ack: Int?
        /// cwnd when the round's window is sent (per round), or after this ACK (per ACK).
        public var cwnd: Double
        public var ssthresh: Double
        public var phase: CongestionController.Phase
        public var event: String?
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var cwnd: Double
        public var ssthresh: Double
        /// Segments sent over all rounds.
        public var segmentsSent: Int
        public var losses: [Loss]
    }

    /// The initial window in segments: RFC 5681 §3.1 (2 to 4 by SMSS) or RFC 6928 §2
    /// (min(10 SMSS, max(2 SMSS, 14600 bytes))).
    public static func initialWindow(_ text: String, mss: Int) throws -> Double {
        switch text.lowercased() {
        case "rfc5681": return mss > 2190 ? 2 : (mss > 1095 ? 3 : 4)
        case "rfc6928": return Double(min(10 * mss, max(2 * mss, 14600)) / mss)
        default:
            guard let value = Int(text), (1...1000).contains(value) else {
                throw DemoError.badOption("--iw takes a number of segments, rfc5681 or rfc6928, not '\(text)'")
            }
            return Double(value)
        }
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var controller = CongestionController(
            algorithm: parameters.algorithm, initialWindow: parameters.initialWindow, ssthresh: parameters.ssthresh,
            inflateAfterRecovery: parameters.inflate)
        var random = SplitMix64(seed: seed)
        var steps: [Step] = []
        var sent = 0
        var losses: [Loss] = []
        func record(_ round: Int, _ ack: Int?, _ event: String?) {
            steps.append(
                Step(
                    round: round, ack: ack, cwnd: controller.cwnd, ssthresh: controller.ssthresh, phase: controller.phase,
                    event: event))
        }
        for round in 1...parameters.rounds {
            let now = Double(round - 1) * parameters.rtt
            var loss = parameters.losses.first { $0.round == round }
            if parameters.randomLoss > 0, Double(random.next() >> 11) / Double(1 << 53) < parameters.randomLoss {
                loss = Loss(round: round, signal: .duplicateACKs, count: 1)
            }
            let window = max(1, Int(controller.cwnd.rounded(.down)))
            // Fewer than three segments after the lost one cannot produce three duplicate ACKs.
            if var found = loss, found.signal == .duplicateACKs, window - found.count < 3 {
                found.signal = .timeout
                loss = found
            }
            if let loss { losses.append(loss) }
            if parameters.perACK {
                if controller.phase == .fastRecovery {
                    controller.recoveryEnded()
                    record(round, 0, "ACK of the retransmission ends fast recovery")
                }
                let window = max(1, Int(controller.cwnd.rounded(.down)))
                sent += window
                switch loss?.signal {
                case nil:
                    for ack in 1...window {
                        controller.segmentAcknowledged(
                            now: now + parameters.rtt * Double(ack) / Double(window), rtt: parameters.rtt)
                        record(round, ack, nil)
                    }
                case .duplicateACKs:
                    let flight = controller.cwnd
                    for ack in 1...(window - loss!.count) {
                        if ack == 3 {
                            controller.tripleDuplicateACK(flightSize: flight, lossesInWindow: loss!.count)
                            record(round, ack, "third duplicate ACK: fast retransmit")
                        } else {
                            controller.duplicateAcknowledged()
                            record(round, ack, "duplicate ACK")
                        }
                    }
                case .timeout:
                    controller.timeout(flightSize: controller.cwnd)
                    record(round, nil, "retransmission timeout")
                }
            } else {
                record(round, nil, loss.map(describe))
                sent += window
                switch loss?.signal {
                case nil: controller.roundAcknowledged(now: now + parameters.rtt, rtt: parameters.rtt)
                case .duplicateACKs:
                    controller.tripleDuplicateACK(flightSize: controller.cwnd, lossesInWindow: loss!.count)
                    controller.recoveryEnded()
                case .timeout: controller.timeout(flightSize: controller.cwnd)
                }
            }
        }
        return DemoTrace(
            demo: name, params: parameters, trace: steps,
            result: Outcome(cwnd: controller.cwnd, ssthresh: controller.ssthresh, segmentsSent: sent, losses: losses))
    }

    static func describe(_ loss: Loss) -> String {
        switch loss.signal {
        case .duplicateACKs: return loss.count == 1 ? "loss: 3 dup ACKs" : "\(loss.count) losses: dup ACKs"
        case .timeout: return "loss: timeout"
        }
    }

}
