import Basics
import Foundation

/// The scheduler's view of one card: its FSRS memory state and when it is next due.
///
/// A value as the reference's `Card` (py-fsrs 6.x) holds it, without an id: the caller keeps the
/// card's identity. Stability is in days (the interval after which recall probability falls to
/// 90 %); difficulty lies in 1 ... 10.
public struct MemoryCard: Sendable, Hashable, Codable {
    /// The life-cycle state.
    public var state: CardState
    /// The index of the current learning or relearning step; `nil` in review.
    public var step: Int?
    /// Memory stability in days; `nil` before the first review.
    public var stability: Double?
    /// Difficulty in 1 ... 10; `nil` before the first review.
    public var difficulty: Double?
    /// When the card should next be shown.
    public var due: Date
    /// When it was last reviewed; `nil` for a new card.
    public var lastReview: Date?

    public init(
        state: CardState, step: Int?, stability: Double?, difficulty: Double?, due: Date, lastReview: Date?
    ) {
        self.state = state
        self.step = step
        self.stability = stability
        self.difficulty = difficulty
        self.due = due
        self.lastReview = lastReview
    }

    /// A card never reviewed, due at `date`: learning, step 0, no memory state yet (the
    /// reference's `Card()`).
    ///
    /// - Complexity: O(1).
    public static func new(at date: Date) -> MemoryCard {
        MemoryCard(state: .learning, step: 0, stability: nil, difficulty: nil, due: date, lastReview: nil)
    }

    /// Whether the card has never been reviewed.
    public var isNew: Bool { lastReview == nil && stability == nil }
}
