import Foundation
import Scheduler
import Store

/// Converting between the store's rows (ms since the epoch) and the scheduler's values (`Date`).
extension StoredCardState {
    /// The scheduler's view of this state.
    public var memoryCard: MemoryCard {
        MemoryCard(
            state: CardState(rawValue: state) ?? .learning, step: step, stability: stability, difficulty: difficulty,
            due: Date(milliseconds: due), lastReview: lastReview.map(Date.init(milliseconds:)))
    }

    /// The state after the scheduler moved `before` (nil: a new card) to `card`: counters carried
    /// on, a lapse counted when a review card is forgotten.
    public init(after card: MemoryCard, from before: StoredCardState?, rating: Rating) {
        let lapsed = before?.state == CardState.review.rawValue && rating == .again
        self.init(
            state: card.state.rawValue, step: card.step, stability: card.stability, difficulty: card.difficulty,
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

extension Rating {
    /// Reads `1` ... `4` or the rating's name (`again`, `hard`, `good`, `easy`).
    public init?(text: String) {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let number = Int(word), let rating = Rating(rawValue: number) {
            self = rating
        } else if let rating = Rating.allCases.first(where: { $0.description == word }) {
            self = rating
        } else {
            return nil
        }
    }
}

/// An interval as the rating buttons show it: `45s`, `10m`, `3h`, `4d`, `2.1mo`, `1.5y`.
public func formatInterval(_ seconds: TimeInterval) -> String {
    let s = max(0, seconds)
    if s < 60 { return "\(Int(s.rounded()))s" }
    if s < 3600 { return "\(Int((s / 60).rounded()))m" }
    if s < 86_400 { return "\(Int((s / 3600).rounded()))h" }
    let days = s / 86_400
    if days < 30 { return "\(Int(days.rounded()))d" }
    if days < 365 { return String(format: "%.1fmo", days / 30) }
    return String(format: "%.1fy", days / 365)
}
