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
            _ = try NoteRecord.deleteOne(db, key: existing)
        }
        let noteRowID = try NoteRecord(
            key: note.id, language: note.language, file: file, origin: origin, root: root, title: note.title, hash: hash,
            size: size, mtime: mtime, body: note.body, indexedAt: Date().timeIntervalSince1970, parser: NoteParser.version
        ).insertRowForID(db)
        var topicRowIDs: [Int64] = []
        topicRowIDs.reserveCapacity(note.topics.count)
        var keyToRow: [String: Int64] = [:]
        for (position, topic) in note.topics.enumerated() {
            let aliases = position == 0 ? note.aliases : []
            // A title that is only the file's name (`tcp-udp-notes`) is indexed as an alias: a
            // section titled by the words searched for comes first.
            let titleIsFileName = position == 0 && note.titleFromFileName
            let searchAliases = (titleIsFileName ? [topic.title] + aliases : aliases).joined(separator: " ; ")
            let rowID = try TopicRecord(
                key: topic.key, language: note.language, noteID: noteRowID, parentID: topic.parent.map { topicRowIDs[$0] },
                title: topic.title, path: topic.path, kind: topic.kind, line: topic.line, position: position,
                body: topic.text, searchTitle: titleIsFileName ? "" : nil, searchAliases: searchAliases
            ).insertRowForID(db)
            topicRowIDs.append(rowID)
            keyToRow[topic.key] = rowID
            for alias in aliases { try AliasRecord(topicID: rowID, alias: alias).insertRow(db) }
            if position == 0 {
                for tag in note.tags { try TagRecord(topicID: rowID, tag: tag).insertRow(db) }
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
            try EdgeRecord(fromTopic: from, kind: link.kind, target: target, line: link.line).insertRow(db)
        }
        try writeCards(note: note, noteRowID: noteRowID, previous: previousCards, sameBytes: sameBytes, db: db)
    }

    /// Removes a note's rows. Its cards stay (retired) with their reviews. The index reads the
    /// text it removes from the topics, so they go after it.
    static func delete(noteID: Int64, db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM topic_fts WHERE rowid IN (SELECT id FROM topic WHERE note_id = ?)").execute(
            arguments: [noteID])
        _ = try NoteRecord.deleteOne(db, key: noteID)
    }

    // MARK: - Cards

    /// A card the note's previous rows held, as `CardIdentity` compares it with the new ones.
    struct PreviousCard: FetchableRecord {
        var id: String
        var prompt: String
        var position: Int
        var kind: Card.Kind
        var line: Int

        static func fetch(noteID: Int64, db: Database) throws -> [PreviousCard] {
            try fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT card_text.card_id, card_text.prompt, card_text.position, card.kind, card_text.line
                        FROM card_text JOIN card ON card.id = card_text.card_id
                        WHERE card_text.note_id = ? ORDER BY card_text.position
                        """), arguments: [noteID])
        }
    }

    private static func writeCards(note: Note, noteRowID: Int64, previous: [PreviousCard], sameBytes: Bool, db: Database) throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let ids = try CardIdentity.assign(note.cards, previous: previous, sameBytes: sameBytes, db: db)
        for (position, (card, id)) in zip(note.cards, ids).enumerated() {
            if id != card.id {
                // Remembered, so that the card keeps its history when the file is edited later.
                try CardRenameRecord(newID: card.id, oldID: id).insertRow(db, onConflict: .replace)
            }
            try CardRecord(id: id, kind: card.kind, topic: card.topic, demo: card.demo?.call, createdAt: now)
                .insertOrUpdate(db)
            try CardTextRecord(
                cardID: id, language: note.language, noteID: noteRowID, prompt: card.prompt, answer: card.answer,
                line: card.line, position: position
            ).insertRow(db, onConflict: .replace)
        }
    }
}

extension NoteWriter.PreviousCard {
    init(row: Row) throws {
        self.init(
            id: row["card_id"], prompt: row["prompt"], position: row["position"], kind: row.cardKind(), line: row["line"])
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
    struct Text: FetchableRecord {
        var rowID: Int64
        var title: String
        var aliases: String
        var body: String

        /// A note's topics as the index holds them, read while they are still there.
        static func fetch(noteID: Int64, db: Database) throws -> [Text] {
            try fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, title, aliases, body FROM topic_search
                        WHERE id IN (SELECT id FROM topic WHERE note_id = ?)
                        """), arguments: [noteID])
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

extension FTSWrites.Text {
    init(row: Row) throws {
        self.init(rowID: row["id"], title: row["title"], aliases: row["aliases"], body: row["body"])
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
        // (A cached statement: the query interface builds its SQL at every call, 87,000
        // instructions a note.)
        let hasRenames = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM card_rename LIMIT 1")) ?? false
        for (index, card) in cards.enumerated() where ids[index] == nil && hasRenames {
            let renamed = try CardRenameRecord.fetchOne(db, key: card.id)?.oldID
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
        try CardRecord.exists(db, key: id) || CardRenameRecord.exists(db, key: id)
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
