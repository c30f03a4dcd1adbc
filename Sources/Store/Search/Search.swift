import Basics
import Foundation
import GRDB
import GRDBSQLite
import Notes

/// One search result: the deepest topic whose own text matched.
public struct SearchHit: Sendable, Codable, Equatable {
    /// The topic key (`tcp.handshake#why-three`).
    public var id: String
    public var title: String
    /// Titles from the note down to the topic.
    public var path: [String]
    public var file: String
    public var line: Int
    public var lang: Language
    /// Text around the match; each match is between `SearchHit.matchStart` and `matchEnd`.
    public var snippet: String
    /// bm25 with column weights title 10, aliases 5, body 1, and 15% more for a note's own
    /// page (the concept's home); higher is better (`NetprepRank`).
    public var score: Double

    public static let matchStart = "\u{1}"
    public static let matchEnd = "\u{2}"

    /// The snippet with each match between `start` and `end`, and its line breaks as `lineBreak`.
    public func snippet(marking start: String, _ end: String, lineBreak: String = "\n") -> String {
        var marked = ""
        marked.reserveCapacity(snippet.utf8.count + 32)
        for scalar in snippet.unicodeScalars {
            switch scalar {
            case "\u{1}": marked += start
            case "\u{2}": marked += end
            case "\n": marked += lineBreak
            default: marked.unicodeScalars.append(scalar)
            }
        }
        return marked
    }
}

extension AppDatabase {
    /// Full-text search over every topic's title, aliases and own text.
    ///
    /// All words must match first; when that gives fewer than `limit` sections, sections that
    /// match some of the words follow, best first, so a long question still finds its answer.
    /// - Parameters:
    ///   - topic: only topics at or below this key (`tcp`, `tcp.handshake`).
    ///   - language: only notes in this language.
    /// - Throws: `StoreError.badQuery` when the text has nothing to search for, and
    ///   `StoreError.noSuchTopic` for an unknown `topic`.
    ///   - reader: the reader's language. A topic written in both languages (the same id) is
    ///     listed once, in this one, at the better place of the two; the other language's copy
    ///     shows only where it alone matches. Nil lists every copy.
    public func search(
        _ text: String, limit: Int = 10, topic: String? = nil, language: Language? = nil, reader: Language? = nil
    ) throws -> [SearchHit] {
        let query = SearchQuery(text)
        guard !query.isEmpty else {
            throw StoreError.badQuery("nothing to search for in '\(text)': type a word or a Chinese term")
        }
        let reader = language == nil ? reader : nil
        // Each pair of copies can take two places: ask for enough rows to fill the limit.
        let wanted = reader == nil ? limit : 2 * limit
        return try writer.read { db in
            if let topic { try Self.requireTopic(topic, db: db) }
            var hits = try Self.run(
                query.strict, limit: wanted, shown: limit, topic: topic, language: language, reader: reader, db: db)
            if hits.count < limit, query.terms.count > 1 || query.loose != query.strict {
                let seen = Set(hits.map(\.id))
                let more = try Self.run(
                    query.loose, limit: wanted + hits.count, shown: limit + hits.count, topic: topic, language: language,
                    reader: reader, db: db)
                hits += more.filter { !seen.contains($0.id) }.prefix(limit - hits.count)
            }
            return Array(hits.prefix(limit))
        }
    }

    /// One row per topic id, in the reader's language wherever that copy matches too, at the
    /// better place of the two.
    ///
    /// Three statements whatever the number of rows: the ranked rows' keys and languages, their
    /// copies in the reader's language, and which of those match. Each `MATCH` parses and
    /// tokenizes the query again, which cost more than the ranking on the built-in notes when it
    /// ran once a copy; a statement a row was a tenth of `netprep search`'s instructions.
    private static func oneCopyEach(_ ranked: [(Int64, Double)], match: String, reader: Language, db: Database) throws -> [(
        Int64, Double
    )] {
        guard !ranked.isEmpty else { return [] }
        let keysAndLanguages = try db.cachedStatement(
            sql: "SELECT id, key, lang FROM topic WHERE id IN (SELECT value FROM json_each(?))")
        var keyAndLanguage: [Int64: (key: String, lang: String)] = [:]
        for row in try Row.fetchAll(keysAndLanguages, arguments: [jsonArray(ranked.map(\.0))]) {
            keyAndLanguage[row[0]] = (row[1], row[2])
        }
        var seen: Set<String> = []
        var kept: [(id: Int64, score: Double, key: String, needsCopy: Bool)] = []
        for (id, score) in ranked {
            guard let (key, lang) = keyAndLanguage[id], seen.insert(key).inserted else { continue }
            kept.append((id, score, key, lang != reader.rawValue))
        }
        let wanted = kept.filter(\.needsCopy).map(\.id)
        guard !wanted.isEmpty else { return kept.map { ($0.id, $0.score) } }
        // A key's copies in the reader's language, oldest row first.
        let copiesOfKeys = try db.cachedStatement(
            sql: """
                SELECT copy.key, copy.id FROM topic AS ranked JOIN topic AS copy ON copy.key = ranked.key
                WHERE ranked.id IN (SELECT value FROM json_each(?)) AND copy.lang = ?
                ORDER BY copy.key, copy.id
                """)
        var copies: [String: [Int64]] = [:]
        for row in try Row.fetchAll(copiesOfKeys, arguments: [jsonArray(wanted), reader.rawValue]) {
            copies[row[0], default: []].append(row[1])
        }
        let candidates = kept.filter(\.needsCopy).flatMap { copies[$0.key] ?? [] }
        guard !candidates.isEmpty else { return kept.map { ($0.id, $0.score) } }
        // `+rowid` keeps the list out of FTS5's own rowid lookups, one query parse per value.
        let matchingCopies = try db.cachedStatement(
            sql: """
                SELECT rowid FROM topic_fts WHERE topic_fts MATCH ?
                AND +rowid IN (SELECT value FROM json_each(?))
                """)
        let matching = Set(try Int64.fetchAll(matchingCopies, arguments: [match, jsonArray(candidates)]))
        return kept.map { entry in
            let copy = entry.needsCopy ? copies[entry.key]?.first(where: matching.contains) : nil
            return (copy ?? entry.id, entry.score)
        }
    }

    /// A JSON array of row ids, for `json_each`: one statement for a list of any length.
    private static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// Ranks the matches of one FTS5 query, then reads title, path and snippet for the rows shown.
    ///
    /// Ranking reads only the index (bm25 needs term counts and row sizes); `snippet()` reads and
    /// re-tokenizes a row's text, so it runs for the `limit` rows printed, not for every match.
    /// - Parameters:
    ///   - limit: rows ranked; `shown`: rows read for display once copies are merged.
    private static func run(
        _ match: String, limit: Int, shown: Int, topic: String?, language: Language?, reader: Language?, db: Database
    ) throws -> [SearchHit] {
        do {
            var ranked = try rank(match, limit: limit, topic: topic, language: language, db: db)
            if let reader { ranked = Array(try oneCopyEach(ranked, match: match, reader: reader, db: db).prefix(shown)) }
            let details = try db.cachedStatement(
                sql: """
                    SELECT topic.key, topic.title, topic.path, note.file, topic.line, topic.lang,
                           snippet(topic_fts, 2, char(1), char(2), '…', 16) AS bodySnippet
                    FROM topic_fts
                    JOIN topic ON topic.id = topic_fts.rowid
                    JOIN note ON note.id = topic.note_id
                    WHERE topic_fts MATCH ? AND topic_fts.rowid = ?
                    """)
            let decoder = JSONDecoder()
            return try ranked.compactMap { id, score in
                guard let row = try Row.fetchOne(details, arguments: [match, id]) else { return nil }
                return SearchHit(
                    id: row["key"], title: row["title"], path: row.topicPath(decoder: decoder),
                    file: row["file"], line: row["line"], lang: row.language(),
                    snippet: try snippet(body: row["bodySnippet"], match: match, id: id, db: db),
                    score: score)
            }
        } catch let error as DatabaseError {
            throw StoreError.badQuery("search failed: \(error.message ?? "unknown error")")
        }
    }

    /// The text around the match: from the section's own text when the match is there (the
    /// aliases column, a list of names, reads badly as an excerpt), else where it is.
    ///
    /// The second snippet is asked for only when the first has no match: each tokenizes the
    /// row's text again, and on the built-in notes they were an eighth of a search.
    private static func snippet(body: String, match: String, id: Int64, db: Database) throws -> String {
        if body.contains(SearchHit.matchStart) { return body }
        let anywhere = try db.cachedStatement(
            sql: """
                SELECT snippet(topic_fts, -1, char(1), char(2), '…', 16)
                FROM topic_fts WHERE topic_fts MATCH ? AND topic_fts.rowid = ?
                """)
        return try String.fetchOne(anywhere, arguments: [match, id]) ?? body
    }

    /// The best `limit` matches, best first: (topic row id, score), ranked by `netprep_rank`.
    private static func rank(_ match: String, limit: Int, topic: String?, language: Language?, db: Database) throws -> [(
        Int64, Double
    )] {
        if topic == nil && language == nil {
            // Every match is ranked: with one phrase, its weight is applied here to the best rows
            // (`NetprepRank.Matches`), not counted by a second walk over every match.
            let statement = try db.cachedStatement(
                sql: """
                    SELECT rowid, \(NetprepRank.name)(topic_fts, ?, ?) AS score FROM topic_fts
                    WHERE topic_fts MATCH ? ORDER BY score DESC LIMIT ?
                    """)
            var matches = NetprepRank.Matches()
            let rows = try withUnsafeMutablePointer(to: &matches) { pointer in
                // The pointer is bound after GRDB's arguments, in the place left NULL for it, and
                // unbound before it goes out of scope.
                statement.setUncheckedArguments([limit, nil, match, limit])
                defer {
                    sqlite3_reset(statement.sqliteStatement)
                    sqlite3_bind_null(statement.sqliteStatement, 2)
                }
                _ = NetprepRank.matchesPointerType.withUTF8Buffer { name in
                    name.withMemoryRebound(to: CChar.self) {
                        sqlite3_bind_pointer(statement.sqliteStatement, 2, pointer, $0.baseAddress, nil)
                    }
                }
                return try Row.fetchAll(statement)
            }
            let weight = matches.weightLeftOut ? matches.weight : 1
            return rows.map { ($0[0], ($0[1] as Double) * weight) }
        }
        var sql = """
            SELECT topic_fts.rowid, \(NetprepRank.name)(topic_fts, ?) AS score
            FROM topic_fts JOIN topic ON topic.id = topic_fts.rowid
            WHERE topic_fts MATCH ?
            """
        var arguments: StatementArguments = [limit, match]
        if let topic {
            let scope = TopicScope(topic).condition(on: "topic.key")
            sql += " AND " + scope.sql
            arguments += scope.arguments
        }
        if let language {
            sql += " AND topic.lang = ?"
            arguments += [language.rawValue]
        }
        sql += " ORDER BY score DESC LIMIT ?"
        arguments += [limit]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { ($0[0], $0[1]) }
    }
}
