import Foundation
import GRDB
import Store

/// A fresh in-memory database with notes and cards inserted row by row.
struct QuizFixture {
    let database: AppDatabase
    var store: ReviewStore { ReviewStore(database) }

    init() throws {
        database = try AppDatabase.inMemory()
    }

    init(database: AppDatabase) {
        self.database = database
    }

    /// Inserts a note (and its root topic) with the given prerequisite notes.
    @discardableResult
    func note(_ key: String, lang: String = "en", file: String? = nil, title: String? = nil, prereqs: [String] = [])
        throws -> Int64
    {
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO note (key, lang, file, origin, root, title, hash, size, mtime, body, indexed_at)
                    VALUES (?, ?, ?, 'user', '/content', ?, 'hash', 0, 0, '', 0)
                    """, arguments: [key, lang, file ?? "/content/\(lang)/\(key).md", title ?? key.uppercased()])
            let noteID = db.lastInsertedRowID
            try db.execute(
                sql: """
                    INSERT INTO topic (key, lang, note_id, parent_id, title, path, kind, line, position, body)
                    VALUES (?, ?, ?, NULL, ?, ?, 'note', 1, 0, '')
                    """, arguments: [key, lang, noteID, title ?? key.uppercased(), "[\"\(title ?? key.uppercased())\"]"])
            let topicID = db.lastInsertedRowID
            for prereq in prereqs {
                try db.execute(
                    sql: "INSERT INTO edge (from_topic, kind, target, line) VALUES (?, 'prereq', ?, 1)",
                    arguments: [topicID, prereq])
            }
            return noteID
        }
    }

    /// Inserts a card of note `noteKey` with text in each of `langs`.
    func card(
        _ id: String, note noteKey: String, kind: String = "basic", position: Int = 0, langs: [String] = ["en"],
        prompt: String? = nil, answer: String = "the answer", demo: String? = nil
    ) throws {
        try database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO card (id, kind, topic, demo, created_at) VALUES (?, ?, ?, ?, 0)",
                arguments: [id, kind, noteKey, demo])
            for lang in langs {
                let noteID = try Int64.fetchOne(
                    db, sql: "SELECT id FROM note WHERE key = ? AND lang = ?", arguments: [noteKey, lang])!
                try db.execute(
                    sql: """
                        INSERT INTO card_text (card_id, lang, note_id, prompt, answer, line, position)
                        VALUES (?, ?, ?, ?, ?, 1, ?)
                        """, arguments: [id, lang, noteID, prompt ?? "\(lang): what is \(id)?", answer, position])
            }
        }
    }

    /// Gives a card a stored state directly.
    func setState(_ id: String, _ state: StoredCardState) throws {
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO card_state (card_id, state, step, stability, difficulty, due, last_review, reps, lapses)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, state.state.rawValue, state.step, state.stability, state.difficulty, state.due, state.lastReview,
                    state.reps,
                    state.lapses,
                ])
        }
    }

    /// Deletes a card's text, as the importer does when its note goes away.
    func retire(_ id: String) throws {
        try database.writer.write { db in
            try db.execute(sql: "DELETE FROM card_text WHERE card_id = ?", arguments: [id])
        }
    }

    func reviewRows() throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM review") ?? 0 }
    }
}

/// A fixed instant: 2026-03-10 12:00:00 UTC.
let noon = Date(timeIntervalSince1970: 1_773_144_000)
let day: TimeInterval = 86_400
let utc = TimeZone(identifier: "UTC")!

func reviewState(dueOffset: TimeInterval, stability: Double, at now: Date = noon) -> StoredCardState {
    let due = now.addingTimeInterval(dueOffset)
    return StoredCardState(
        state: .review, step: nil, stability: stability, difficulty: 5, due: Int64(due.timeIntervalSince1970 * 1000),
        lastReview: Int64(due.addingTimeInterval(-stability * day).timeIntervalSince1970 * 1000), reps: 3, lapses: 0)
}

func learningState(dueOffset: TimeInterval, at now: Date = noon) -> StoredCardState {
    let due = now.addingTimeInterval(dueOffset)
    return StoredCardState(
        state: .learning, step: 1, stability: 1, difficulty: 5, due: Int64(due.timeIntervalSince1970 * 1000),
        lastReview: Int64(due.addingTimeInterval(-600).timeIntervalSince1970 * 1000), reps: 1, lapses: 0)
}
