import Basics
import Foundation
import GRDB
import Notes

/// One card as an export sees it: its text in one language, the note it came from, and its
/// scheduling and review history.
public struct ExportCard: Sendable, Equatable {
    /// The stable card id (`tcp.handshake#why-three`).
    public var id: String
    public var kind: Card.Kind
    /// Key of the topic the card belongs to.
    public var topic: String
    /// The demo attached to the answer, if any.
    public var demo: DemoCall?
    /// When netprep first saw the card, ms since the epoch.
    public var createdAt: Int64
    /// The language of `prompt` and `answer`.
    public var lang: Language
    /// The question, Markdown (cloze: with its `{{c1::...}}` markers).
    public var prompt: String
    /// The answer, Markdown.
    public var answer: String
    /// Order of the card in its note.
    public var position: Int
    public var note: ExportNote
    /// The scheduler's state; nil for a card never reviewed.
    public var state: StoredCardState?
    /// Every review of the card, oldest first.
    public var reviews: [ExportReview]

    public init(
        id: String, kind: Card.Kind, topic: String, demo: DemoCall?, createdAt: Int64, lang: Language, prompt: String,
        answer: String, position: Int, note: ExportNote, state: StoredCardState?, reviews: [ExportReview]
    ) {
        self.id = id
        self.kind = kind
        self.topic = topic
        self.demo = demo
        self.createdAt = createdAt
        self.lang = lang
        self.prompt = prompt
        self.answer = answer
        self.position = position
        self.note = note
        self.state = state
        self.reviews = reviews
    }
}

/// The note file a card's text came from.
public struct ExportNote: Sendable, Equatable {
    /// The note id from front matter (`tcp.congestion`).
    public var key: String
    public var title: String
    /// The file, as the importer recorded it.
    public var file: String
    /// The folder the file was imported from.
    public var root: String
    /// Front matter tags.
    public var tags: [String]
    /// When the file was last indexed, seconds since the epoch: a changed file gets a later one.
    public var indexedAt: Double

    public init(key: String, title: String, file: String, root: String, tags: [String], indexedAt: Double) {
        self.key = key
        self.title = title
        self.file = file
        self.root = root
        self.tags = tags
        self.indexedAt = indexedAt
    }

    static let languageFolders: Set<String> = ["en", "zh", "zh-cn", "cn"]

    /// The first folder of the file below its import root (`tcp` for `<root>/tcp/congestion.md`
    /// and for `<root>/en/tcp/congestion.md`), or nil for a file directly in the root.
    public var topFolder: String? {
        let rootPath = root.hasSuffix("/") ? root : root + "/"
        let relative = file.hasPrefix(rootPath) ? String(file.dropFirst(rootPath.count)) : file
        var parts = relative.split(separator: "/").dropLast()
        // A language tree (`content/en/tcp/...`, `content/zh/tcp/...`) is not a topic folder.
        if let first = parts.first, ExportNote.languageFolders.contains(first.lowercased()) { parts = parts.dropFirst() }
        return parts.first.map(String.init)
    }
}

/// A row of the review log.
public struct ExportReview: Sendable, Equatable {
    /// ms since the epoch.
    public var reviewedAt: Int64
    /// 1 again, 2 hard, 3 good, 4 easy.
    public var rating: Int
    public var durationMilliseconds: Int64
    /// The card's state before the answer; nil when it was new.
    public var before: StoredCardState?
    public var after: StoredCardState?

    public init(
        reviewedAt: Int64, rating: Int, durationMilliseconds: Int64, before: StoredCardState?, after: StoredCardState?
    ) {
        self.reviewedAt = reviewedAt
        self.rating = rating
        self.durationMilliseconds = durationMilliseconds
        self.before = before
        self.after = after
    }
}

/// Which cards an export takes.
public struct ExportSelection: Sendable, Equatable {
    /// A topic key, a prefix of keys (`tcp` takes `tcp.handshake`), or a top-level folder; nil for all.
    public var topic: String?
    /// The preferred language; a card with no text in it comes in the other language.
    public var lang: Language
    /// Whether to read `card_state` and `review` at all.
    public var includeHistory: Bool

    public init(topic: String? = nil, lang: Language = .en, includeHistory: Bool = true) {
        self.topic = topic
        self.lang = lang
        self.includeHistory = includeHistory
    }
}

extension AppDatabase {
    /// The cards an export takes, ordered by note file and position in the note.
    ///
    /// - Throws: `StoreError.noSuchTopic` when `selection.topic` matches no card.
    public func exportCards(_ selection: ExportSelection) throws -> [ExportCard] {
        try writer.read { db in try ExportQueries.cards(selection, db: db) }
    }
}

enum ExportQueries {
    static func cards(_ selection: ExportSelection, db: Database) throws -> [ExportCard] {
        // Both languages of each card, preferred language first, so the first row per card wins.
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT card.id, card.kind, card.topic, card.demo, card.created_at,
                       card_text.lang, card_text.prompt, card_text.answer, card_text.position,
                       note.id AS note_row, note.key, note.title, note.file, note.root, note.indexed_at
                FROM card
                JOIN card_text ON card_text.card_id = card.id
                JOIN note ON note.id = card_text.note_id
                ORDER BY card.id, card_text.lang = ? DESC, card_text.lang
                """, arguments: [selection.lang.rawValue])
        var tagsByNote: [Int64: [String]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT topic.note_id, tag.tag FROM tag JOIN topic ON topic.id = tag.topic_id
                ORDER BY topic.note_id, tag.rowid
                """)
        {
            tagsByNote[row[0], default: []].append(row[1])
        }
        var seen: Set<String> = []
        var cards: [ExportCard] = []
        for row in rows {
            let id: String = row["id"]
            guard seen.insert(id).inserted else { continue }
            let noteRow: Int64 = row["note_row"]
            let note = ExportNote(
                key: row["key"], title: row["title"], file: row["file"], root: row["root"],
                tags: tagsByNote[noteRow] ?? [], indexedAt: row["indexed_at"])
            cards.append(
                ExportCard(
                    id: id, kind: row.cardKind(), topic: row["topic"],
                    demo: row.demoCall(), createdAt: row["created_at"],
                    lang: row.language(), prompt: row["prompt"], answer: row["answer"],
                    position: row["position"],
                    note: note, state: nil, reviews: []))
        }
        if let topic = selection.topic {
            cards = cards.filter { matches($0, topic: topic) }
            if cards.isEmpty {
                throw StoreError.noSuchTopic(topic, suggestion: try suggestion(for: topic, db: db))
            }
        }
        if selection.includeHistory {
            let wanted = Set(cards.map(\.id))
            var states: [String: StoredCardState] = [:]
            for record in try CardStateRecord.fetchAll(db) where wanted.contains(record.cardID) {
                states[record.cardID] = record.state
            }
            var reviews: [String: [ExportReview]] = [:]
            let decoder = JSONDecoder()
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT card_id, reviewed_at, rating, duration_ms, state_before, state_after
                    FROM review ORDER BY reviewed_at, id
                    """)
            {
                let id: String = row["card_id"]
                guard wanted.contains(id) else { continue }
                func state(_ column: String) -> StoredCardState? {
                    guard let text: String = row[column] else { return nil }
                    return try? decoder.decode(StoredCardState.self, from: Data(text.utf8))
                }
                reviews[id, default: []].append(
                    ExportReview(
                        reviewedAt: row["reviewed_at"], rating: row["rating"], durationMilliseconds: row["duration_ms"],
                        before: state("state_before"), after: state("state_after")))
            }
            for index in cards.indices {
                cards[index].state = states[cards[index].id]
                cards[index].reviews = reviews[cards[index].id] ?? []
            }
        }
        cards.sort { ($0.note.file, $0.position, $0.id) < ($1.note.file, $1.position, $1.id) }
        return cards
    }

    static func matches(_ card: ExportCard, topic: String) -> Bool {
        for key in [card.topic, card.note.key] {
            // Built-in keys nest with `.` (tcp.handshake), imported ones with `/` (tcp/timers).
            if key == topic || key.hasPrefix(topic + ".") || key.hasPrefix(topic + "/") || key.hasPrefix(topic + "#") {
                return true
            }
        }
        return card.note.topFolder == topic
    }

    /// The closest note key or key prefix by edit distance, for "did you mean".
    static func suggestion(for topic: String, db: Database) throws -> String? {
        var keys = Set(try String.fetchAll(db, sql: "SELECT DISTINCT key FROM note"))
        keys.formUnion(keys.compactMap { $0.split(whereSeparator: { $0 == "." || $0 == "/" }).first.map(String.init) })
        return Suggestion.closest(to: topic, among: keys)
    }
}
