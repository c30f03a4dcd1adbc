import Basics
import Notes

/// A `card_state` row: the scheduler's memory state of one card as the database keeps it.
///
/// The scheduler's `MemoryCard` is the same state with dates (`memoryCard`,
/// `init(after:from:rating:)`). Times are milliseconds since the Unix epoch, stability is in
/// days, difficulty in 1 ... 10. The same value, as JSON with the column names as keys, is what `review.state_before` and
/// `review.state_after` hold.
public struct StoredCardState: Sendable, Equatable, Codable {
    public var state: CardState
    /// The learning or relearning step; nil in review.
    public var step: Int?
    public var stability: Double?
    public var difficulty: Double?
    /// When the card is next due, ms since the epoch.
    public var due: Int64
    /// When it was last reviewed, ms since the epoch.
    public var lastReview: Int64?
    /// Reviews so far.
    public var reps: Int
    /// Times the card fell from review back to relearning.
    public var lapses: Int

    public init(
        state: CardState, step: Int?, stability: Double?, difficulty: Double?, due: Int64, lastReview: Int64?,
        reps: Int, lapses: Int
    ) {
        self.state = state
        self.step = step
        self.stability = stability
        self.difficulty = difficulty
        self.due = due
        self.lastReview = lastReview
        self.reps = reps
        self.lapses = lapses
    }

    enum CodingKeys: String, CodingKey {
        case state, step, stability, difficulty, due
        case lastReview = "last_review"
        case reps, lapses
    }

    /// Reads the JSON of the review log. A state netprep did not write (a hand-edited row) reads
    /// as `learning`, as a `card_state` row's does, rather than making the whole log unreadable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        state = CardState(rawValue: try container.decode(String.self, forKey: .state)) ?? .learning
        step = try container.decodeIfPresent(Int.self, forKey: .step)
        stability = try container.decodeIfPresent(Double.self, forKey: .stability)
        difficulty = try container.decodeIfPresent(Double.self, forKey: .difficulty)
        due = try container.decode(Int64.self, forKey: .due)
        lastReview = try container.decodeIfPresent(Int64.self, forKey: .lastReview)
        reps = try container.decode(Int.self, forKey: .reps)
        lapses = try container.decode(Int.self, forKey: .lapses)
    }
}

/// One row of the review log.
public struct ReviewEntry: Sendable, Equatable {
    public var id: Int64
    public var cardID: String
    /// ms since the epoch.
    public var reviewedAt: Int64
    /// 1 again, 2 hard, 3 good, 4 easy.
    public var rating: Int
    public var durationMs: Int64
    /// The card's state before the review; nil when the card was new.
    public var before: StoredCardState?
    public var after: StoredCardState

    public init(
        id: Int64, cardID: String, reviewedAt: Int64, rating: Int, durationMs: Int64, before: StoredCardState?,
        after: StoredCardState
    ) {
        self.id = id
        self.cardID = cardID
        self.reviewedAt = reviewedAt
        self.rating = rating
        self.durationMs = durationMs
        self.before = before
        self.after = after
    }
}

/// A card with its text in one language (or the other when it lacks that one), as the store
/// keeps it: what the quiz and the web view show.
public struct CardText: Sendable, Equatable {
    public var id: String
    /// Basic, cloze or generated (the prompt then names the question generator).
    public var kind: Card.Kind
    /// The topic key (`tcp.handshake#why-three`).
    public var topic: String
    /// The demo attached to the answer, `name arg arg`.
    public var demo: DemoCall?
    /// The language of `prompt` and `answer`: the one asked for, or the fallback.
    public var language: Language
    /// Markdown.
    public var prompt: String
    /// Markdown.
    public var answer: String
    /// Titles from the note to the card's topic.
    public var topicPath: [String]

    public init(
        id: String, kind: Card.Kind, topic: String, demo: DemoCall?, language: Language, prompt: String, answer: String,
        topicPath: [String]
    ) {
        self.id = id
        self.kind = kind
        self.topic = topic
        self.demo = demo
        self.language = language
        self.prompt = prompt
        self.answer = answer
        self.topicPath = topicPath
    }
}

/// Failures of the review log a person can act on.
public enum ReviewError: Error, Equatable, CustomStringConvertible {
    /// The card has no text any more (its note was deleted) or never existed.
    case noSuchCard(String)
    /// Undo asked for a review that is not the newest of its card (someone answered it since).
    case notNewest(reviewID: Int64, cardID: String)
    case noSuchReview(Int64)
    case database(String)

    public var description: String {
        switch self {
        case .noSuchCard(let id):
            return "no card '\(id)' to review (netprep cards lists them)"
        case .notNewest(_, let cardID):
            return "cannot undo: card '\(cardID)' has been answered again since (perhaps by another netprep)"
        case .noSuchReview(let id):
            return "cannot undo: review \(id) is gone (perhaps undone by another netprep)"
        case .database(let message):
            return "database error: \(message)"
        }
    }
}
