/// The retransmission timer of RFC 6298: SRTT, RTTVAR and RTO from RTT samples, Karn's rule
/// and exponential backoff. All times in seconds.
///
/// SRTT: the smoothed round-trip time. RTTVAR: the round-trip time variation. RTO: the
/// retransmission timeout.
public struct RTOEstimator: Sendable, Equatable {
    /// Gain of SRTT (RFC 6298 §2: 1/8).
    public static let alpha = 0.125
    /// Gain of RTTVAR (1/4).
    public static let beta = 0.25
    /// RTTVAR's weight in RTO (4).
    public static let k = 4.0

    /// Clock granularity G.
    public var granularity: Double
    /// Lower bound of RTO (RFC 6298 §2.4: 1 s; Linux uses 0.2 s).
    public var minimum: Double
    /// Upper bound of RTO (§2.5: at least 60 s).
    public var maximum: Double

    public private(set) var srtt: Double?
    public private(set) var rttvar: Double?
    /// The current timeout; 1 s before the first sample (§2.1).
    public private(set) var rto: Double
    /// Whether the timer has backed off since the last valid sample.
    public private(set) var backedOff = false

    public init(granularity: Double = 0.001, minimum: Double = 1, maximum: Double = 60, initial: Double = 1) {
        self.granularity = granularity
        self.minimum = minimum
        self.maximum = maximum
        rto = initial
    }

    /// A measured round trip of a segment that was sent once (§2.2, §2.3).
    public mutating func sample(_ r: Double) {
        if let srtt, let rttvar {
            // RTTVAR is updated first, with the SRTT from before this sample.
            self.rttvar = (1 - Self.beta) * rttvar + Self.beta * abs(srtt - r)
            self.srtt = (1 - Self.alpha) * srtt + Self.alpha * r
        } else {
            srtt = r
            rttvar = r / 2
        }
        rto = min(max(srtt! + max(granularity, Self.k * rttvar!), minimum), maximum)
        backedOff = false
    }

    /// The timer expired: double RTO, up to the maximum (§5.5).
    public mutating func timeout() {
        rto = min(rto * 2, maximum)
        backedOff = true
    }
}
