import Basics
import Foundation
import GRDB

/// The shape of a synthetic database for timing the quiz.
public struct BenchmarkShape: Sendable {
    public var notes: Int
    public var cardsPerNote: Int
    /// Reviews in the log, spread over the reviewed cards.
    public var reviews: Int
    /// Of each note's cards, this share (its first cards) has been reviewed.
    public var reviewedShare: Double
    /// Of the reviewed cards, this share is due at `now`.
    public var dueShare: Double
    /// Reviewed cards still in learning, due now.
    public var learningDue: Int
    /// When true, the unreviewed cards are the last notes' cards instead of the tail of every
    /// note: the worst case for finding new cards.
    public var newCardsInLastNotes: Bool

    public init(
        notes: Int = 10_000, cardsPerNote: Int = 100, reviews: Int = 5_000_000, reviewedShare: Double = 0.9,
        dueShare: Double = 0.02, learningDue: Int = 500, newCardsInLastNotes: Bool = false
    ) {
        self.notes = notes
        self.cardsPerNote = cardsPerNote
        self.reviews = reviews
        self.reviewedShare = reviewedShare
        self.dueShare = dueShare
        self.learningDue = learningDue
        self.newCardsInLastNotes = newCardsInLastNotes
    }

    public var cards: Int { notes * cardsPerNote }
}

extension ReviewStore {
    /// Fills an empty database with `shape`'s notes, cards, states and reviews in one
    /// transaction of prepared bulk inserts, times around `now` (ms since the epoch). Each note
    /// lists the note before it as a prerequisite.
    ///
    /// - Complexity: O(cards + reviews) inserts.
    public func fillForBenchmark(_ shape: BenchmarkShape, now: Int64) throws {
        let dayMs: Int64 = 86_400_000
        try writeImmediately { db in
            let insertNote = try db.makeStatement(
                sql: """
                    INSERT INTO note (key, lang, file, origin, root, title, hash, size, mtime, body, indexed_at)
                    VALUES (?, 'en', ?, 'user', '/bench', ?, '', 0, 0, '', 0)
                    """)
            let insertTopic = try db.makeStatement(
                sql: """
                    INSERT INTO topic (key, lang, note_id, parent_id, title, path, kind, line, position, body)
                    VALUES (?, 'en', ?, NULL, ?, ?, 'note', 1, 0, '')
                    """)
            let insertEdge = try db.makeStatement(
                sql: "INSERT INTO edge (from_topic, kind, target, line) VALUES (?, 'prereq', ?, 1)")
            let insertCard = try db.makeStatement(
                sql: "INSERT INTO card (id, kind, topic, demo, created_at) VALUES (?, 'basic', ?, NULL, 0)")
            let insertText = try db.makeStatement(
                sql: """
                    INSERT INTO card_text (card_id, lang, note_id, prompt, answer, line, position)
                    VALUES (?, 'en', ?, ?, ?, ?, ?)
                    """)
            let insertState = try db.makeStatement(
                sql: """
                    INSERT INTO card_state (card_id, state, step, stability, difficulty, due, last_review, reps, lapses)
                    VALUES (?, ?, ?, ?, 5.0, ?, ?, ?, 0)
                    """)
            let insertReview = try db.makeStatement(
                sql: """
                    INSERT INTO review (card_id, reviewed_at, rating, duration_ms, state_before, state_after)
                    VALUES (?, ?, 3, 4000, ?, ?)
                    """)
            let reviewedCards = Int((Double(shape.cards) * shape.reviewedShare).rounded())
            let reviewsPerCard = reviewedCards > 0 ? shape.reviews / reviewedCards : 0
            var extraReviews = reviewedCards > 0 ? shape.reviews % reviewedCards : 0
            var random = BenchmarkRandom(state: 0x5EED)
            var reviewedSoFar = 0
            var learningLeft = shape.learningDue
            let answer = "The **answer**, with `code` and a list:\n\n- one\n- two"
            for note in 0..<shape.notes {
                let key = "bench.n\(note)"
                let title = "Bench note \(note)"
                try insertNote.execute(arguments: [key, "/bench/n\(String(format: "%06d", note)).md", title])
                let noteID = db.lastInsertedRowID
                try insertTopic.execute(arguments: [key, noteID, title, "[\"\(title)\"]"])
                if note > 0 { try insertEdge.execute(arguments: [db.lastInsertedRowID, "bench.n\(note - 1)"]) }
                for index in 0..<shape.cardsPerNote {
                    let id = "\(key)#c\(index)"
                    try insertCard.execute(arguments: [id, key])
                    try insertText.execute(arguments: [
                        id, noteID, "Question \(index) of note \(note)?", answer, index + 2, index,
                    ])
                    let reviewed: Bool
                    if shape.newCardsInLastNotes {
                        reviewed = note * shape.cardsPerNote + index < reviewedCards
                    } else {
                        reviewed = Double(index) < Double(shape.cardsPerNote) * shape.reviewedShare
                    }
                    guard reviewed else { continue }
                    reviewedSoFar += 1
                    var count = reviewsPerCard
                    if extraReviews > 0 {
                        count += 1
                        extraReviews -= 1
                    }
                    let stability = 1 + random.unit() * 200
                    let isDue = random.unit() < shape.dueShare
                    // Every review lies in the past; only the learning cards were reviewed
                    // today (earlier in the day).
                    let due: Int64
                    let lastReview: Int64
                    let state: String
                    if learningLeft > 0 && isDue {
                        learningLeft -= 1
                        state = "learning"
                        due = now - Int64(random.unit() * 3_600_000)
                        lastReview = due - 600_000
                    } else if isDue {
                        state = "review"
                        due = now - Int64(random.unit() * 30 * Double(dayMs))
                        lastReview = due - Int64(stability * Double(dayMs))
                    } else {
                        state = "review"
                        // Reviewed before today: a session at the start of the day.
                        due = now + 1 + Int64(random.unit() * stability * Double(dayMs))
                        lastReview = min(due - Int64(stability * Double(dayMs)), now - dayMs)
                    }
                    try insertState.execute(
                        arguments: [id, state, state == "learning" ? 1 : nil, stability, due, lastReview, count])
                    let after =
                        "{\"difficulty\":5,\"due\":\(due),\"lapses\":0,\"last_review\":\(lastReview),\"reps\":\(count),\"stability\":\(stability),\"state\":\"\(state)\"}"
                    for review in 0..<count {
                        let time = lastReview - Int64(count - 1 - review) * 7 * dayMs
                        try insertReview.execute(arguments: [id, time, review == 0 ? nil : after, after])
                    }
                }
            }
        }
    }
}

/// SplitMix64, for benchmark data only (the store has no dependency on Models).
struct BenchmarkRandom {
    var state: UInt64

    mutating func unit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
    }
}
