import Basics
import Foundation
import GRDB
import Notes

/// The quiz's view of the database: the queue, card states, the review log and its statistics.
///
/// Every answer is one IMMEDIATE transaction holding the review row and the card's new state,
/// so a crash loses nothing already answered, and a second netprep process on the same file
/// waits for the write lock (the database's busy timeout) instead of failing or interleaving.
/// Times are milliseconds since the Unix epoch, as in the schema.
public struct ReviewStore: Sendable {
    public let database: AppDatabase

    public init(_ database: AppDatabase) {
        self.database = database
    }

    var writer: any DatabaseWriter { database.writer }

    // MARK: - The queue

    /// Learning and relearning cards due at `now`, earliest first, at most `limit`. Without a
    /// scope the list may hold retired cards (no text any more); `card(_:language:)` returns
    /// nil for them and the session passes over them.
    ///
    /// - Complexity: O(k log n) for k cards due, through `card_state_due`.
    public func dueLearning(at now: Int64, scope: TopicScope?, limit: Int) throws -> [String] {
        try read { db in
            guard scope != nil else {
                // Retired cards (no text) are dropped when shown; leaving the join out keeps
                // this to the card_state rows (or an index on state, due) alone.
                return try String.fetchAll(
                    db,
                    sql: """
                        SELECT card_id FROM card_state
                        WHERE state IN ('learning', 'relearning') AND due <= ?
                        ORDER BY due, card_id LIMIT ?
                        """, arguments: [now, limit])
            }
            var arguments: StatementArguments = [now]
            let filter = Self.scopeFilter(scope, column: "c.topic", arguments: &arguments)
            arguments += [limit]
            return try String.fetchAll(
                db,
                sql: """
                    SELECT s.card_id FROM card_state s JOIN card c ON c.id = s.card_id
                    WHERE s.due <= ? AND s.state IN ('learning', 'relearning') \(filter)
                      AND \(ReviewStore.inANote("s.card_id"))
                    ORDER BY s.due, s.card_id LIMIT ?
                    """, arguments: arguments)
        }
    }

    /// Review cards due at `now`, the most overdue relative to their stability first
    /// (`(now - due) / stability` descending), at most `limit`.
    ///
    /// - Complexity: O(k log k) for k cards due.
    public func dueReviews(at now: Int64, scope: TopicScope?, limit: Int) throws -> [String] {
        try read { db in
            guard scope != nil else {
                return try String.fetchAll(
                    db,
                    sql: """
                        SELECT card_id FROM card_state
                        WHERE state = 'review' AND due <= ?
                        ORDER BY (? - due) / max(coalesce(stability, 1.0), 0.01) DESC, due, card_id
                        LIMIT ?
                        """, arguments: [now, now, limit])
            }
            var arguments: StatementArguments = [now]
            let filter = Self.scopeFilter(scope, column: "c.topic", arguments: &arguments)
            arguments += [now, limit]
            return try String.fetchAll(
                db,
                sql: """
                    SELECT s.card_id FROM card_state s JOIN card c ON c.id = s.card_id
                    WHERE s.due <= ? AND s.state = 'review' \(filter)
                      AND \(ReviewStore.inANote("s.card_id"))
                    ORDER BY (? - s.due) / max(coalesce(s.stability, 1.0), 0.01) DESC, s.due, s.card_id
                    LIMIT ?
                    """, arguments: arguments)
        }
    }

    /// The notes that hold quizzable cards, with the file each came from (the first, by path,
    /// when both languages have one), and the `prereq` edges between notes, for ordering new cards.
    /// Each note's key with its first file, read from the index `note_key_file` alone.
    /// SQL that holds when the card whose id is in `column` is in some note now. A card whose
    /// notes are gone is retired: it keeps its reviews, and no count or queue shows it.
    static func inANote(_ column: String) -> String {
        "EXISTS (SELECT 1 FROM card_text t WHERE t.card_id = \(column))"
    }

    static let notesSQL = "SELECT key, min(file) AS file FROM note GROUP BY key ORDER BY file"

    public func noteGraph() throws -> NoteGraph {
        try read { db in
            let notes = try Row.fetchAll(db, sql: Self.notesSQL)
                .map { NoteGraph.Note(key: $0["key"], file: $0["file"]) }
            let edges = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT t.key AS source, e.target AS target FROM edge e
                    JOIN topic t ON t.id = e.from_topic WHERE e.kind = ?
                    """, arguments: ["prereq"]
            ).map { row -> NoteGraph.Prerequisite in
                let source: String = row["source"]
                let target: String = row["target"]
                return NoteGraph.Prerequisite(note: Self.noteKey(of: source), requires: Self.noteKey(of: target))
            }
            return NoteGraph(notes: notes, prerequisites: edges)
        }
    }

    /// New cards (no `card_state` row, some text) of the notes in `notes`, visited in that order,
    /// each note's cards in document order, until `limit` are found.
    ///
    /// - Complexity: O(c) for the c cards of the notes visited.
    public func newCards(inNotes notes: [String], scope: TopicScope?, limit: Int) throws -> [NewCard] {
        guard limit > 0 else { return [] }
        return try read { db in
            var found: [NewCard] = []
            for note in notes {
                var arguments: StatementArguments = [note, note + "#", note + "$"]
                let filter = Self.scopeFilter(scope, column: "c.topic", arguments: &arguments)
                arguments += [limit - found.count]
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT c.id, c.topic FROM card c
                        WHERE (c.topic = ? OR (c.topic >= ? AND c.topic < ?)) \(filter)
                          AND NOT EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = c.id)
                          AND \(ReviewStore.inANote("c.id"))
                        ORDER BY (SELECT min(t.position) FROM card_text t WHERE t.card_id = c.id), c.id
                        LIMIT ?
                        """, arguments: arguments)
                found += rows.map { NewCard(id: $0["id"], note: note, topic: $0["topic"]) }
                if found.count >= limit { break }
            }
            return found
        }
    }

    /// How many cards were reviewed for the first time (`state_before` NULL) at or after `start`:
    /// the new cards already introduced today when `start` is the local midnight.
    public func newCardsIntroduced(since start: Int64) throws -> Int {
        try read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM review WHERE reviewed_at >= ? AND state_before IS NULL",
                arguments: [start]) ?? 0
        }
    }

    /// Whether any card falls under `scope`.
    public func hasCards(in scope: TopicScope) throws -> Bool {
        try read { db in
            var arguments: StatementArguments = []
            let filter = Self.scopeFilter(scope, column: "c.topic", arguments: &arguments)
            return try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM card c WHERE 1 \(filter))", arguments: arguments) ?? false
        }
    }

    /// The topic keys of quizzable cards (for suggestions when a topic is misspelt).
    public func topicKeys() throws -> [String] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT DISTINCT key FROM topic UNION SELECT DISTINCT topic FROM card ORDER BY 1")
        }
    }

    // MARK: - Cards

    /// The card as the quiz shows it, in `language` or else the other one; nil when the card
    /// does not exist or has no text (its note was deleted).
    public func card(_ id: String, language: Language) throws -> CardText? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT c.id, c.kind, c.topic, c.demo, t.lang, t.prompt, t.answer, t.note_id, n.title
                        FROM card c JOIN card_text t ON t.card_id = c.id JOIN note n ON n.id = t.note_id
                        WHERE c.id = ? ORDER BY t.lang = ? DESC, t.lang LIMIT 1
                        """, arguments: [id, language.rawValue])
            else { return nil }
            let topic: String = row["topic"]
            let noteID: Int64 = row["note_id"]
            var path = [row["title"] as String]
            if let topicRow = try Row.fetchOne(
                db, sql: "SELECT path FROM topic WHERE key = ? AND note_id = ? LIMIT 1", arguments: [topic, noteID])
            {
                let titles = topicRow.topicPath(decoder: JSONDecoder())
                if !titles.isEmpty { path = titles }
            }
            return CardText(
                id: row["id"], kind: row.cardKind(), topic: topic,
                demo: row.demoCall(),
                language: row.language(),
                prompt: row["prompt"], answer: row["answer"], topicPath: path)
        }
    }

    /// The card's stored state; nil for a new card.
    public func state(of cardID: String) throws -> StoredCardState? {
        try read { db in try Self.fetchState(db, cardID: cardID) }
    }

    /// Whether the card exists and has text in some language (retired cards have none).
    public func isQuizzable(_ cardID: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM card_text WHERE card_id = ?)", arguments: [cardID]) ?? false
        }
    }

    // MARK: - Helpers

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as ReviewError {
            throw error
        } catch {
            throw ReviewError.database(AppDatabase.describe(error))
        }
    }

    static func fetchState(_ db: Database, cardID: String) throws -> StoredCardState? {
        try CardStateRecord.fetchOne(db, key: cardID)?.state
    }

    /// The note key of a topic key: `tcp.handshake#why` -> `tcp.handshake`.
    public static func noteKey(of topic: String) -> String {
        // By bytes: `#` is ASCII, and a key can hold CJK (`http.websocket#握手`), which makes a
        // search by Character (grapheme breaking) a hundred times slower; the dashboard asks this
        // of every card.
        topic.utf8.firstIndex(of: UInt8(ascii: "#")).map { String(topic[..<$0]) } ?? topic
    }

    /// ` AND (...)` restricting `column` to the scope, its arguments appended; empty without a scope.
    /// The SQL is fixed text: the scope's key only ever travels as an argument.
    static func scopeFilter(_ scope: TopicScope?, column: String, arguments: inout StatementArguments) -> String {
        guard let scope else { return "" }
        let condition = scope.condition(on: column)
        arguments += condition.arguments
        return "AND " + condition.sql
    }
}

/// Notes and their prerequisites, for putting new cards in an order that teaches the basics first.
public struct NoteGraph: Sendable, Equatable {
    public struct Note: Sendable, Equatable {
        public var key: String
        public var file: String
        public init(key: String, file: String) {
            self.key = key
            self.file = file
        }
    }

    /// `note` lists `requires` as a prerequisite.
    public struct Prerequisite: Sendable, Equatable, Hashable {
        public var note: String
        public var requires: String
        public init(note: String, requires: String) {
            self.note = note
            self.requires = requires
        }
    }

    /// Ordered by file path.
    public var notes: [Note]
    public var prerequisites: [Prerequisite]

    public init(notes: [Note], prerequisites: [Prerequisite]) {
        self.notes = notes
        self.prerequisites = prerequisites
    }
}

/// A card never reviewed.
public struct NewCard: Sendable, Equatable {
    public var id: String
    /// The note key the card belongs to.
    public var note: String
    public var topic: String
    public init(id: String, note: String, topic: String) {
        self.id = id
        self.note = note
        self.topic = topic
    }
}
