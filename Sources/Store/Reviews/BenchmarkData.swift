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
            // The review rows' JSON is written here as text, not encoded a row at a time as
            // `ReviewRecord` does: millions of rows.
            let insertReview = try db.makeStatement(
                sql: """
                    INSERT INTO review (card_id, reviewed_at, rating, duration_ms, state_before, state_after)
                    VALUES (?, ?, 3, 4000, ?, ?)
                    """)
            let reviewedCards = Int((Double(shape.cards) * shape.reviewedShare).rounded())
            let reviewsPerCard = reviewedCards > 0 ? shape.reviews / reviewedCards : 0
            var extraReviews = reviewedCards > 0 ? shape.reviews % reviewedCards : 0
            var random = SplitMix64(seed: 0x5EED)
            var reviewedSoFar = 0
            var learningLeft = shape.learningDue
            let answer = "The **answer**, with `code` and a list:\n\n- one\n- two"
            for note in 0..<shape.notes {
                let key = "bench.n\(note)"
                let title = "Bench note \(note)"
                let noteID = try NoteRecord(
                    key: key, language: .en, file: "/bench/n\(String(format: "%06d", note)).md", origin: .user,
                    root: "/bench", title: title, hash: "", size: 0, mtime: 0, body: "", indexedAt: 0, parser: 1
                ).insertRowForID(db)
                let topicID = try TopicRecord(
                    key: key, language: .en, noteID: noteID, parentID: nil, title: title, path: [title], kind: .note,
                    line: 1, position: 0, body: ""
                ).insertRowForID(db)
                if note > 0 {
                    try EdgeRecord(fromTopic: topicID, kind: .prereq, target: "bench.n\(note - 1)", line: 1).insertRow(db)
                }
                for index in 0..<shape.cardsPerNote {
                    let id = "\(key)#c\(index)"
                    try CardRecord(id: id, kind: .basic, topic: key, demo: nil, createdAt: 0).insertRow(db)
                    try CardTextRecord(
                        cardID: id, language: .en, noteID: noteID, prompt: "Question \(index) of note \(note)?",
                        answer: answer, line: index + 2, position: index
                    ).insertRow(db)
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
                    let stability = 1 + random.nextUnitInterval() * 200
                    let isDue = random.nextUnitInterval() < shape.dueShare
                    // Every review lies in the past; only the learning cards were reviewed
                    // today (earlier in the day).
                    let due: Int64
                    let lastReview: Int64
                    let state: CardState
                    if learningLeft > 0 && isDue {
                        learningLeft -= 1
                        state = .learning
                        due = now - Int64(random.nextUnitInterval() * 3_600_000)
                        lastReview = due - 600_000
                    } else if isDue {
                        state = .review
                        due = now - Int64(random.nextUnitInterval() * 30 * Double(dayMs))
                        lastReview = due - Int64(stability * Double(dayMs))
                    } else {
                        state = .review
                        // Reviewed before today: a session at the start of the day.
                        due = now + 1 + Int64(random.nextUnitInterval() * stability * Double(dayMs))
                        lastReview = min(due - Int64(stability * Double(dayMs)), now - dayMs)
                    }
                    try CardStateRecord(
                        cardID: id,
                        state: StoredCardState(
                            state: state, step: state == .learning ? 1 : nil, stability: stability, difficulty: 5,
                            due: due, lastReview: lastReview, reps: count, lapses: 0)
                    ).insertRow(db)
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
