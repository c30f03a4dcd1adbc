import Foundation
import GRDB
import Notes

/// Writes one parsed note's rows, replacing what the same file had before.
enum NoteWriter {
    /// - Parameter sameBytes: the file is byte for byte what the previous rows were read from
    ///   (a newer parser reads it again), so a card at the same line is the same card.
    /// - Parameter fts: where the note's full-text rows go, written with the batch's others
    ///   once every other row is in (`FTSWrites`).
    static func replace(
        note: Note, file: String, root: String, origin: NoteOrigin, hash: String, size: Int64, mtime: Double,
        existing: Int64?, sameBytes: Bool = false, fts: inout FTSWrites, db: Database
    ) throws {
        var previousCards: [PreviousCard] = []
        if let existing {
            previousCards = try PreviousCard.fetch(noteID: existing, db: db)
            // The index holds no copy of the text: its rows leave it with the text they were made
            // of, read before the topics go.
            fts.deleted += try FTSWrites.Text.fetch(noteID: existing, db: db)
            try db.cachedStatement(sql: "DELETE FROM note WHERE id = ?").execute(arguments: [existing])
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO note (key, lang, file, origin, root, title, hash, size, mtime, body, indexed_at, parser)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            note.id, note.language.rawValue, file, origin.rawValue, root, note.title, hash, size, mtime, note.body,
            Date().timeIntervalSince1970, NoteParser.version,
        ])
        let noteRowID = db.lastInsertedRowID
        var topicRowIDs: [Int64] = []
        topicRowIDs.reserveCapacity(note.topics.count)
        var keyToRow: [String: Int64] = [:]
        for (position, topic) in note.topics.enumerated() {
            let path = TopicPathJSON.encode(topic.path)
            let aliases = position == 0 ? note.aliases : []
            // A title that is only the file's name (`tcp-udp-notes`) is indexed as an alias: a
            // section titled by the words searched for comes first.
            let titleIsFileName = position == 0 && note.titleFromFileName
            let searchAliases = (titleIsFileName ? [topic.title] + aliases : aliases).joined(separator: " ; ")
            try db.cachedStatement(
                sql: """
                    INSERT INTO topic (key, lang, note_id, parent_id, title, path, kind, line, position, body,
                                       search_title, search_aliases)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                topic.key, note.language.rawValue, noteRowID, topic.parent.map { topicRowIDs[$0] }, topic.title, path,
                topic.kind.rawValue, topic.line, position, topic.text, titleIsFileName ? "" : nil, searchAliases,
            ])
            let rowID = db.lastInsertedRowID
            topicRowIDs.append(rowID)
            keyToRow[topic.key] = rowID
            for alias in aliases {
                try db.cachedStatement(sql: "INSERT INTO alias (topic_id, alias) VALUES (?, ?)").execute(arguments: [
                    rowID, alias,
                ])
            }
            if position == 0 {
                for tag in note.tags {
                    try db.cachedStatement(sql: "INSERT INTO tag (topic_id, tag) VALUES (?, ?)").execute(arguments: [rowID, tag])
                }
            }
            fts.inserted.append(
                FTSWrites.Text(
                    rowID: rowID, title: titleIsFileName ? "" : topic.title, aliases: searchAliases, body: topic.text))
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
            try db.cachedStatement(sql: "INSERT INTO edge (from_topic, kind, target, line) VALUES (?, ?, ?, ?)").execute(
                arguments: [from, link.kind.rawValue, target, link.line])
        }
        try writeCards(note: note, noteRowID: noteRowID, previous: previousCards, sameBytes: sameBytes, db: db)
    }

    /// Removes a note's rows. Its cards stay (retired) with their reviews. The index reads the
    /// text it removes from the topics, so they go after it.
    static func delete(noteID: Int64, db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM topic_fts WHERE rowid IN (SELECT id FROM topic WHERE note_id = ?)").execute(
            arguments: [noteID])
        try db.cachedStatement(sql: "DELETE FROM note WHERE id = ?").execute(arguments: [noteID])
    }

    // MARK: - Cards

    struct PreviousCard {
        var id: String
        var prompt: String
        var position: Int
        var kind: Card.Kind
        var line: Int

        static func fetch(noteID: Int64, db: Database) throws -> [PreviousCard] {
            try Row.fetchAll(
                db,
                sql: """
                    SELECT card_text.card_id, card_text.prompt, card_text.position, card.kind, card_text.line
                    FROM card_text JOIN card ON card.id = card_text.card_id
                    WHERE card_text.note_id = ? ORDER BY card_text.position
                    """, arguments: [noteID]
            ).map { PreviousCard(id: $0[0], prompt: $0[1], position: $0[2], kind: $0.cardKind("kind"), line: $0[4]) }
        }
    }

    private static func writeCards(note: Note, noteRowID: Int64, previous: [PreviousCard], sameBytes: Bool, db: Database) throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let ids = try CardIdentity.assign(note.cards, previous: previous, sameBytes: sameBytes, db: db)
        for (position, (card, id)) in zip(note.cards, ids).enumerated() {
            if id != card.id {
                // Remembered, so that the card keeps its history when the file is edited later.
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO card_rename (new_id, old_id) VALUES (?, ?)").execute(
                    arguments: [card.id, id])
            }
            let demo = card.demo?.call.text
            try db.cachedStatement(
                sql: """
                    INSERT INTO card (id, kind, topic, demo, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, topic = excluded.topic, demo = excluded.demo
                    """
            ).execute(arguments: [id, card.kind.rawValue, card.topic, demo, now])
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO card_text (card_id, lang, note_id, prompt, answer, line, position)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [id, note.language.rawValue, noteRowID, card.prompt, card.answer, card.line, position])
        }
    }
}

/// A topic's path as the JSON array `topic.path` stores, byte for byte what `JSONEncoder` writes
/// (slashes escaped too), without its cost: the encoder was a tenth of the writer's work for
/// the path alone. Read back with `Row.topicPath`.
enum TopicPathJSON {
    static func encode(_ path: [String]) -> String {
        var json: [UInt8] = [UInt8(ascii: "[")]
        for (index, title) in path.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "\""))
            for byte in title.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): json += [UInt8(ascii: "\\"), byte]
                case 0x08: json += Array("\\b".utf8)
                case 0x0C: json += Array("\\f".utf8)
                case 0x0A: json += Array("\\n".utf8)
                case 0x0D: json += Array("\\r".utf8)
                case 0x09: json += Array("\\t".utf8)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    json += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                default: json.append(byte)
                }
            }
            json.append(UInt8(ascii: "\""))
        }
        json.append(UInt8(ascii: "]"))
        return String(decoding: json, as: UTF8.self)
    }
}

/// The full-text index's changes of one write transaction, applied after every other row.
///
/// The index keeps no text of its own: its content is the view `topic_search` over `topic`
/// (schema v9), and a row leaves it with the text it was made of (FTS5's `delete` command).
///
/// SQLite opens a statement savepoint for an upsert or an `INSERT OR REPLACE` inside a
/// transaction (the card rows), and FTS5 answers a savepoint by writing the terms it holds in
/// memory to disk as a new segment. Written note by note between card rows, the index got a
/// segment per note, and writing and merging them was half of the single writer's instructions
/// (callgrind, 300 files). Written last, a batch's terms reach the disk once.
struct FTSWrites {
    /// One topic's text as the index reads it (`topic_search`).
    struct Text {
        var rowID: Int64
        var title: String
        var aliases: String
        var body: String

        /// A note's topics as the index holds them, read while they are still there.
        static func fetch(noteID: Int64, db: Database) throws -> [Text] {
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, title, aliases, body FROM topic_search
                        WHERE id IN (SELECT id FROM topic WHERE note_id = ?)
                        """), arguments: [noteID]
            ).map { Text(rowID: $0[0], title: $0[1], aliases: $0[2], body: $0[3]) }
        }
    }

    /// Topic rows whose text leaves the index (their note was replaced), with that text.
    var deleted: [Text] = []
    var inserted: [Text] = []

    /// Deletes, then inserts. Row ids are never reused (`AUTOINCREMENT`), so the two never meet.
    mutating func apply(_ db: Database) throws {
        let delete = try db.cachedStatement(
            sql: "INSERT INTO topic_fts (topic_fts, rowid, title, aliases, body) VALUES ('delete', ?, ?, ?, ?)")
        for row in deleted { try delete.execute(arguments: [row.rowID, row.title, row.aliases, row.body]) }
        let insert = try db.cachedStatement(sql: "INSERT INTO topic_fts (rowid, title, aliases, body) VALUES (?, ?, ?, ?)")
        for row in inserted { try insert.execute(arguments: [row.rowID, row.title, row.aliases, row.body]) }
        deleted.removeAll()
        inserted.removeAll()
    }
}

/// Which stored card each parsed card is, so that a card keeps its reviews when its file is
/// edited or read differently by a newer netprep.
///
/// In order: a card with a written `{#id}` is that id; the same question at the nearest line;
/// with the same bytes, the card at the same line (its prompt is read differently now); the id
/// it was renamed to before; an old card reworded in place. A card matched to nothing takes
/// the id derived from its question, unless a matched card holds that id: then a fresh one.
enum CardIdentity {
    static func assign(_ cards: [Card], previous: [NoteWriter.PreviousCard], sameBytes: Bool, db: Database) throws -> [String] {
        var ids: [String?] = cards.map { $0.hasExplicitID ? $0.id : nil }
        var vanished = previous.filter { old in !cards.contains { $0.hasExplicitID && $0.id == old.id } }
        func claim(_ card: Int, _ old: Int) {
            ids[card] = vanished[old].id
            vanished.remove(at: old)
        }

        // The same question (and kind) at the nearest line: duplicates keep their own histories.
        var pairs: [(card: Int, old: String, distance: Int)] = []
        for (index, card) in cards.enumerated() where ids[index] == nil && !vanished.isEmpty {
            let prompt = normalized(card.prompt)
            for old in vanished where old.kind == card.kind && normalized(old.prompt) == prompt {
                pairs.append((index, old.id, abs(old.line - card.line)))
            }
        }
        for pair in pairs.sorted(by: { ($0.distance, $0.card) < ($1.distance, $1.card) }) where ids[pair.card] == nil {
            if let old = vanished.firstIndex(where: { $0.id == pair.old }) { claim(pair.card, old) }
        }
        if sameBytes {
            for (index, card) in cards.enumerated() where ids[index] == nil {
                if let old = vanished.firstIndex(where: { $0.line == card.line && $0.kind == card.kind }) {
                    claim(index, old)
                }
            }
        }
        // Most databases have no renames at all: one probe a note, not one a card.
        let hasRenames = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM card_rename LIMIT 1")) ?? false
        for (index, card) in cards.enumerated() where ids[index] == nil && hasRenames {
            let renamed = try String.fetchOne(
                db.cachedStatement(sql: "SELECT old_id FROM card_rename WHERE new_id = ?"), arguments: [card.id])
            if let renamed, !ids.contains(renamed) {
                ids[index] = renamed
                vanished.removeAll { $0.id == renamed }
            }
        }
        for (index, card) in cards.enumerated() where ids[index] == nil && !vanished.isEmpty {
            if let match = RewordMatch.best(for: card, at: index, among: vanished) { claim(index, match) }
        }
        // The rest are new cards (or cards whose history is not in this note's rows).
        var taken = Set(ids.compactMap { $0 })
        for (index, card) in cards.enumerated() where ids[index] == nil {
            var id = card.id
            if taken.contains(id) || vanished.contains(where: { $0.id == id }) {
                var counter = 2
                while true {
                    id = "\(card.id)-\(counter)"
                    counter += 1
                    if taken.contains(id) || vanished.contains(where: { $0.id == id }) { continue }
                    if try !exists(id, db: db) { break }
                }
            }
            ids[index] = id
            taken.insert(id)
        }
        return ids.map { $0! }
    }

    private static func exists(_ id: String, db: Database) throws -> Bool {
        let card = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM card WHERE id = ?"), arguments: [id]) ?? false
        let renamed =
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM card_rename WHERE new_id = ?"), arguments: [id]) ?? false
        return card || renamed
    }

    static func normalized(_ prompt: String) -> String {
        prompt.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// Decides whether a new card is an old one reworded.
enum RewordMatch {
    /// The vanished card at nearly the same position, of the same kind, whose prompt shares at
    /// least half of its character bigrams with the new one.
    /// A newer netprep that reads a shorter title (a trailing link or tag taken off) matches the
    /// old prompt that starts with it, wherever it stands.
    static func best(for card: Card, at position: Int, among vanished: [NoteWriter.PreviousCard]) -> Int? {
        var best: (index: Int, score: Double)?
        let prompt = CardIdentity.normalized(card.prompt)
        for (index, old) in vanished.enumerated() where old.kind == card.kind {
            let oldPrompt = CardIdentity.normalized(old.prompt)
            if prompt.count >= 4, oldPrompt.hasPrefix(prompt) {
                let score = 1 + Double(prompt.count) / Double(max(oldPrompt.count, 1))
                if score > (best?.score ?? 0) { best = (index, score) }
                continue
            }
            guard abs(old.position - position) <= 1 else { continue }
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
