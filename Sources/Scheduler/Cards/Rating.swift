/// The answer a learner gives when a card is shown (the four FSRS buttons).
public enum Rating: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Forgot: the card lapses.
    case again = 1
    /// Recalled with serious difficulty.
    case hard = 2
    /// Recalled after some hesitation.
    case good = 3
    /// Recalled at once.
    case easy = 4

    public var description: String {
        switch self {
        case .again: "again"
        case .hard: "hard"
        case .good: "good"
        case .easy: "easy"
        }
    }
}
