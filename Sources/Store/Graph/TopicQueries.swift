import Basics
import Foundation
import GRDB
import Notes

/// A node of the topic graph as listed by `netprep topics`.
public struct TopicSummary: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var path: [String]
    /// The parent's key; nil for a note.
    public var parent: String?
    public var file: String
    public var line: Int
    public var lang: Language
    public var kind: Topic.Kind
}

/// An edge of the topic graph between two topics: a note's prerequisite, a related note, or a
/// link written in the text. `to` is a topic key (a `file:` link resolved to its note's key),
/// or the link's target as written when it names no topic here.
public struct TopicEdge: Sendable, Codable, Equatable, Hashable {
    public var from: String
    public var to: String
    public var kind: Link.Kind
    public var lang: Language
}

/// Everything `netprep show` prints about a topic.
public struct TopicDetail: Sendable, Codable, Equatable {
    public var topic: TopicSummary
    /// The topic's own Markdown: the whole note, or the section under the heading or item.
    public var markdown: String
    public var aliases: [String]
    public var tags: [String]
    public var prerequisites: [String]
    public var related: [String]
    /// Topic keys this topic links to.
    public var links: [String]
    /// Topic keys that link here.
    public var backlinks: [String]
    public var children: [String]
    public var cards: [CardSummary]
}

/// A card as listed by `netprep cards`.
public struct CardSummary: Sendable, Codable, Equatable {
    public var id: String
    public var topic: String
    public var kind: Card.Kind
    public var prompt: String
    public var answer: String
    public var file: String
    public var line: Int
    public var lang: Language
    public var demo: DemoCall?
    /// Nil for a card never reviewed.
    public var state: CardState?
    /// Milliseconds since the epoch; nil for a new card.
    public var due: Int64?
    public var reps: Int
}

extension AppDatabase {
    /// Every topic, notes first in file order, each followed by its nodes in document order;
    /// only those of `kind` when it is given.
    public func topics(language: Language? = nil, under topic: String? = nil, kind: Topic.Kind? = nil) throws
        -> [TopicSummary]
    {
        try writer.read { db in
            if let topic { try Self.requireTopic(topic, db: db) }
            var sql = """
                SELECT t.key, t.title, t.path, p.key AS parent, n.file, t.line, t.lang, t.kind
                FROM topic t JOIN note n ON n.id = t.note_id LEFT JOIN topic p ON p.id = t.parent_id
                WHERE 1
                """
            var arguments: StatementArguments = []
            if let language {
                sql += " AND t.lang = ?"
                arguments += [language.rawValue]
            }
            if let topic {
                let scope = TopicScope(topic).condition(on: "t.key")
                sql += " AND " + scope.sql
                arguments += scope.arguments
            }
            if let kind {
                sql += " AND t.kind = ?"
                arguments += [kind.rawValue]
            }
            sql += " ORDER BY n.file, t.position"
            let decoder = JSONDecoder()
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { Self.topicSummary($0, decoder: decoder) }
        }
    }

    /// Every topic's title by key, in `language` where a topic has it, else in the other:
    /// what a page needs to name the topics it links to.
    public func topicTitles(language: Language) throws -> [String: String] {
        try writer.read { db in
            var titles: [String: String] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT key, title FROM topic ORDER BY lang = ?", arguments: [language.rawValue])
            // The asked-for language comes last and overwrites the other.
            while let row = try rows.next() { titles[row[0]] = row[1] }
            return titles
        }
    }

    /// One topic with its text, links and cards, preferring `language` when both exist.
    public func topic(_ key: String, language: Language? = nil) throws -> TopicDetail {
        try writer.read { db in
            let preferred = language?.rawValue ?? "en"
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT t.id, t.note_id, t.position, t.key, t.title, t.path, p.key AS parent, n.file, t.line,
                               t.lang, t.kind, n.body
                        FROM topic t JOIN note n ON n.id = t.note_id LEFT JOIN topic p ON p.id = t.parent_id
                        WHERE t.key = ? ORDER BY t.lang = ? DESC, n.origin = 'user' DESC LIMIT 1
                        """, arguments: [key, preferred])
            else {
                try Self.requireTopic(key, db: db)
                throw StoreError.noSuchTopic(key, suggestion: nil)
            }
            let topicID: Int64 = row["id"]
            let noteID: Int64 = row["note_id"]
            let summary = Self.topicSummary(row, decoder: JSONDecoder())
            let markdown = try Self.sectionMarkdown(
                body: row["body"], noteID: noteID, position: row["position"], kind: summary.kind, db: db)
            let rootID = try Int64.fetchOne(
                db, sql: "SELECT id FROM topic WHERE note_id = ? AND position = 0", arguments: [noteID])
            // Aliases and tags belong to the note; a section shows only its own links and cards.
            let isNote = summary.kind == .note
            let aliases =
                isNote ? try String.fetchAll(db, sql: "SELECT alias FROM alias WHERE topic_id = ?", arguments: [rootID]) : []
            let tags = isNote ? try String.fetchAll(db, sql: "SELECT tag FROM tag WHERE topic_id = ?", arguments: [rootID]) : []
            let edges = try Row.fetchAll(db, sql: "SELECT kind, target FROM edge WHERE from_topic = ?", arguments: [topicID])
            func targets(_ kind: String) throws -> [String] {
                try edges.filter { $0["kind"] == kind }.map { try Self.resolveTarget($0["target"], db: db) }
            }
            let backlinks = try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT t.key FROM edge e JOIN topic t ON t.id = e.from_topic
                    WHERE e.target = ? OR e.target = 'file:' || ?
                    ORDER BY t.key
                    """, arguments: [key, row["file"] as String])
            let children = try String.fetchAll(
                db, sql: "SELECT key FROM topic WHERE parent_id = ? ORDER BY position", arguments: [topicID])
            let cards = try Self.cards(topic: key, exact: summary.kind != .note, language: language, db: db)
            return TopicDetail(
                topic: summary, markdown: markdown, aliases: aliases, tags: tags, prerequisites: try targets("prereq"),
                related: try targets("related"), links: try targets("link"), backlinks: backlinks, children: children,
                cards: cards)
        }
    }

    /// The prerequisite, related and link edges of the topics at or below `topic` (every topic
    /// without one), in the order they were written.
    public func topicEdges(language: Language? = nil, under topic: String? = nil) throws -> [TopicEdge] {
        try writer.read { db in
            if let topic { try Self.requireTopic(topic, db: db) }
            var sql = """
                SELECT t.key, t.lang, e.kind, e.target FROM edge e JOIN topic t ON t.id = e.from_topic
                """
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let language {
                conditions.append("t.lang = ?")
                arguments += [language.rawValue]
            }
            if let topic {
                let scope = TopicScope(topic).condition(on: "t.key")
                conditions.append(scope.sql)
                arguments += scope.arguments
            }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY t.note_id, t.position, e.line"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                TopicEdge(
                    from: row[0], to: try Self.resolveTarget(row[3], db: db), kind: Link.Kind(rawValue: row[2]) ?? .link,
                    lang: Language(rawValue: row[1]) ?? .en)
            }
        }
    }

    /// Cards at or below a topic (all cards without one), in note and document order.
    public func cards(topic: String? = nil, language: Language? = nil) throws -> [CardSummary] {
        try writer.read { db in
            if let topic { try Self.requireTopic(topic, db: db) }
            return try Self.cards(topic: topic, exact: false, language: language, db: db)
        }
    }

    static func cards(topic: String?, exact: Bool, language: Language?, db: Database) throws -> [CardSummary] {
        // One row per card: the requested language when it has one, else the other.
        var sql = """
            SELECT c.id, c.topic, c.kind, c.demo, ct.prompt, ct.answer, ct.line, ct.lang, n.file,
                   s.state, s.due, s.reps
            FROM card c
            JOIN card_text ct ON ct.card_id = c.id
              AND ct.lang = (SELECT lang FROM card_text WHERE card_id = c.id ORDER BY lang = ? DESC, lang LIMIT 1)
            JOIN note n ON n.id = ct.note_id
            LEFT JOIN card_state s ON s.card_id = c.id
            WHERE 1
            """
        var arguments: StatementArguments = [language?.rawValue ?? "en"]
        if let topic {
            if exact {
                sql += " AND c.topic = ?"
                arguments += [topic]
            } else {
                let scope = TopicScope(topic).condition(on: "c.topic")
                sql += " AND " + scope.sql
                arguments += scope.arguments
            }
        }
        if let language {
            sql += " AND ct.lang = ?"
            arguments += [language.rawValue]
        }
        sql += " ORDER BY n.file, ct.position"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            CardSummary(
                id: row["id"], topic: row["topic"], kind: row.cardKind(), prompt: row["prompt"],
                answer: row["answer"], file: row["file"], line: row["line"], lang: row.language(),
                demo: row.demoCall(), state: row.cardState(), due: row["due"],
                reps: row["reps"] ?? 0)
        }
    }

    /// Throws `noSuchTopic` with a suggestion when nothing has this key or lies below it.
    static func requireTopic(_ key: String, db: Database) throws {
        let scope = TopicScope(key).condition(on: "key")
        let exists =
            try Bool.fetchOne(db, sql: "SELECT 1 FROM topic WHERE \(scope.sql) LIMIT 1", arguments: scope.arguments)
            ?? false
        if exists { return }
        let noteKeys = try String.fetchAll(db, sql: "SELECT DISTINCT key FROM note")
        var candidates = Set(noteKeys)
        for noteKey in noteKeys {
            // Folders of ids are suggestions too: `tcp` for `tcp.handshake` and for `tcp/握手`.
            if let separator = noteKey.firstIndex(where: { $0 == "." || $0 == "/" }) {
                candidates.insert(String(noteKey[..<separator]))
            }
        }
        throw StoreError.noSuchTopic(key, suggestion: Suggestion.closest(to: key, among: candidates))
    }

    /// A `file:` edge target becomes the key of the note at that path, when there is one.
    static func resolveTarget(_ target: String, db: Database) throws -> String {
        guard target.hasPrefix("file:") else { return target }
        let path = String(target.dropFirst(5))
        let file = path.split(separator: "#", maxSplits: 1).first.map(String.init) ?? path
        let fragment = path.contains("#") ? String(path[path.firstIndex(of: "#")!...]) : ""
        if let key = try String.fetchOne(db, sql: "SELECT key FROM note WHERE file = ?", arguments: [file]) {
            return key + fragment
        }
        return file + fragment
    }

    /// The Markdown under a heading or item: from its line to the next topic that is not
    /// inside it. A note's Markdown is its whole body.
    static func sectionMarkdown(body: String, noteID: Int64, position: Int, kind: Topic.Kind, db: Database) throws -> String {
        guard kind != .note else { return body }
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, parent_id, line, position FROM topic WHERE note_id = ? ORDER BY position",
            arguments: [noteID])
        var parents: [Int64: Int64?] = [:]
        for row in rows { parents[row["id"]] = row["parent_id"] }
        guard position < rows.count else { return "" }
        let me: Int64 = rows[position]["id"]
        let startLine: Int = rows[position]["line"]
        func isInside(_ id: Int64) -> Bool {
            var current: Int64? = parents[id] ?? nil
            while let node = current {
                if node == me { return true }
                current = parents[node] ?? nil
            }
            return false
        }
        let end = rows.dropFirst(position + 1).first { !isInside($0["id"]) }.map { $0["line"] as Int } ?? Int.max
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let lower = max(startLine - 1, 0)
        let upper = min(end - 1, lines.count)
        guard lower < upper else { return "" }
        return lines[lower..<upper].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func topicSummary(_ row: Row, decoder: JSONDecoder) -> TopicSummary {
        TopicSummary(
            id: row["key"], title: row["title"], path: row.topicPath(decoder: decoder), parent: row["parent"],
            file: row["file"], line: row["line"], lang: row.language(),
            kind: row.topicKind())
    }
}
