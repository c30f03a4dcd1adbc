import Basics
import Foundation
import Scheduler

/// Converting between the store's rows (ms since the epoch) and the scheduler's values (`Date`).
extension StoredCardState {
    /// The scheduler's view of this state.
    public var memoryCard: MemoryCard {
        MemoryCard(
            state: state, step: step, stability: stability, difficulty: difficulty,
            due: Date(milliseconds: due), lastReview: lastReview.map(Date.init(milliseconds:)))
    }

    /// The state after the scheduler moved `before` (nil: a new card) to `card`: counters carried
    /// on, a lapse counted when a review card is forgotten.
    public init(after card: MemoryCard, from before: StoredCardState?, rating: Rating) {
        let lapsed = before?.state == .review && rating == .again
        self.init(
            state: card.state, step: card.step, stability: card.stability, difficulty: card.difficulty,
            due: card.due.milliseconds, lastReview: card.lastReview?.milliseconds, reps: (before?.reps ?? 0) + 1,
            lapses: (before?.lapses ?? 0) + (lapsed ? 1 : 0))
    }
}

extension Date {
    /// The instant `milliseconds` after the Unix epoch.
    public init(milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Whole milliseconds since the Unix epoch, as the database stores times.
    public var milliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }
}
