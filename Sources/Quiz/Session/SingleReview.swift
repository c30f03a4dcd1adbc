import Basics
import Demos
import Foundation
import Models
import Notes
import Scheduler
import Store

/// One answer outside a session (`netprep review CARD RATING`).
public enum SingleReview {
    /// Records `rating` for `cardID` at `date`, scheduled with fuzz drawn from `seed`.
    @discardableResult
    public static func record(
        store: ReviewStore, scheduler: Scheduler = Scheduler(), cardID: String, rating: Rating, at date: Date,
        seed: UInt64
    ) throws -> ReviewEntry {
        var generator = SplitMix64(seed: seed)
        return try store.record(cardID: cardID, at: date.milliseconds, rating: rating.rawValue) { state in
            let memory = state?.memoryCard ?? MemoryCard.new(at: date)
            let next = scheduler.review(memory, rating: rating, at: date, using: &generator)
            return StoredCardState(after: next, from: state, rating: rating)
        }
    }
}

/// Checks a `--topic` against the topics the database knows.
public enum TopicCheck {
    /// Throws `StoreError.noSuchTopic` (with the closest key as a suggestion) when no card lies
    /// under `key`.
    public static func ensureCards(under key: String, in store: ReviewStore) throws {
        if try store.hasCards(in: TopicScope(key)) { return }
        let keys = try store.topicKeys()
        var candidates = Set<String>()
        for topic in keys {
            let note = ReviewStore.noteKey(of: topic)
            candidates.insert(topic)
            candidates.insert(note)
            if let dot = note.firstIndex(of: ".") { candidates.insert(String(note[..<dot])) }
        }
        throw StoreError.noSuchTopic(key, suggestion: Suggestion.closest(to: key, among: candidates))
    }
}
