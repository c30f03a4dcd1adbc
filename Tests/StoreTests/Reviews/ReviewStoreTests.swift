import Foundation
import GRDB
import Testing

@testable import Store

private func database(cards: [String]) throws -> AppDatabase {
    let database = try AppDatabase.inMemory()
    try database.writer.write { db in
        try db.execute(
            sql: """
                INSERT INTO note (key, lang, file, origin, root, title, hash, size, mtime, body, indexed_at)
                VALUES ('tcp', 'en', '/tcp.md', 'builtin', '/', 'TCP', '', 0, 0, '', 0)
                """)
        let noteID = db.lastInsertedRowID
        for (index, id) in cards.enumerated() {
            try db.execute(
                sql: "INSERT INTO card (id, kind, topic, demo, created_at) VALUES (?, 'basic', 'tcp', NULL, 0)",
                arguments: [id])
            try db.execute(
                sql: """
                    INSERT INTO card_text (card_id, lang, note_id, prompt, answer, line, position)
                    VALUES (?, 'en', ?, 'Q', 'A', 1, ?)
                    """, arguments: [id, noteID, index])
        }
    }
    return database
}

private let learning = StoredCardState(
    state: .learning, step: 1, stability: 2.3, difficulty: 4.9, due: 1_000_600_000, lastReview: 1_000_000_000, reps: 1,
    lapses: 0)

@Test func recordingWritesTheReviewRowAndTheStateTogether() throws {
    let store = ReviewStore(try database(cards: ["tcp#a"]))
    let entry = try store.record(cardID: "tcp#a", at: 1_000_000_000, rating: 3, durationMs: 1234) { before in
        #expect(before == nil)
        return learning
    }
    #expect(try store.state(of: "tcp#a") == learning)
    #expect(try store.reviews(of: "tcp#a") == [entry])
    #expect(entry.before == nil && entry.after == learning && entry.durationMs == 1234)
    // The log stores the state as JSON with the column names.
    let json = try store.database.writer.read { db in
        try String.fetchOne(db, sql: "SELECT state_after FROM review WHERE id = ?", arguments: [entry.id])
    }
    #expect(
        json
            == #"{"difficulty":4.9,"due":1000600000,"lapses":0,"last_review":1000000000,"reps":1,"stability":2.3,"state":"learning","step":1}"#
    )
}

@Test func aFailingScheduleLeavesNoTrace() throws {
    struct Boom: Error {}
    let store = ReviewStore(try database(cards: ["tcp#a"]))
    #expect(throws: ReviewError.self) {
        try store.record(cardID: "tcp#a", at: 1, rating: 3) { _ in throw Boom() }
    }
    #expect(try store.reviewCount() == 0)
    #expect(try store.state(of: "tcp#a") == nil)
}

@Test func undoOfAFirstReviewMakesTheCardNewAgain() throws {
    let store = ReviewStore(try database(cards: ["tcp#a", "tcp#b"]))
    let first = try store.record(cardID: "tcp#a", at: 1_000, rating: 3) { _ in learning }
    var graduated = learning
    graduated.state = .review
    graduated.reps = 2
    let second = try store.record(cardID: "tcp#a", at: 2_000, rating: 4) { before in
        #expect(before == learning)
        return graduated
    }
    try store.undo(reviewID: second.id)
    #expect(try store.state(of: "tcp#a") == learning)
    try store.undo(reviewID: first.id)
    #expect(try store.state(of: "tcp#a") == nil)
    #expect(try store.reviewCount() == 0)
    #expect(throws: ReviewError.noSuchReview(first.id)) { try store.undo(reviewID: first.id) }
}

@Test func newCardsIntroducedCountsFirstReviewsSinceAnInstant() throws {
    let store = ReviewStore(try database(cards: ["tcp#a", "tcp#b", "tcp#c"]))
    try store.record(cardID: "tcp#a", at: 500, rating: 3) { _ in learning }
    try store.record(cardID: "tcp#b", at: 1_500, rating: 3) { _ in learning }
    try store.record(cardID: "tcp#b", at: 1_600, rating: 3) { _ in learning }
    #expect(try store.newCardsIntroduced(since: 1_000) == 1)
    #expect(try store.newCardsIntroduced(since: 0) == 2)
}

@Test func topicScopesMatchWholeKeysOnly() {
    let scope = TopicScope("tcp")
    #expect(scope.contains("tcp") && scope.contains("tcp.handshake") && scope.contains("tcp#why"))
    // A note in a folder named by the key, as `cards --topic` and search take it.
    #expect(scope.contains("tcp/握手") && scope.contains("tcp/握手#为什么"))
    #expect(!scope.contains("tcpip") && !scope.contains("udp") && !scope.contains("tc"))
}
