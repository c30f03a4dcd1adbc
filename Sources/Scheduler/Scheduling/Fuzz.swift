/// The reference's fuzz (py-fsrs 6.x): a review interval of d days, d >= 3, moves to a random
/// whole number of days near d, so that cards learnt together do not stay due together.
///
/// The spread is 1 day plus 15 % of the part of d between 2.5 and 7 days, 10 % of the part
/// between 7 and 20, and 5 % of the part above 20.
extension Scheduler {
    /// One band of the fuzz: `factor` times the part of the interval between `start` and `end` days.
    struct FuzzBand {
        let start: Double
        let end: Double
        let factor: Double
    }

    static let fuzzBands = [
        FuzzBand(start: 2.5, end: 7.0, factor: 0.15),
        FuzzBand(start: 7.0, end: 20.0, factor: 0.1),
        FuzzBand(start: 20.0, end: .infinity, factor: 0.05),
    ]

    /// The reference's bounds for fuzzing an interval of `days` days: `lowerBound` at least 2 and
    /// `upperBound` at most `maximumInterval`. The draw is `round(u * (upper - lower + 1) + lower)`
    /// for a uniform u in [0, 1), so, as in the reference, the result can exceed `upperBound` by one
    /// day (still capped at `maximumInterval`). Intervals under 3 days are not fuzzed.
    ///
    /// - Complexity: O(1).
    public func fuzzRange(forInterval days: Int) -> ClosedRange<Int> {
        var spread = 1.0
        for band in Self.fuzzBands {
            spread += band.factor * max(min(Double(days), band.end) - band.start, 0.0)
        }
        var lower = Int((Double(days) - spread).rounded(.toNearestOrEven))
        var upper = Int((Double(days) + spread).rounded(.toNearestOrEven))
        lower = max(2, lower)
        upper = min(upper, configuration.maximumInterval)
        lower = min(lower, upper)
        return lower...upper
    }

    /// The fuzzed interval in days; calls `uniform` (values in [0, 1)) once, and only when
    /// `days` is 3 or more.
    func fuzzedInterval(days: Int, uniform: () -> Double) -> Int {
        guard Double(days) >= 2.5 else { return days }
        let range = fuzzRange(forInterval: days)
        let drawn = (uniform() * Double(range.upperBound - range.lowerBound + 1) + Double(range.lowerBound))
            .rounded(.toNearestOrEven)
        return min(Int(drawn), configuration.maximumInterval)
    }
}
