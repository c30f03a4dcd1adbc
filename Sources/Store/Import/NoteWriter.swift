import Foundation
import GRDB
import Notes

/// Writes one parsed note's rows, replacing what the same file had before.
enum NoteWriter {
    static func replace(
        note: Note, file: String, root: String, origin: NoteOrigin, hash: String, size: Int64, mtime: Double,
        existing: Int64?, db: Database
    ) throws {
        var previousCards: [PreviousCard] = []
        if let existing {
            previousCards = try PreviousCard.fetch(noteID: existing, db: db)
            try delete(noteID: existing, db: db)
        }
        try db.cachedStatement(sql: """
                INSERT INTO note (key, lang, file, origin, root, title, hash, size, mtime, body, indexed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                note.id, note.language.rawValue, file, origin.rawValue, root, note.title, hash, size, mtime, note.body,
                Date().timeIntervalSince1970,
            ])
        let noteRowID = db.lastInsertedRowID
        let encoder = JSONEncoder()
        var topicRowIDs: [Int64] = []
        topicRowIDs.reserveCapacity(note.topics.count)
        var keyToRow: [String: Int64] = [:]
        for (position, topic) in note.topics.enumerated() {
            let path = String(decoding: try encoder.encode(topic.path), as: UTF8.self)
            try db.cachedStatement(sql: """
                    INSERT INTO topic (key, lang, note_id, parent_id, title, path, kind, line, position, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                    topic.key, note.language.rawValue, noteRowID, topic.parent.map { topicRowIDs[$0] }, topic.title, path,
                    topic.kind.rawValue, topic.line, position, topic.text,
                ])
            let rowID = db.lastInsertedRowID
            topicRowIDs.append(rowID)
            keyToRow[topic.key] = rowID
            let aliases = position == 0 ? note.aliases : []
            for alias in aliases {
                try db.cachedStatement(sql: "INSERT INTO alias (topic_id, alias) VALUES (?, ?)").execute(arguments: [rowID, alias])
            }
            if position == 0 {
                for tag in note.tags {
                    try db.cachedStatement(sql: "INSERT INTO tag (topic_id, tag) VALUES (?, ?)").execute(arguments: [rowID, tag])
                }
            }
            try db.cachedStatement(sql: "INSERT INTO topic_fts (rowid, title, aliases, body) VALUES (?, ?, ?, ?)").execute(arguments: [rowID, topic.title, aliases.joined(separator: " ; "), topic.text])
        }
        let directory = (file as NSString).deletingLastPathComponent
        for link in note.links {
            guard let from = keyToRow[link.from] else { continue }
            var target = link.target
            if link.isPath {
                let pathPart = target.split(separator: "#", maxSplits: 1).first.map(String.init) ?? target
                let fragment = target.contains("#") ? String(target[target.firstIndex(of: "#")!...]) : ""
                let absolute = URL(fileURLWithPath: pathPart, relativeTo: URL(fileURLWithPath: directory + "/"))
                    .standardizedFileURL.path
                target = "file:" + absolute + fragment
            }
            try db.cachedStatement(sql: "INSERT INTO edge (from_topic, kind, target, line) VALUES (?, ?, ?, ?)").execute(arguments: [from, link.kind.rawValue, target, link.line])
        }
        try writeCards(note: note, noteRowID: noteRowID, previous: previousCards, db: db)
    }

    /// Removes a note's rows. Its cards stay (retired) with their reviews.
    static func delete(noteID: Int64, db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM topic_fts WHERE rowid IN (SELECT id FROM topic WHERE note_id = ?)").execute(arguments: [noteID])
        try db.cachedStatement(sql: "DELETE FROM note WHERE id = ?").execute(arguments: [noteID])
    }

    // MARK: - Cards

    struct PreviousCard {
        var id: String
        var prompt: String
        var position: Int
        var kind: String

        static func fetch(noteID: Int64, db: Database) throws -> [PreviousCard] {
            try Row.fetchAll(
                db,
                sql: """
                    SELECT card_text.card_id, card_text.prompt, card_text.position, card.kind
                    FROM card_text JOIN card ON card.id = card_text.card_id
                    WHERE card_text.note_id = ? ORDER BY card_text.position
                    """, arguments: [noteID]
            ).map { PreviousCard(id: $0[0], prompt: $0[1], position: $0[2], kind: $0[3]) }
        }
    }

    private static func writeCards(note: Note, noteRowID: Int64, previous: [PreviousCard], db: Database) throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let newIDs = Set(note.cards.map(\.id))
        var vanished = previous.filter { !newIDs.contains($0.id) }
        for (position, card) in note.cards.enumerated() {
            var id = try String.fetchOne(db.cachedStatement(sql: "SELECT old_id FROM card_rename WHERE new_id = ?"), arguments: [card.id]) ?? card.id
            if id == card.id, !card.hasExplicitID, !previous.contains(where: { $0.id == card.id }),
                let match = RewordMatch.best(for: card, at: position, among: vanished)
            {
                // Reworded in place: same note, about the same place, similar text. Keep the history.
                id = vanished[match].id
                vanished.remove(at: match)
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO card_rename (new_id, old_id) VALUES (?, ?)").execute(arguments: [card.id, id])
            }
            let demo = card.demo.map { ([$0.name] + $0.arguments).joined(separator: " ") }
            try db.cachedStatement(sql: """
                    INSERT INTO card (id, kind, topic, demo, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, topic = excluded.topic, demo = excluded.demo
                    """).execute(arguments: [id, card.kind.rawValue, card.topic, demo, now])
            try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO card_text (card_id, lang, note_id, prompt, answer, line, position)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [id, note.language.rawValue, noteRowID, card.prompt, card.answer, card.line, position])
        }
    }
}

/// Decides whether a new card is an old one reworded.
enum RewordMatch {
    /// The vanished card at nearly the same position, of the same kind, whose prompt shares at
    /// least half of its character bigrams with the new one.
    static func best(for card: Card, at position: Int, among vanished: [NoteWriter.PreviousCard]) -> Int? {
        var best: (index: Int, score: Double)?
        for (index, old) in vanished.enumerated() where old.kind == card.kind.rawValue && abs(old.position - position) <= 1 {
            let score = similarity(old.prompt, card.prompt)
            if score >= 0.5, score > (best?.score ?? 0) { best = (index, score) }
        }
        return best?.index
    }

    /// Dice coefficient over character bigrams, case-folded.
    static func similarity(_ a: String, _ b: String) -> Double {
        func bigrams(_ text: String) -> [String: Int] {
            let characters = Array(text.lowercased().filter { !$0.isWhitespace })
            var counts: [String: Int] = [:]
            guard characters.count >= 2 else {
                if let only = characters.first { counts[String(only)] = 1 }
                return counts
            }
            for index in 0..<(characters.count - 1) { counts[String(characters[index...index + 1]), default: 0] += 1 }
            return counts
        }
        let left = bigrams(a)
        let right = bigrams(b)
        let total = left.values.reduce(0, +) + right.values.reduce(0, +)
        guard total > 0 else { return 0 }
        let shared = left.reduce(0) { $0 + min($1.value, right[$1.key] ?? 0) }
        return Double(2 * shared) / Double(total)
    }
}
