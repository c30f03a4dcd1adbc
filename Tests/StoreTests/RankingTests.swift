import Foundation
import GRDB
import Notes
import Testing

@testable import Store

/// `netprep_rank` skips reading the length of rows that cannot reach the best `k`; these tests
/// hold it to FTS5's own `bm25()` with the same weights, on notes where a few words are common
/// and titles, bodies and lengths vary, so the pruning is exercised hard.
@Suite struct RankingTests {
    /// Random notes: headings and bodies drawn from a small vocabulary, so every query word
    /// matches many sections with many ties and near-ties.
    static func randomNotes(seed: UInt64, count: Int) -> [Note] {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        let words = ["handshake", "握手", "window", "窗口", "gossip", "cookie", "ack", "重传", "latency", "frame"]
        let filler = ["alpha", "beta", "gamma", "delta", "epsilon", "的", "和", "zeta", "eta", "theta", "iota"]
        func text(_ length: Int) -> String {
            (0..<length).map { _ in next() % 4 == 0 ? words[next() % words.count] : filler[next() % filler.count] }
                .joined(separator: " ")
        }
        return (0..<count).map { index in
            var markdown = "---\nid: rank.n\(index)\n---\n# \(text(1 + next() % 4))\n\n\(text(next() % 30))\n\n"
            for section in 0..<(1 + next() % 6) {
                markdown += "## \(text(1 + next() % 5)) \(section)\n\n\(text(next() % 120))\n\n"
            }
            return try! NoteParser().parse(text: markdown, file: "/notes/n\(index).md", defaultID: "n\(index)")
        }
    }

    static func database(notes: [Note]) throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try database.writer.write { db in
            var fts = FTSWrites()
            for note in notes {
                try NoteWriter.replace(
                    note: note, file: note.file, root: "/notes", origin: .user, hash: note.id, size: 0, mtime: 0,
                    existing: nil, fts: &fts, db: db)
            }
            try fts.apply(db)
        }
        return database
    }

    /// FTS5's bm25 over every match, with the note-page boost, times the title-coverage factor
    /// computed apart: the title tokenized again and the query's phrases found in it. What the
    /// ranking must equal.
    static func reference(_ query: String, limit: Int, db: Database) throws -> [(String, Double)] {
        let match = SearchQuery(query).strict
        let tokenizer = try db.makeTokenizer(NetprepTokenizer.tokenizerDescriptor())
        let phrases = try SearchQuery(query).terms.map { term in
            try tokenizer.tokenize(query: term.joined(separator: " ")).map(\.token)
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT topic.key, topic_fts.title, -bm25(topic_fts, 10.0, 5.0, 1.0)
                       * (CASE topic.kind WHEN 'note' THEN \(NetprepRank.notePageBoost) ELSE 1.0 END) AS score
                FROM topic_fts JOIN topic ON topic.id = topic_fts.rowid
                WHERE topic_fts MATCH ?
                """, arguments: [match])
        let scored = try rows.map { row -> (String, Double) in
            let title = try tokenizer.tokenize(document: row[1] as String).map(\.token)
            var matched = 0
            for phrase in phrases where !phrase.isEmpty && phrase.count <= title.count {
                for start in 0...(title.count - phrase.count) where Array(title[start..<(start + phrase.count)]) == phrase {
                    matched += phrase.count
                }
            }
            let coverage = title.isEmpty ? 0 : min(1, Double(matched) / Double(title.count))
            return (row[0], (row[2] as Double) * (1 + NetprepRank.titleCoverageBoost * coverage))
        }
        return Array(scored.sorted { $0.1 > $1.1 }.prefix(limit))
    }

    @Test(arguments: [1, 3, 10, 40])
    func prunedRankingEqualsFullBM25(limit: Int) throws {
        let database = try Self.database(notes: Self.randomNotes(seed: 7, count: 120))
        for query in ["handshake", "握手", "window gossip", "窗口 重传", "cookie latency frame"] {
            let hits = try database.search(query, limit: limit)
            let expected = try database.writer.read { db in
                try Self.reference(query, limit: limit, db: db)
            }
            // Fewer strict matches than `limit` are followed by looser ones; compare the strict part.
            #expect(hits.count >= expected.count, "\(query)")
            for (hit, (key, score)) in zip(hits, expected) {
                // Ties may come in either order; the scores must be the same, rank by rank.
                #expect(abs(hit.score - score) < 1e-9 * max(1, abs(score)), "\(query): \(hit.id) vs \(key)")
            }
            // Every hit with a score above the last one's is also in the reference list.
            if let last = expected.last?.1 {
                let above = Set(expected.filter { $0.1 > last + 1e-9 }.map(\.0))
                #expect(above.isSubset(of: Set(hits.prefix(expected.count).map(\.id))), "\(query)")
            }
        }
    }

    @Test func manyMatchesAreMostlySkippedYetTheBestComeFirst() throws {
        let database = try Self.database(notes: Self.randomNotes(seed: 11, count: 300))
        let (matches, scored) = try database.writer.read { db -> (Int, Int) in
            let matches = try Int.fetchOne(db, sql: "SELECT count(*) FROM topic_fts WHERE topic_fts MATCH '\"handshake\"'")!
            let scored = try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM (SELECT netprep_rank(topic_fts, 10) AS s FROM topic_fts
                    WHERE topic_fts MATCH '"handshake"') WHERE s > 0
                    """)!
            return (matches, scored)
        }
        #expect(matches > 200)
        // Rows that cannot place get 0 without their length being read.
        #expect(scored < matches)
        let best = try database.search("handshake", limit: 5)
        #expect(best.map(\.score) == best.map(\.score).sorted(by: >))
    }

    @Test func noteFilterAndLanguageFilterStillRankByTheSameScore() throws {
        let database = try Self.database(notes: Self.randomNotes(seed: 3, count: 60))
        let all = try database.search("handshake", limit: 1000)
        let filtered = try database.search("handshake", limit: 1000, topic: "rank.n5")
        #expect(filtered.allSatisfy { $0.id.hasPrefix("rank.n5") })
        for hit in filtered {
            let same = try #require(all.first { $0.id == hit.id })
            #expect(abs(same.score - hit.score) < 1e-9 * max(1, abs(hit.score)))
        }
    }

    @Test func theSnippetComesFromTheSectionTextWhenTheMatchIsThere() throws {
        let markdown = """
            ---
            id: tcp.syn-flood
            aliases: [SYN flood, 半连接攻击]
            ---
            # SYN flood

            A SYN flood fills the server's backlog of half-open connections.
            """
        let note = try NoteParser().parse(text: markdown, file: "/notes/flood.md", defaultID: "flood")
        let database = try Self.database(notes: [note])
        let hit = try #require(try database.search("flood").first)
        #expect(hit.snippet.contains("backlog"))
        #expect(hit.snippet.contains("\(SearchHit.matchStart)flood\(SearchHit.matchEnd)"))
        // Matched only in the aliases: the excerpt is from there.
        let alias = try #require(try database.search("半连接攻击").first)
        #expect(alias.snippet.contains(SearchHit.matchStart))
    }

    @Test func aSnippetIsMarkedWithWhatTheReaderShows() {
        let hit = SearchHit(
            id: "tcp.handshake", title: "握手", path: ["TCP", "握手"], file: "a.md", line: 1, lang: .zh,
            snippet: "三次\u{1}握手\u{2}的过程\n第二行 \u{1}SYN\u{2}", score: 1)
        #expect(hit.snippet(marking: "**", "**") == "三次**握手**的过程\n第二行 **SYN**")
        #expect(hit.snippet(marking: "[", "]", lineBreak: " ") == "三次[握手]的过程 第二行 [SYN]")
        let plain = SearchHit(
            id: "x", title: "x", path: [], file: "x.md", line: 1, lang: .en, snippet: "no match\r\né", score: 0)
        #expect(plain.snippet(marking: "<", ">", lineBreak: "|") == "no match\r|é")
    }
}
