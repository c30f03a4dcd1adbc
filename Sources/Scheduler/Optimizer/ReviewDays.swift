import Foundation

/// Counts days as Anki and the FSRS optimizer do: calendar days in a time zone, each starting
/// at `nextDayStartsAt` o'clock, so that a review at 2 a.m. belongs to the day before.
public struct ReviewDayClock: Sendable {
    public let timeZone: TimeZone
    /// The hour (0 to 23) at which a new day starts.
    public let nextDayStartsAt: Int

    public init(timeZone: TimeZone = .current, nextDayStartsAt: Int = 4) {
        self.timeZone = timeZone
        self.nextDayStartsAt = nextDayStartsAt
    }

    /// The day number of an instant: days since 1970-01-01 in the clock's zone, counted from
    /// the day-start hour.
    public func day(ofMilliseconds milliseconds: Int64) -> Int {
        let seconds = milliseconds.dividedRoundingDown(by: 1000)
        return day(ofSeconds: seconds, offset: timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
    }

    /// The day of an instant `seconds` after the epoch whose zone is `offset` seconds from UTC.
    func day(ofSeconds seconds: Int64, offset: Int) -> Int {
        let local = seconds + Int64(offset) - Int64(nextDayStartsAt) * 3600
        return Int(local.dividedRoundingDown(by: 86_400))
    }
}

extension Int64 {
    /// Division rounding towards minus infinity (Swift's `/` rounds towards zero).
    func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// One card's reviews as the optimizer sees them: each rating with the whole days since the
/// review before (0 for the first and for reviews on the same day).
public struct ReviewSequence: Sendable, Hashable {
    public let cardID: Int64
    public let ratings: [Rating]
    public let elapsedDays: [Int]
    /// When each review happened, in milliseconds since the epoch.
    public let times: [Int64]

    public init(cardID: Int64, ratings: [Rating], elapsedDays: [Int], times: [Int64]) {
        self.cardID = cardID
        self.ratings = ratings
        self.elapsedDays = elapsedDays
        self.times = times
    }

    /// Each card's reviews in time order (rows with the same time in input order), with the
    /// days between them counted by `clock`.
    ///
    /// - Complexity: O(n log n) for n records.
    public static func group(_ records: [ReviewRecord], clock: ReviewDayClock) -> [ReviewSequence] {
        let order = ReviewRecord.chronologicalOrder(records)
        var cache = DayCache(clock: clock)
        var sequences: [ReviewSequence] = []
        var start = 0
        while start < order.count {
            let cardID = records[order[start]].cardID
            var end = start
            while end < order.count, records[order[end]].cardID == cardID { end += 1 }
            var ratings: [Rating] = []
            var elapsed: [Int] = []
            var times: [Int64] = []
            var previousDay: Int?
            for index in order[start..<end] {
                let record = records[index]
                let day = cache.day(record.reviewTime)
                ratings.append(record.rating)
                elapsed.append(previousDay.map { max(0, day - $0) } ?? 0)
                times.append(record.reviewTime)
                previousDay = day
            }
            sequences.append(ReviewSequence(cardID: cardID, ratings: ratings, elapsedDays: elapsed, times: times))
            start = end
        }
        return sequences
    }
}

/// Remembers the zone's offset for each hour already seen: asking the time zone is the costly
/// part of counting days for a hundred thousand reviews.
private struct DayCache {
    let clock: ReviewDayClock
    var offsets: [Int64: Int] = [:]

    init(clock: ReviewDayClock) {
        self.clock = clock
    }

    mutating func day(_ milliseconds: Int64) -> Int {
        let seconds = milliseconds.dividedRoundingDown(by: 1000)
        let hour = seconds.dividedRoundingDown(by: 3600)
        let offset: Int
        if let known = offsets[hour] {
            offset = known
        } else {
            offset = clock.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour * 3600)))
            offsets[hour] = offset
        }
        return clock.day(ofSeconds: seconds, offset: offset)
    }
}
