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
            try Self.writeState(db, cardID: cardID, state: after)
            try db.execute(
                sql: """
                    INSERT INTO review (card_id, reviewed_at, rating, duration_ms, state_before, state_after)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [cardID, time, rating, durationMs, try before.map(Self.json), try Self.json(after)])
            return ReviewEntry(
                id: db.lastInsertedRowID, cardID: cardID, reviewedAt: time, rating: rating, durationMs: durationMs,
                before: before, after: after)
        }
    }

    /// Takes back a review: deletes its row and puts the card back in `state_before` (no state:
    /// new again), in one transaction. Only the newest review of a card can be undone.
    ///
    /// - Returns: The review that was removed.
    @discardableResult
    public func undo(reviewID: Int64) throws -> ReviewEntry {
        try writeImmediately { db in
            guard let entry = try Self.fetchReview(db, id: reviewID) else { throw ReviewError.noSuchReview(reviewID) }
            let newer =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM review WHERE card_id = ? AND id > ?)",
                    arguments: [entry.cardID, reviewID]) ?? false
            if newer { throw ReviewError.notNewest(reviewID: reviewID, cardID: entry.cardID) }
            try db.execute(sql: "DELETE FROM review WHERE id = ?", arguments: [reviewID])
            if let before = entry.before {
                try Self.writeState(db, cardID: entry.cardID, state: before)
            } else {
                try db.execute(sql: "DELETE FROM card_state WHERE card_id = ?", arguments: [entry.cardID])
            }
            return entry
        }
    }

    /// The reviews of one card, oldest first (retired cards included).
    public func reviews(of cardID: String) throws -> [ReviewEntry] {
        try read { db in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM review WHERE card_id = ? ORDER BY id", arguments: [cardID])
            return try ids.compactMap { try Self.fetchReview(db, id: $0) }
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
                db, sql: "SELECT count(*) FROM card c WHERE EXISTS (SELECT 1 FROM card_text t WHERE t.card_id = c.id)")
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

    static func writeState(_ db: Database, cardID: String, state: StoredCardState) throws {
        try db.execute(
            sql: """
                INSERT INTO card_state (card_id, state, step, stability, difficulty, due, last_review, reps, lapses)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (card_id) DO UPDATE SET
                    state = excluded.state, step = excluded.step, stability = excluded.stability,
                    difficulty = excluded.difficulty, due = excluded.due, last_review = excluded.last_review,
                    reps = excluded.reps, lapses = excluded.lapses
                """,
            arguments: [
                cardID, state.state, state.step, state.stability, state.difficulty, state.due, state.lastReview,
                state.reps, state.lapses,
            ])
    }

    static func fetchReview(_ db: Database, id: Int64) throws -> ReviewEntry? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, card_id, reviewed_at, rating, duration_ms, state_before, state_after
                    FROM review WHERE id = ?
                    """, arguments: [id])
        else { return nil }
        let before: String? = row["state_before"]
        let after: String = row["state_after"]
        return ReviewEntry(
            id: row["id"], cardID: row["card_id"], reviewedAt: row["reviewed_at"], rating: row["rating"],
            durationMs: row["duration_ms"], before: try before.map(Self.decodeState), after: try Self.decodeState(after))
    }

    static func json(_ state: StoredCardState) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(state), as: UTF8.self)
    }

    static func decodeState(_ json: String) throws -> StoredCardState {
        try JSONDecoder().decode(StoredCardState.self, from: Data(json.utf8))
    }
}
