import Foundation

/// A congestion control algorithm of the sender.
public enum CongestionAlgorithm: String, Codable, Sendable, CaseIterable {
    /// 4.3BSD-Tahoe: every loss, however detected, restarts slow start from one segment.
    case tahoe
    /// Reno (RFC 5681 §3.2): fast retransmit and fast recovery halve the window on three
    /// duplicate ACKs; a timeout restarts slow start.
    case reno
    /// NewReno (RFC 6582): Reno whose fast recovery survives partial ACKs, so several losses
    /// in one window cost a single halving.
    case newreno
    /// CUBIC (RFC 9438): a window that grows as a cubic function of the time since the last
    /// reduction, multiplicative decrease by β = 0.7.
    case cubic
}

/// How a loss is noticed.
public enum LossSignal: String, Codable, Sendable {
    /// Three duplicate ACKs (RFC 5681 §3.2).
    case duplicateACKs = "dup"
    /// The retransmission timer expired (RFC 6298 §5).
    case timeout
}

/// The congestion window of one sender, in segments (multiples of SMSS), as a state machine
/// driven by acknowledgements and loss signals.
///
/// cwnd: the congestion window, the most data the sender may have unacknowledged (RFC 5681 §2).
/// ssthresh: the slow start threshold; below it cwnd grows exponentially, above it linearly.
public struct CongestionController: Sendable, Equatable {
    public enum Phase: String, Codable, Sendable {
        case slowStart = "slow start"
        case congestionAvoidance = "congestion avoidance"
        case fastRecovery = "fast recovery"
    }

    public let algorithm: CongestionAlgorithm
    public private(set) var cwnd: Double
    public private(set) var ssthresh: Double
    public private(set) var phase: Phase
    /// Textbook convention (Kurose and Ross): after three duplicate ACKs Reno continues from
    /// ssthresh + 3 instead of deflating to ssthresh when recovery ends.
    public let inflateAfterRecovery: Bool

    // CUBIC (RFC 9438 §4): window before the last reduction, the epoch's start, its cwnd and
    // the Reno-friendly estimate W_est.
    var wMax: Double = 0
    var epochStart: Double?
    var cwndEpoch: Double = 0
    var wEst: Double = 0
    var kSeconds: Double = 0
    /// NewReno: round trips still needed to repair the other losses of the window.
    var recoveryRoundsLeft = 0

    /// CUBIC's constants (RFC 9438 §4.1, §4.6).
    public static let cubicC = 0.4
    public static let cubicBeta = 0.7
    static var cubicAlpha: Double { 3 * (1 - cubicBeta) / (1 + cubicBeta) }

    public init(algorithm: CongestionAlgorithm, initialWindow: Double, ssthresh: Double, inflateAfterRecovery: Bool = false) {
        self.algorithm = algorithm
        cwnd = initialWindow
        self.ssthresh = ssthresh
        phase = initialWindow < ssthresh ? .slowStart : .congestionAvoidance
        self.inflateAfterRecovery = inflateAfterRecovery
    }

    /// A whole window acknowledged in one round trip ending at `now` seconds (the per-round
    /// model): slow start doubles cwnd, capped at ssthresh; congestion avoidance adds one
    /// segment (Reno family) or moves to CUBIC's target.
    public mutating func roundAcknowledged(now: Double, rtt: Double) {
        if recoveryRoundsLeft > 0 {
            recoveryRoundsLeft -= 1
            if recoveryRoundsLeft == 0 { phase = cwnd < ssthresh ? .slowStart : .congestionAvoidance }
            return
        }
        if phase == .fastRecovery { recoveryEnded() }
        if cwnd < ssthresh {
            cwnd = min(cwnd * 2, ssthresh)
            phase = cwnd < ssthresh ? .slowStart : .congestionAvoidance
            return
        }
        phase = .congestionAvoidance
        if algorithm == .cubic {
            cwnd = cubicTarget(now: now, rtt: rtt, acked: cwnd)
        } else {
            cwnd += 1
        }
    }

    /// One new ACK for one segment (the per-ACK model, RFC 5681 §3.1 with appropriate byte
    /// counting): +1 in slow start, +1/cwnd in congestion avoidance.
    public mutating func segmentAcknowledged(now: Double, rtt: Double) {
        if phase == .fastRecovery {
            recoveryEnded()
            return
        }
        if cwnd < ssthresh {
            cwnd = min(cwnd + 1, ssthresh)
            phase = cwnd < ssthresh ? .slowStart : .congestionAvoidance
            return
        }
        phase = .congestionAvoidance
        if algorithm == .cubic {
            let target = cubicTarget(now: now, rtt: rtt, acked: 1)
            cwnd += max(0, (target - cwnd) / cwnd)
        } else {
            cwnd += 1 / cwnd
        }
    }

    /// A duplicate ACK during fast recovery inflates cwnd by one segment (RFC 5681 §3.2 step 4).
    public mutating func duplicateAcknowledged() {
        if phase == .fastRecovery && algorithm != .tahoe && algorithm != .cubic { cwnd += 1 }
    }

    /// A loss noticed through three duplicate ACKs with `flightSize` segments outstanding;
    /// `lossesInWindow` segments of that window were lost.
    public mutating func tripleDuplicateACK(flightSize: Double, lossesInWindow: Int = 1) {
        switch algorithm {
        case .tahoe:
            ssthresh = max((flightSize / 2).rounded(.down), 2)
            cwnd = 1
            phase = .slowStart
        case .reno:
            ssthresh = max((flightSize / 2).rounded(.down), 2)
            if lossesInWindow == 2 {
                // Each partial ACK ends Reno's recovery; the next three duplicates halve again.
                ssthresh = max((ssthresh / 2).rounded(.down), 2)
            } else if lossesInWindow > 2 {
                // Too few duplicate ACKs come back for the third loss: the timer expires.
                timeout(flightSize: ssthresh)
                return
            }
            cwnd = ssthresh + 3
            phase = .fastRecovery
        case .newreno:
            ssthresh = max((flightSize / 2).rounded(.down), 2)
            cwnd = ssthresh + 3
            phase = .fastRecovery
            // One lost segment is repaired per round trip (RFC 6582 §3.2 step 5).
            recoveryRoundsLeft = lossesInWindow - 1
        case .cubic:
            cubicReduce()
            phase = .fastRecovery
        }
    }

    /// The retransmission timer expired: one segment, slow start again (RFC 5681 §3.1 eq. 4).
    public mutating func timeout(flightSize: Double) {
        if algorithm == .cubic {
            cubicReduce()
        } else {
            ssthresh = max((flightSize / 2).rounded(.down), 2)
        }
        cwnd = 1
        phase = .slowStart
    }

    /// The ACK that covers everything sent before the loss arrived: fast recovery ends and cwnd
    /// deflates to ssthresh (RFC 5681 §3.2 step 6).
    public mutating func recoveryEnded() {
        guard phase == .fastRecovery else { return }
        if algorithm == .cubic || !inflateAfterRecovery {
            cwnd = ssthresh
        }
        phase = recoveryRoundsLeft > 0 ? .fastRecovery : (cwnd < ssthresh ? .slowStart : .congestionAvoidance)
    }

    private mutating func cubicReduce() {
        // Fast convergence (RFC 9438 §4.7): give up more room when the window keeps shrinking.
        if cwnd < wMax {
            wMax = cwnd * (1 + Self.cubicBeta) / 2
        } else {
            wMax = cwnd
        }
        ssthresh = max(cwnd * Self.cubicBeta, 2)
        cwnd = ssthresh
        epochStart = nil
    }

    /// RFC 9438 §4.2: W_cubic(t) = C (t - K)^3 + W_max, with target W_cubic(t + RTT) kept within
    /// [cwnd, 1.5 cwnd], and the Reno-friendly W_est of §4.3.
    private mutating func cubicTarget(now: Double, rtt: Double, acked: Double) -> Double {
        if epochStart == nil {
            epochStart = now
            cwndEpoch = cwnd
            wEst = cwnd
            if wMax < cwnd { wMax = cwnd }
            kSeconds = cbrt((wMax - cwndEpoch) / Self.cubicC)
        }
        let t = now - epochStart!
        let cubic = Self.cubicC * pow(t + rtt - kSeconds, 3) + wMax
        let target = min(max(cubic, cwnd), 1.5 * cwnd)
        let alpha = wEst >= wMax ? 1 : Self.cubicAlpha
        wEst += alpha * acked / cwnd
        return max(target, wEst)
    }
}
