import Foundation

/// What an export wrote.
public struct ExportSummary: Sendable, Equatable, Codable {
    /// Notes (Anki) or cards written (one per netprep card).
    public var notes: Int
    /// Anki cards: one per note, or one per cloze number.
    public var cards: Int
    /// Review log rows.
    public var reviews: Int
    /// Anki decks (parents included), or Markdown files (index left out).
    public var decks: Int
    /// Generated cards left out: their questions are drawn by netprep at quiz time.
    public var skippedGenerated: Int

    enum CodingKeys: String, CodingKey {
        case notes, cards, reviews, decks
        case skippedGenerated = "skipped_generated"
    }

    public init(notes: Int = 0, cards: Int = 0, reviews: Int = 0, decks: Int = 0, skippedGenerated: Int = 0) {
        self.notes = notes
        self.cards = cards
        self.reviews = reviews
        self.decks = decks
        self.skippedGenerated = skippedGenerated
    }
}
