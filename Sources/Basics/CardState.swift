/// Where a reviewed card stands in its life cycle: the scheduler's phases, kept by the store
/// (`card_state.state`, and in the review log) and written to Anki as its card types.
public enum CardState: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// New or still going through the learning steps (short intervals in seconds to hours).
    case learning
    /// Graduated: scheduled in whole days from its stability.
    case review
    /// Lapsed from review and going through the relearning steps.
    case relearning

    public var description: String { rawValue }
}
