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
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT notes.guid, cards.ord, revlog.id, revlog.ease, revlog.time
                    FROM revlog
                    JOIN cards ON cards.id = revlog.cid
                    JOIN notes ON notes.id = cards.nid
                    WHERE revlog.type BETWEEN ? AND ? AND revlog.ease BETWEEN ? AND ?
                    ORDER BY revlog.id
                    """, arguments: [0, 3, 1, 4]
            ).map {
                AnkiLoggedReview(
                    guid: $0[0], ordinal: $0[1], reviewedAt: $0[2], rating: $0[3], durationMilliseconds: $0[4])
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
