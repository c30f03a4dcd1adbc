import Export
import Foundation
import GRDB
import Notes
import Store

/// One answer in an Anki collection's review log, with the note it belongs to.
public struct AnkiLoggedReview: Sendable, Equatable {
    /// The note's GUID.
    public var guid: String
    /// The card's template or cloze ordinal.
    public var ordinal: Int
    /// When it was answered, ms since the epoch (Anki's revlog id).
    public var reviewedAt: Int64
    /// 1 again, 2 hard, 3 good, 4 easy.
    public var rating: Int
    /// Time taken, ms.
    public var durationMilliseconds: Int64

    public init(guid: String, ordinal: Int, reviewedAt: Int64, rating: Int, durationMilliseconds: Int64) {
        self.guid = guid
        self.ordinal = ordinal
        self.reviewedAt = reviewedAt
        self.rating = rating
        self.durationMilliseconds = durationMilliseconds
    }
}

extension AnkiCollectionFile {
    /// The answers in the review log of the schema 11 collection at `path`, oldest first.
    /// Manual reschedules and rows without a rating (Anki's type 4, ease 0) are left out.
    public static func readReviews(at path: String) throws -> [AnkiLoggedReview] {
        var configuration = Configuration()
        configuration.readonly = true
        // A package is someone else's file: its schema may hold views and triggers meant to
        // run functions; with an untrusted schema SQLite refuses them.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA trusted_schema = OFF") }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            // Anki's legacy layout: real tables (not views) and schema version 11.
            let tables = try String.fetchSet(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('col', 'revlog', 'cards', 'notes')")
            guard tables.count == 4, try Int.fetchOne(db, sql: "SELECT ver FROM col") == 11 else {
                throw DatabaseError(resultCode: .SQLITE_FORMAT, message: "not an Anki schema 11 collection")
            }
            // Answers from before Anki existed, or from the future, are not answers.
            let latest = Int64(Date().timeIntervalSince1970 * 1000) + 86_400_000
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT notes.guid, cards.ord, revlog.id, revlog.ease, revlog.time
                    FROM revlog
                    JOIN cards ON cards.id = revlog.cid
                    JOIN notes ON notes.id = cards.nid
                    WHERE revlog.type BETWEEN ? AND ? AND revlog.ease BETWEEN ? AND ?
                      AND revlog.id BETWEEN ? AND ? AND typeof(notes.guid) = 'text'
                    ORDER BY revlog.id
                    """, arguments: [0, 3, 1, 4, 1_136_073_600_000, latest]
            ).map {
                // Anki caps an answer's time at its "maximum answer seconds"; an hour is generous.
                let duration = min(max(($0[4] as Int64?) ?? 0, 0), 3_600_000)
                return AnkiLoggedReview(
                    guid: $0[0], ordinal: $0[1], reviewedAt: $0[2], rating: $0[3], durationMilliseconds: duration)
            }
        }
    }
}

extension AppDatabase {
    /// Every card id with text, and the time of its newest review (nil when never reviewed).
    public func cardReviewTimes() throws -> [String: Int64?] {
        try writer.read { db in
            var result: [String: Int64?] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT card.id, (SELECT max(reviewed_at) FROM review WHERE review.card_id = card.id)
                    FROM card WHERE EXISTS (SELECT 1 FROM card_text WHERE card_text.card_id = card.id)
                    """)
            {
                let id: String = row[0]
                let last: Int64? = row[1]
                result[id] = .some(last)
            }
            return result
        }
    }
}
