import Foundation

/// A review history row with the card as it stands after that review.
public struct ReplayedReview: Sendable, Hashable {
    public let record: ReviewRecord
    /// The card right after this review.
    public let card: MemoryCard

    /// The card's due time in milliseconds since the Unix epoch, rounded to the nearest.
    public var dueMilliseconds: Int64 { Int64((card.due.timeIntervalSince1970 * 1000).rounded()) }
}

extension Date {
    /// The instant `milliseconds` after the Unix epoch.
    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

extension Scheduler {
    /// Replays review histories: each card's reviews in time order (rows with the same time in
    /// file order) from a new card due at its first review, without fuzz, as the reference's
    /// `reschedule_card` does.
    ///
    /// - Returns: One result per record, in the order of `records`.
    /// - Complexity: O(n log n) for n records (the sort by card and time).
    public func replay(_ records: [ReviewRecord]) -> [ReplayedReview] {
        let order = ReviewRecord.chronologicalOrder(records)
        var cards: [MemoryCard?] = Array(repeating: nil, count: records.count)
        var current: MemoryCard?
        var currentID: Int64?
        for index in order {
            let record = records[index]
            let date = Date(millisecondsSince1970: record.reviewTime)
            if record.cardID != currentID {
                currentID = record.cardID
                current = .new(at: date)
            }
            let next = review(current!, rating: record.rating, at: date)
            current = next
            cards[index] = next
        }
        return zip(records, cards).map { ReplayedReview(record: $0, card: $1!) }
    }
}
