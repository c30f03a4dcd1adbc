/// Where a card stands in the FSRS life cycle.
public enum CardState: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// New or still going through the learning steps (short intervals in seconds to hours).
    case learning
    /// Graduated: scheduled in whole days from its stability.
    case review
    /// Lapsed from review and going through the relearning steps.
    case relearning

    public var description: String { rawValue }
}
