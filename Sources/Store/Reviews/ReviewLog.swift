import Foundation
import GRDB

extension ReviewStore {
    /// Records one answer: appends the review row and writes the card's new state in one
    /// IMMEDIATE transaction, committed before this returns.
    ///
    /// `schedule` gets the card's state as it is inside the transaction (nil for a new card) and
    /// returns the state after the answer, so two processes answering the same card never lose
    /// either review: the second waits for the lock and schedules from the first one's result.
    ///
    /// - Throws: `ReviewError.noSuchCard` when the card is unknown or retired.
    /// - Complexity: O(log n): a handful of B-tree lookups and writes.
    @discardableResult
    public func record(
        cardID: String, at time: Int64, rating: Int, durationMs: Int64 = 0,
        schedule: (StoredCardState?) throws -> StoredCardState
    ) throws -> ReviewEntry {
        try writeImmediately { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM card_text WHERE card_id = ?)", arguments: [cardID]) ?? false
            else { throw ReviewError.noSuchCard(cardID) }
            let before = try Self.fetchState(db, cardID: cardID)
            let after = try schedule(before)
            try CardStateRecord(cardID: cardID, state: after).insert(db, onConflict: .replace)
            var review = ReviewRecord(
                entry: ReviewEntry(
                    id: 0, cardID: cardID, reviewedAt: time, rating: rating, durationMs: durationMs, before: before,
                    after: after))
            try review.insert(db)
            return review.entry
        }
    }

    /// Takes back a review: deletes its row and puts the card back in `state_before` (no state:
    /// new again), in one transaction. Only the newest review of a card can be undone.
    ///
    /// - Returns: The review that was removed.
    @discardableResult
    public func undo(reviewID: Int64) throws -> ReviewEntry {
        try writeImmediately { db in
            guard let entry = try ReviewRecord.fetchOne(db, key: reviewID)?.entry else {
                throw ReviewError.noSuchReview(reviewID)
            }
            let newer =
                try ReviewRecord.filter(
                    ReviewRecord.Columns.cardID == entry.cardID && ReviewRecord.Columns.id > reviewID
                ).isEmpty(db) == false
            if newer { throw ReviewError.notNewest(reviewID: reviewID, cardID: entry.cardID) }
            try ReviewRecord.deleteOne(db, key: reviewID)
            if let before = entry.before {
                try CardStateRecord(cardID: entry.cardID, state: before).insert(db, onConflict: .replace)
            } else {
                try CardStateRecord.deleteOne(db, key: entry.cardID)
            }
            return entry
        }
    }

    /// The reviews of one card, oldest first (retired cards included).
    public func reviews(of cardID: String) throws -> [ReviewEntry] {
        try read { db in
            try ReviewRecord.filter(ReviewRecord.Columns.cardID == cardID).order(ReviewRecord.Columns.id).fetchAll(db)
                .map(\.entry)
        }
    }

    /// One row of the review log, as the FSRS optimizer reads it.
    public struct LoggedAnswer: Sendable, Hashable {
        public var cardID: String
        /// ms since the epoch.
        public var reviewedAt: Int64
        /// 1 again ... 4 easy.
        public var rating: Int
        public var durationMs: Int64
    }

    /// Every review in the log, by card and then time (retired cards included: their answers
    /// still tell how the learner's memory works).
    public func answerLog() throws -> [LoggedAnswer] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT card_id, reviewed_at, rating, duration_ms FROM review ORDER BY card_id, reviewed_at, id"
            ).map { LoggedAnswer(cardID: $0[0], reviewedAt: $0[1], rating: $0[2], durationMs: $0[3]) }
        }
    }

    /// The cards that can be quizzed: every card with a text, seen or not.
    public func cardCount() throws -> Int {
        try read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM card c WHERE \(ReviewStore.inANote("c.id"))")
                ?? 0
        }
    }

    /// The number of rows in the review log.
    public func reviewCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM review") ?? 0 }
    }

    // MARK: - Helpers

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: the write lock is taken (waiting out the
    /// busy timeout) before anything is read, so no other process can write in between.
    func writeImmediately<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as ReviewError {
            throw error
        } catch {
            throw ReviewError.database(AppDatabase.describe(error))
        }
    }
}
