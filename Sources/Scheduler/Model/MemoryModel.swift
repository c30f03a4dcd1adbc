import Foundation

/// The FSRS-6 formulas, with the constants that depend only on the parameters and the desired
/// retention worked out once.
///
/// Each formula keeps the reference's (py-fsrs 6.x) order of operations and raises e with `pow`
/// as Python's `math.e ** x` does, so that results agree to the last bit on the same C library;
/// that keeps the rounding of intervals identical even next to a half day.
struct MemoryModel: Sendable {
    /// Python's `math.e`.
    static let e = 2.718281828459045
    /// The reference's floor on stability, in days.
    static let minimumStability = 0.001
    static let minimumDifficulty = 1.0
    static let maximumDifficulty = 10.0

    let w: [Double]
    /// The exponent of the power forgetting curve, -w20.
    let decay: Double
    /// Chosen so that retrievability is 0.9 when the elapsed days equal the stability.
    let factor: Double
    /// `desiredRetention ^ (1 / decay) - 1`: the interval is `stability / factor` times this.
    let intervalScale: Double
    /// `e ^ w8`, the scale of the stability increase after a recall.
    let recallScale: Double
    /// The initial difficulty of an Easy first answer, unclamped: the target of mean reversion.
    let meanReversionTarget: Double
    /// `e ^ (w17 * w18)`: a lapse at least divides stability by this.
    let lapseDivisor: Double
    /// `e ^ (w17 * (rating - 3 + w18))` for each rating (index rating - 1).
    let shortTermScale: [Double]
    /// The clamped initial stability and difficulty for each first rating (index rating - 1).
    let initialStability: [Double]
    let initialDifficulty: [Double]

    init(parameters: FSRSParameters, desiredRetention: Double) {
        let w = parameters.weights
        self.w = w
        decay = -w[20]
        factor = pow(0.9, 1 / decay) - 1
        intervalScale = pow(desiredRetention, 1 / decay) - 1
        recallScale = pow(Self.e, w[8])
        meanReversionTarget = Self.rawInitialDifficulty(w, rating: .easy)
        lapseDivisor = pow(Self.e, w[17] * w[18])
        shortTermScale = Rating.allCases.map { pow(Self.e, w[17] * (Double($0.rawValue - 3) + w[18])) }
        initialStability = Rating.allCases.map { max(w[$0.rawValue - 1], Self.minimumStability) }
        initialDifficulty = Rating.allCases.map { Self.clampDifficulty(Self.rawInitialDifficulty(w, rating: $0)) }
    }

    private static func rawInitialDifficulty(_ w: [Double], rating: Rating) -> Double {
        w[4] - pow(e, w[5] * Double(rating.rawValue - 1)) + 1
    }

    static func clampDifficulty(_ difficulty: Double) -> Double {
        min(max(difficulty, minimumDifficulty), maximumDifficulty)
    }

    static func clampStability(_ stability: Double) -> Double {
        max(stability, minimumStability)
    }

    /// Probability of recall after `elapsedDays` whole days at `stability`: the power curve
    /// `(1 + factor * t / S) ^ decay`.
    func retrievability(elapsedDays: Int, stability: Double) -> Double {
        pow(1 + factor * Double(elapsedDays) / stability, decay)
    }

    /// Stability after a review made at least a day after the previous one.
    func nextStability(difficulty: Double, stability: Double, retrievability: Double, rating: Rating) -> Double {
        let next =
            rating == .again
            ? lapseStability(difficulty: difficulty, stability: stability, retrievability: retrievability)
            : recallStability(
                difficulty: difficulty, stability: stability, retrievability: retrievability, rating: rating)
        return Self.clampStability(next)
    }

    private func recallStability(difficulty: Double, stability: Double, retrievability: Double, rating: Rating)
        -> Double
    {
        let hardPenalty = rating == .hard ? w[15] : 1
        let easyBonus = rating == .easy ? w[16] : 1
        let growth =
            recallScale * (11 - difficulty) * pow(stability, -w[9])
            * (pow(Self.e, (1 - retrievability) * w[10]) - 1) * hardPenalty * easyBonus
        return stability * (1 + growth)
    }

    private func lapseStability(difficulty: Double, stability: Double, retrievability: Double) -> Double {
        let longTerm =
            w[11] * pow(difficulty, -w[12]) * (pow(stability + 1, w[13]) - 1)
            * pow(Self.e, (1 - retrievability) * w[14])
        let shortTerm = stability / lapseDivisor
        return min(longTerm, shortTerm)
    }

    /// Stability after a review less than a day after the previous one. Only Again may lower it.
    func shortTermStability(stability: Double, rating: Rating) -> Double {
        var increase = shortTermScale[rating.rawValue - 1] * pow(stability, -w[19])
        if rating != .again {
            increase = max(increase, 1.0)
        }
        return Self.clampStability(stability * increase)
    }

    /// Difficulty after a review: a step of -w6 * (rating - 3), damped linearly as difficulty
    /// nears 10, then pulled towards the Easy initial difficulty by w7.
    func nextDifficulty(difficulty: Double, rating: Rating) -> Double {
        let change = -(w[6] * Double(rating.rawValue - 3))
        let damped = difficulty + (10.0 - difficulty) * change / 9.0
        let reverted = w[7] * meanReversionTarget + (1 - w[7]) * damped
        return Self.clampDifficulty(reverted)
    }

    /// The interval in whole days for `stability`: rounded half to even as Python's `round`,
    /// then kept within 1 ... `maximumInterval`.
    func interval(stability: Double, maximumInterval: Int) -> Int {
        let days = ((stability / factor) * intervalScale).rounded(.toNearestOrEven)
        if days >= Double(maximumInterval) { return maximumInterval }
        if !(days >= 1) { return 1 }
        return Int(days)
    }
}
