import Foundation
import GRDB
import Notes
import Testing

@testable import Store

/// A folder of notes in a fresh temporary directory, removed at the end of the test.
private final class NoteFolder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Sets a file's modification time forward so the importer sees it as changed.
    func touch(_ relative: String, secondsLater: Double = 10) throws {
        let url = root.appendingPathComponent(relative)
        let date = Date().addingTimeInterval(secondsLater)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
    }
}

private let handshake = """
    ---
    id: tcp.handshake
    title: TCP three-way handshake
    aliases: [三次握手, SYN handshake]
    ---
    # TCP three-way handshake

    ## Why three segments? {#why-three}

    Both sides must confirm that the other received its ISN.

    ## Sequence numbers

    SYN seq=x; SYN+ACK seq=y ack=x+1; ACK ack=y+1. See [teardown](teardown.md).
    """

private let teardownZh = """
    ---
    id: tcp.teardown
    title: 四次挥手
    lang: zh
    ---
    # 四次挥手

    ## 为什么需要 TIME_WAIT？ {#time-wait}

    主动关闭方等待 2MSL，确保最后的 ACK 到达，并让旧连接的报文在网络中消失。

    ## 拥塞控制与挥手

    三次握手的过程和四次挥手都由状态机描述；拥塞控制在连接建立后才开始。
    """

private func rowCounts(_ database: AppDatabase) throws -> [String: Int] {
    try database.writer.read { db in
        var counts: [String: Int] = [:]
        for table in ["note", "topic", "card", "card_text", "edge", "alias"] {
            counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")
        }
        return counts
    }
}

@Suite struct ImportTests {
    @Test func aFolderWalkFindsMarkdownAndLeavesTheRest() throws {
        let folder = try NoteFolder()
        for file in [
            "a.md", "B.MD", "nested/deep/c.markdown", "notes.txt", ".hidden.md", ".git/d.md", "node_modules/pkg/e.md",
            "graph/logseq/bak/f.md", "graph/logseq/config.edn", "graph/pages/g.md", "other/logseq/h.md",
        ] {
            try folder.write(file, "# x\n")
        }
        try FileManager.default.createSymbolicLink(
            atPath: folder.root.appendingPathComponent("link.md").path,
            withDestinationPath: folder.root.appendingPathComponent("a.md").path)
        try FileManager.default.createSymbolicLink(
            atPath: folder.root.appendingPathComponent("linked-folder").path,
            withDestinationPath: folder.root.appendingPathComponent("nested").path)
        let root = folder.root.standardizedFileURL.path
        let found = Importer.markdownFiles(under: root).map { String($0.dropFirst(root.count + 1)) }
        // Sorted; a `logseq` folder is a graph's settings only beside its config.edn.
        #expect(found == ["B.MD", "a.md", "graph/pages/g.md", "nested/deep/c.markdown", "other/logseq/h.md"])
    }

    @Test func theIndexStaysTrueToTheTopicsThroughEditsAndDeletes() throws {
        let folder = try NoteFolder()
        try folder.write("tcp/handshake.md", handshake)
        try folder.write("udp-notes.md", "- UDP has no handshake\n  - Datagrams only.\n")
        try folder.write("gone.md", "# Gone\n\nThe word zebrafish.\n")
        let database = try AppDatabase.inMemory()
        let importer = Importer(database: database)
        _ = try importer.importPaths([folder.root.path], origin: .user)
        try folder.write("udp-notes.md", "- UDP sends datagrams\n  - No ordering, no platypus.\n")
        try folder.touch("udp-notes.md")
        try FileManager.default.removeItem(at: folder.root.appendingPathComponent("gone.md"))
        let report = try importer.importPaths([folder.root.path], origin: .user)
        #expect(report.updated == 1 && report.removed == 1)
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO topic_fts(topic_fts, rank) VALUES ('integrity-check', 1)")
            #expect(try !db.tableExists("topic_fts_content"))
        }
        #expect(try database.search("zebrafish").isEmpty)
        #expect(try !database.search("platypus").isEmpty)
        // The file-name title is still found, as an alias.
        #expect(try database.search("udp-notes").map(\.id).contains("udp-notes"))
    }

    /// An import that rewrote a quarter of the notes or more leaves the search index in one
    /// segment; a smaller one leaves its new segment to FTS5.
    @Test func aLargeImportMergesTheSearchIndex() throws {
        let folder = try NoteFolder()
        for index in 0..<12 { try folder.write("n\(index).md", "# Note \(index)\n\nAbout the handshake, part \(index).\n") }
        let database = try AppDatabase.inMemory()
        let importer = Importer(database: database)
        func segments() throws -> Int {
            try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM topic_fts_idx") ?? 0 }
        }
        func edit(_ files: Range<Int>, _ word: String) throws {
            for index in files {
                try folder.write("n\(index).md", "# Note \(index)\n\nAbout \(word), part \(index).\n")
                try folder.touch("n\(index).md")
            }
        }
        func automerge() throws -> Int? {
            try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT v FROM topic_fts_config WHERE k = 'automerge'") }
        }
        _ = try importer.importPaths([folder.root.path], origin: .user)
        #expect(try segments() == 1)
        // The first import paused FTS5's own merging and gave it back.
        #expect(try automerge() == 4)
        try edit(0..<1, "congestion")
        #expect(try importer.importPaths([folder.root.path], origin: .user).updated == 1)
        #expect(try segments() == 2)
        try edit(4..<7, "congestion")
        #expect(try importer.importPaths([folder.root.path], origin: .user).updated == 3)
        #expect(try segments() == 1)
        #expect(try Set(database.search("congestion").map(\.id)) == ["n0", "n4", "n5", "n6"])
        #expect(try database.search("handshake").count == 8)

        // An import stopped while merges were paused: the next one that writes resumes them.
        try database.writer.write { db in try SearchIndexMerging.pause(db) }
        #expect(try automerge() == 0)
        try edit(11..<12, "retransmission")
        _ = try importer.importPaths([folder.root.path], origin: .user)
        #expect(try automerge() == 4)
    }

    /// A first import's segments, written while FTS5 merges none, are merged once at the end:
    /// the same index as written with FTS5's merging all along.
    @Test func aFirstImportsSegmentsAreMergedOnceAtTheEnd() throws {
        let folder = try NoteFolder()
        for index in 0..<300 {
            try folder.write(
                "d\(index / 100)/n\(index).md", "# Note \(index)\n\n## Part\n\nAbout word\(index % 17) and handshake \(index).\n")
        }
        let database = try AppDatabase.inMemory()
        let report = try Importer(database: database).importPaths([folder.root.path], origin: .user)
        #expect(report.added == 300 && report.searchMergesPaused)
        try database.writer.write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM topic_fts_idx") == 1)
            try db.execute(sql: "INSERT INTO topic_fts(topic_fts, rank) VALUES ('integrity-check', 1)")
        }
        #expect(try database.search("word5", limit: 100).count == 18)
    }

    @Test func whatAnImportKnewIsReadFromAnIndexAlone() throws {
        let database = try AppDatabase.inMemory()
        let plan = try database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Importer.knownFilesSQL, arguments: ["/x"]).map {
                $0["detail"] as String
            }
        }
        #expect(plan.contains { $0.contains("USING COVERING INDEX note_known") }, "\(plan)")
        // The quiz's notes, in order: no note's text read.
        let notes = try database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + ReviewStore.notesSQL).map { $0["detail"] as String }
        }
        #expect(notes.contains { $0.contains("USING COVERING INDEX note_key_file") }, "\(notes)")
        // The dashboard's reviewed cards: from the memory states, not a walk over every card.
        let reviewed = try database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + ReviewStore.reviewedMemoriesSQL).map { $0["detail"] as String }
        }
        #expect(reviewed.first?.hasPrefix("SCAN s") == true, "\(reviewed)")
    }

    @Test func importsNotesTopicsCardsAndEdges() throws {
        let folder = try NoteFolder()
        try folder.write("tcp/handshake.md", handshake)
        try folder.write("tcp/teardown.md", teardownZh)
        let database = try AppDatabase.inMemory()
        let report = try Importer(database: database).importPaths([folder.root.path], origin: .user)
        #expect(report.added == 2)
        #expect(report.skipped.isEmpty)
        let topics = try database.topics()
        #expect(topics.map(\.id).contains("tcp.handshake#why-three"))
        // Only the notes, in the same order as among all topics.
        let notes = try database.topics(kind: .note)
        #expect(notes.map(\.id) == ["tcp.handshake", "tcp.teardown"])
        #expect(notes == topics.filter { $0.kind == .note })
        let headings = try database.topics(under: "tcp.handshake", kind: .heading)
        #expect(!headings.isEmpty && headings.allSatisfy { $0.kind == .heading && $0.id.hasPrefix("tcp.handshake#") })
        let cards = try database.cards()
        #expect(cards.map(\.id).sorted() == ["tcp.handshake#why-three", "tcp.teardown#time-wait"])
        let detail = try database.topic("tcp.handshake#sequence-numbers")
        #expect(detail.links == ["tcp.teardown"])
        #expect(detail.topic.path == ["TCP three-way handshake", "Sequence numbers"])
        #expect(detail.markdown.hasPrefix("## Sequence numbers"))
        let teardown = try database.topic("tcp.teardown")
        #expect(teardown.backlinks == ["tcp.handshake#sequence-numbers"])
    }

    /// `--topic KEY` takes the topic and what lies below it (`.`, `#` and `/`), never a key that
    /// only starts the same; the same rule for topics, edges, cards and search.
    @Test func aTopicFilterTakesWhatLiesBelowIt() throws {
        let folder = try NoteFolder()
        for (file, id) in [
            ("a.md", "tcp"), ("b.md", "tcp.handshake"), ("c.md", "tcpip"), ("d.md", "tcp/握手"), ("e.md", "cafe\u{301}"),
            ("f.md", "cafe\u{301}.menu"), ("g.md", "cafe\u{301}x"),
        ] {
            try folder.write(file, "---\nid: \(id)\n---\n# Title \(file)\n\nsegment text\n\n## Part\n\nsegment? :: yes\n")
        }
        let database = try AppDatabase.inMemory()
        _ = try Importer(database: database).importPaths([folder.root.path], origin: .user)
        let notes = { (key: String) in Set(try database.topics(under: key, kind: .note).map(\.id)) }
        #expect(try notes("tcp") == ["tcp", "tcp.handshake", "tcp/握手"])
        #expect(try notes("tcp.handshake") == ["tcp.handshake"])
        // SQLite counts a key's characters as scalars: an accent written as a combining mark.
        #expect(try notes("cafe\u{301}") == ["cafe\u{301}", "cafe\u{301}.menu"])
        #expect(Set(try database.cards(topic: "tcp").map(\.topic)) == ["tcp#part", "tcp.handshake#part", "tcp/握手#part"])
        #expect(
            Set(try database.search("segment", limit: 50, topic: "tcp").map { $0.id.split(separator: "#")[0] }) == [
                "tcp", "tcp.handshake", "tcp/握手",
            ])
        #expect(throws: StoreError.self) { try database.topics(under: "tc") }
        // The quiz takes the same cards.
        let store = ReviewStore(database)
        let noteKeys = ["tcp", "tcp.handshake", "tcpip", "tcp/握手"]
        #expect(
            Set(try store.newCards(inNotes: noteKeys, scope: TopicScope("tcp"), limit: 50).map(\.topic)) == [
                "tcp#part", "tcp.handshake#part", "tcp/握手#part",
            ])
        #expect(try store.hasCards(in: TopicScope("tcp/握手")) && !(try store.hasCards(in: TopicScope("tc"))))
    }

    @Test func unchangedTreeWritesNothing() throws {
        let folder = try NoteFolder()
        try folder.write("a.md", handshake)
        try folder.write("b.md", teardownZh)
        let database = try AppDatabase.inMemory()
        let importer = Importer(database: database)
        _ = try importer.importPaths([folder.root.path], origin: .user)
        let changesBefore = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT total_changes()") }
        let report = try importer.importPaths([folder.root.path], origin: .user)
        let changesAfter = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT total_changes()") }
        #expect(report.unchanged == 2)
        #expect(report.wroteNothing)
        #expect(report.bytesParsed == 0)
        #expect(changesBefore == changesAfter)
    }

    @Test func editingOneFileReplacesOnlyItsRows() throws {
        let folder = try NoteFolder()
        try folder.write("a.md", handshake)
        try folder.write("b.md", teardownZh)
        let database = try AppDatabase.inMemory()
        let importer = Importer(database: database)
        _ = try importer.importPaths([folder.root.path], origin: .user)
        let otherTopicIDs = try database.writer.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT topic.id FROM topic JOIN note ON note.id = topic.note_id WHERE note.key = 'tcp.teardown'")
        }
        try folder.write("a.md", handshake + "\n\n## New section\n\nfresh words here\n")
        try folder.touch("a.md")
        let report = try importer.importPaths([folder.root.path], origin: .user)
        #expect(report.updated == 1)
        #expect(report.unchanged == 1)
        let otherAfter = try database.writer.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT topic.id FROM topic JOIN note ON note.id = topic.note_id WHERE note.key = 'tcp.teardown'")
        }
        #expect(otherAfter == otherTopicIDs)
        #expect(try database.search("fresh words").first?.id == "tcp.handshake#new-section")
    }

    @Test func deletedFileLeavesTheIndexButItsCardsKeepTheirHistory() throws {
        let folder = try NoteFolder()
        try folder.write("a.md", handshake)
        let path = try folder.write("b.md", teardownZh)
        let database = try AppDatabase.inMemory()
        let importer = Importer(database: database)
        _ = try importer.importPaths([folder.root.path], origin: .user)
        try database.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO review (card_id, reviewed_at, rating, state_after) VALUES ('tcp.teardown#time-wait', 1, 3, '{}')"
            )
        }
        try FileManager.default.removeItem(atPath: path)
        let report = try importer.importPaths([folder.root.path], origin: .user)
        #expect(report.removed == 1)
        #expect(try database.search("挥手").isEmpty)
        #expect(try database.cards().map(\.id) == ["tcp.handshake#why-three"])
        let reviews = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM review") }
        #expect(reviews == 1)
    }

    @Test func badFilesAreSkippedAndNothingIndexedIsLost() throws {
        let folder = try NoteFolder()
        try folder.write("a.md", handshake)
        let database = try AppDatabase.inMemory()
        let importer = Importer(database: database)
        _ = try importer.importPaths([folder.root.path], origin: .user)
        let before = try rowCounts(database)
        // The same file now holds invalid UTF-8: it is skipped, and its old rows stay.
        try Data([0x23, 0x20, 0x41, 0x0A, 0xC3, 0x28]).write(to: folder.root.appendingPathComponent("a.md"))
        try folder.touch("a.md")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00]).write(to: folder.root.appendingPathComponent("picture.md"))
        let report = try importer.importPaths([folder.root.path], origin: .user)
        #expect(report.skipped.count == 2)
        #expect(report.skipped.contains { $0.contains("a.md:2: skipped: not valid UTF-8") })
        #expect(report.skipped.contains { $0.contains("picture.md: skipped: binary file") })
        #expect(try rowCounts(database) == before)
        #expect(try database.search("handshake").isEmpty == false)
    }

    @Test func cardIDsAreStableAndRewordedCardsKeepTheirHistory() throws {
        let folder = try NoteFolder()
        try folder.write("n.md", "# N\n\n## What is RTT?\n\nround trip\n\n## What is MSS?\n\nsize\n")
        let database = try AppDatabase.inMemory()
        let importer = Importer(database: database)
        _ = try importer.importPaths([folder.root.path], origin: .user)
        let before = try database.cards().map(\.id)
        try folder.write("n.md", "# N\n\nIntro.\n\n## What is the RTT?\n\nround trip time\n\n## What is MSS?\n\nsize\n")
        try folder.touch("n.md")
        _ = try importer.importPaths([folder.root.path], origin: .user)
        let after = try database.cards()
        #expect(after.map(\.id) == before)
        #expect(after.first?.prompt == "What is the RTT?")
        // A third import derives the same new id and still maps it to the old history.
        try folder.write("n.md", "# N\n\nIntro, edited.\n\n## What is the RTT?\n\nround trip time\n\n## What is MSS?\n\nsize\n")
        try folder.touch("n.md", secondsLater: 20)
        _ = try importer.importPaths([folder.root.path], origin: .user)
        #expect(try database.cards().map(\.id) == before)
    }
}

@Suite struct SearchTests {
    private func database() throws -> (AppDatabase, NoteFolder) {
        let folder = try NoteFolder()
        try folder.write("tcp/handshake.md", handshake)
        try folder.write("tcp/teardown.md", teardownZh)
        let database = try AppDatabase.inMemory()
        _ = try Importer(database: database).importPaths([folder.root.path], origin: .user)
        return (database, folder)
    }

    @Test func chineseWordInsideALongerRunIsFound() throws {
        let (database, _) = try database()
        let hits = try database.search("握手")
        // The alias 三次握手 puts the handshake note first; the body match in 三次握手的过程 follows.
        #expect(hits.map(\.id) == ["tcp.handshake", "tcp.teardown#拥塞控制与挥手"])
        #expect(hits.last?.snippet.contains("三次\u{1}握手\u{2}的过程") == true)
        #expect(try database.search("拥塞").map(\.id) == ["tcp.teardown#拥塞控制与挥手"])
    }

    @Test func englishIsStemmed() throws {
        let (database, _) = try database()
        #expect(try database.search("handshakes").first?.id == "tcp.handshake")
        #expect(try database.search("confirming").first?.id == "tcp.handshake#why-three")
    }

    @Test func mixedQueriesAndLettersSplitFromDigits() throws {
        let (database, _) = try database()
        #expect(try database.search("TCP 拥塞控制").isEmpty == false)
        #expect(try database.search("2msl").first?.id == "tcp.teardown#time-wait")
        #expect(try database.search("TIME_WAIT 2MSL").first?.id == "tcp.teardown#time-wait")
    }

    @Test func titleOutranksBodyAndAliasesCount() throws {
        let (database, _) = try database()
        #expect(try database.search("三次握手").first?.id == "tcp.handshake")
        #expect(try database.search("sequence numbers").first?.id == "tcp.handshake#sequence-numbers")
    }

    @Test func aQuestionTypedInChineseFindsTheSectionsSharingMostOfIt() throws {
        let (database, _) = try database()
        let hits = try database.search("为什么主动关闭方要等待2MSL")
        #expect(hits.first?.id == "tcp.teardown#time-wait")
    }

    @Test(arguments: [
        "\"unbalanced", "-", "AND", "*", "handshake OR", "'; DROP TABLE note; --", "NEAR(", "a:b", "^x", "(((", "\"\"",
    ])
    func hostileQueriesNeverReachFTSAsSyntax(_ query: String) throws {
        let (database, _) = try database()
        do {
            _ = try database.search(query)
        } catch let error as StoreError {
            guard case .badQuery(let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(message.hasPrefix("nothing to search for"))
        }
        #expect(try database.topics().isEmpty == false)
    }

    @Test func topicFilterAndUnknownTopicSuggestion() throws {
        let (database, _) = try database()
        #expect(try database.search("ACK", topic: "tcp.teardown").allSatisfy { $0.id.hasPrefix("tcp.teardown") })
        #expect(throws: StoreError.noSuchTopic("tpc", suggestion: "tcp")) { try database.search("ack", topic: "tpc") }
    }
}

@Suite struct QueryTests {
    @Test func piecesAreSplitByScriptAndQuoted() {
        let query = SearchQuery("TCP拥塞控制 \"AND\" 2MSL*")
        #expect(query.pieces == ["tcp", "拥塞控制", "and", "2msl"])
        #expect(query.strict == "\"tcp\" \"拥塞控制\" \"and\" \"2msl\"")
        #expect(SearchQuery("为什么握手").loose == "\"为什么握手\" OR \"为什\" OR \"什么\" OR \"么握\" OR \"握手\"")
        #expect(SearchQuery("包").strict == "\"包\"*")
        #expect(SearchQuery("- * ( )").isEmpty)
        // Pieces joined by _ - / . stand together: a phrase.
        #expect(SearchQuery("TIME_WAIT").strict == "\"time wait\"")
        #expect(SearchQuery("HTTP/1.1 keep-alive").strict == "\"http 1 1\" \"keep alive\"")
        #expect(SearchQuery("TIME_WAIT").pieces == ["time", "wait"])
    }
}
