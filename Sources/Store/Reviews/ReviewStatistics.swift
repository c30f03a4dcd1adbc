import Foundation
import GRDB

/// Counts for today's dashboard and the header of a quiz session.
public struct DueCounts: Sendable, Equatable, Codable {
    /// Learning and relearning cards due now.
    public var learningDue: Int
    /// Review cards due now.
    public var reviewDue: Int
    /// Cards of any state due before the end of the day.
    public var dueToday: Int
    /// Cards in learning or relearning, due or not.
    public var learning: Int

    public init(learningDue: Int, reviewDue: Int, dueToday: Int, learning: Int) {
        self.learningDue = learningDue
        self.reviewDue = reviewDue
        self.dueToday = dueToday
        self.learning = learning
    }
}

/// One card's memory as far as mastery needs it.
public struct CardMemory: Sendable, Equatable {
    public var topic: String
    /// nil for a new card.
    public var stability: Double?
    /// ms since the epoch; nil for a new card.
    public var lastReview: Int64?
}

extension ReviewStore {
    /// Due counts at `now`; `endOfDay` is the next local midnight, ms since the epoch.
    public func dueCounts(at now: Int64, endOfDay: Int64, scope: TopicScope?) throws -> DueCounts {
        try read { db in
            var arguments: StatementArguments = [now, now, endOfDay]
            let filter = Self.scopeFilter(scope, column: "c.topic", arguments: &arguments)
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT
                        coalesce(sum(s.due <= ? AND s.state IN ('learning', 'relearning')), 0) AS learning_due,
                        coalesce(sum(s.due <= ? AND s.state = 'review'), 0) AS review_due,
                        coalesce(sum(s.due < ?), 0) AS due_today,
                        coalesce(sum(s.state IN ('learning', 'relearning')), 0) AS learning
                    FROM card_state s JOIN card c ON c.id = s.card_id
                    WHERE \(ReviewStore.inANote("s.card_id")) \(filter)
                    """, arguments: arguments)!
            return DueCounts(
                learningDue: row["learning_due"], reviewDue: row["review_due"], dueToday: row["due_today"],
                learning: row["learning"])
        }
    }

    /// New cards (never reviewed, with text) under `scope`, counted up to `cap`.
    public func newCardCount(scope: TopicScope?, cap: Int) throws -> Int {
        try read { db in
            var arguments: StatementArguments = []
            let filter = Self.scopeFilter(scope, column: "c.topic", arguments: &arguments)
            arguments += [cap]
            return try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM (SELECT 1 FROM card c
                    WHERE NOT EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = c.id)
                      AND \(ReviewStore.inANote("c.id")) \(filter)
                    LIMIT ?)
                    """, arguments: arguments) ?? 0
        }
    }

    /// Whether any review was given in `start ..< end`.
    public func hasReviews(from start: Int64, to end: Int64) throws -> Bool {
        try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM review WHERE reviewed_at >= ? AND reviewed_at < ?)",
                arguments: [start, end]) ?? false
        }
    }

    /// Reviews per day from `start` on: day index (0 = the day starting at `start`) to
    /// (reviews, of which rated Again). Days are 24 h apart from `start`.
    public func reviewsPerDay(from start: Int64) throws -> [Int: (reviews: Int, again: Int)] {
        try read { db in
            var result: [Int: (reviews: Int, again: Int)] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT (reviewed_at - ?) / 86400000 AS day, count(*) AS n, sum(rating = 1) AS again
                    FROM review WHERE reviewed_at >= ? GROUP BY day
                    """, arguments: [start, start])
            while let row = try rows.next() {
                result[row["day"]] = (row["n"], row["again"])
            }
            return result
        }
    }

    /// True retention since `start`: of the reviews of cards that were in review (not learning),
    /// how many were recalled (Hard, Good or Easy).
    public func retention(since start: Int64) throws -> (reviews: Int, recalled: Int) {
        try read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS n, coalesce(sum(rating > 1), 0) AS recalled FROM review
                    WHERE reviewed_at >= ? AND json_extract(state_before, '$.state') = 'review'
                    """, arguments: [start])!
            return (row["n"], row["recalled"])
        }
    }

    /// Cards falling due per day from `start` for `days` days (index 0 also holds every card
    /// already overdue), quizzable cards only.
    public func dueForecast(from start: Int64, days: Int) throws -> [Int] {
        try read { db in
            var counts = Array(repeating: 0, count: days)
            let end = start + Int64(days) * 86_400_000
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT max(0, (s.due - ?) / 86400000) AS day, count(*) AS n FROM card_state s
                    WHERE s.due < ? AND \(ReviewStore.inANote("s.card_id"))
                    GROUP BY day
                    """, arguments: [start, end])
            while let row = try rows.next() {
                let day: Int = row["day"]
                if day >= 0 && day < days { counts[day] += row["n"] }
            }
            return counts
        }
    }

    /// Visits the topic and memory of every quizzable card that has one (reviewed at least
    /// once), in the order `forEachCardMemory` visits them: by topic, then id.
    ///
    /// - Complexity: O(r log r) in the r cards with a memory state, whatever the number of cards.
    public func forEachReviewedCardMemory(_ visit: (CardMemory) throws -> Void) throws {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: Self.reviewedMemoriesSQL)
            while let row = try rows.next() {
                try visit(CardMemory(topic: row[0], stability: row[1], lastReview: row[2]))
            }
        }
    }

    /// `CROSS JOIN` keeps the memory states the outer loop: to give the order without a sort,
    /// SQLite would walk every card by topic and look each one's state up.
    static let reviewedMemoriesSQL = """
        SELECT c.topic, s.stability, s.last_review FROM card_state s
        CROSS JOIN card c ON c.id = s.card_id
        WHERE \(ReviewStore.inANote("c.id"))
        ORDER BY c.topic, c.id
        """

    /// The quizzable cards of the note `key`: its own and its sections' (`key`, `key#…`).
    public func quizzableCardCount(inNote key: String) throws -> Int {
        try read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM card c
                    WHERE (c.topic = ? OR (c.topic >= ? AND c.topic < ?))
                      AND \(ReviewStore.inANote("c.id"))
                    """, arguments: [key, key + "#", key + "$"]) ?? 0
        }
    }

    /// Visits every quizzable card's topic and memory (new cards with nil stability).
    ///
    /// - Complexity: O(n) in the number of cards.
    public func forEachCardMemory(_ visit: (CardMemory) throws -> Void) throws {
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.topic, s.stability, s.last_review FROM card c
                    LEFT JOIN card_state s ON s.card_id = c.id
                    WHERE \(ReviewStore.inANote("c.id"))
                    """)
            while let row = try rows.next() {
                try visit(CardMemory(topic: row[0], stability: row[1], lastReview: row[2]))
            }
        }
    }
}
