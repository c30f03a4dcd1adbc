import Foundation
import GRDB
import Notes
import Testing

@testable import Store

/// A learner's database made by the release before notes were read line by line
/// (`Fixtures/release-1`, see its README), opened and re-imported by this one.
@Suite struct ReadingUpgradeTests {
    private static let madeIn = "/work/main/Tests/StoreTests/Fixtures/release-1/notes"

    /// A copy of the fixture in a temporary folder, its paths moved there as if the notes had
    /// always lived in it.
    private func copy() throws -> (database: AppDatabase, notes: URL, folder: URL) {
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/release-1", withExtension: nil))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixture.appendingPathComponent("notes"), to: folder.appendingPathComponent("notes"))
        let path = folder.appendingPathComponent("reviews.sqlite").path
        try FileManager.default.copyItem(atPath: fixture.appendingPathComponent("reviews.sqlite").path, toPath: path)
        let database = try AppDatabase(path: path)
        let notes = folder.appendingPathComponent("notes").standardizedFileURL
        try database.writer.write { db in
            try db.execute(
                sql: "UPDATE note SET file = replace(file, ?, ?), root = replace(root, ?, ?)",
                arguments: [Self.madeIn, notes.path, Self.madeIn, notes.path])
            try db.execute(sql: "UPDATE import_root SET path = ?", arguments: [notes.path])
        }
        return (database, notes, folder)
    }

    private struct ReviewRow: Equatable, FetchableRecord, Decodable {
        var id: Int64
        var card_id: String
        var reviewed_at: Int64
        var rating: Int
        var state_after: String
    }

    private func reviews(_ database: AppDatabase) throws -> [ReviewRow] {
        try database.writer.read { db in
            try ReviewRow.fetchAll(db, sql: "SELECT id, card_id, reviewed_at, rating, state_after FROM review ORDER BY id")
        }
    }

    private func cards(_ database: AppDatabase) throws -> [String: (prompt: String, line: Int)] {
        try database.writer.read { db in
            var result: [String: (String, Int)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT card_id, prompt, line FROM card_text") {
                result[row[0]] = (row[1], row[2])
            }
            return result
        }
    }

    @Test func everyReviewStaysWithItsCardWhenTheNotesAreReadAnew() throws {
        let (database, _, folder) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try reviews(database)
        let statesBefore = try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM card_state ORDER BY card_id")
        }
        #expect(before.count == 16)

        // The files did not change; the newer parser reads them again all the same.
        #expect(try database.hasNotesFromOlderParser(origin: .user))
        let report = try Importer(database: database).refreshKnownRoots(origin: .user)
        #expect(report.updated == 2)
        #expect(try !database.hasNotesFromOlderParser(origin: .user))

        #expect(try reviews(database) == before)
        let statesAfter = try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM card_state ORDER BY card_id")
        }
        #expect(statesAfter == statesBefore)
        let cards = try cards(database)
        // Every review belongs to a card the notes still have.
        for review in before { #expect(cards[review.card_id] != nil, "\(review.card_id) lost its card") }
        // Read differently now, the same cards: a trailing link is no longer part of the question.
        #expect(cards["tcp-outline#q-2a869d22a2"]?.prompt == "什么是 MSS？")
        #expect(cards["tcp-outline#q-3b040d2687"]?.prompt == "什么是 RTT？")
        #expect(cards["http-notes#q-8d1d127112"]?.prompt == "Which header makes a request conditional?")
        // A new card with the same question as an old one earlier in the file takes a new id;
        // the old card keeps its own.
        #expect(cards["tcp-outline#q-bc146434a6"]?.line == 13)
        let newCard = try #require(cards.first { $0.value.prompt == "为什么？" && $0.value.line == 5 })
        #expect(!before.contains { $0.card_id == newCard.key })

        // Importing again is a no-op, and an edit to the file later keeps every card's history.
        #expect(try Importer(database: database).refreshKnownRoots(origin: .user).wroteNothing)
        let file = folder.appendingPathComponent("notes/tcp-outline.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "# TCP 面试整理\n", with: "# TCP 面试整理\n\n新加的一段介绍。\n").utf8).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: file.path)
        _ = try Importer(database: database).refreshKnownRoots(origin: .user)
        let edited = try self.cards(database)
        for review in before { #expect(edited[review.card_id] != nil, "\(review.card_id) lost its card after an edit") }
        #expect(edited["tcp-outline#q-bc146434a6"]?.line == 15)
        #expect(edited[newCard.key]?.line == 7)
    }

    @Test func theOldIndexIsSearchableAfterTheMigration() throws {
        let (database, _, folder) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Before any import: the v5 migration rebuilt the index with the new tokenizer.
        #expect(try database.search("MSS").first?.title.hasPrefix("什么是 MSS") == true)
        #expect(try database.search("往返时间").first?.title.hasPrefix("什么是 RTT") == true)
    }
}

/// Search over people's own notes (the outline fixtures of the Notes tests).
@Suite struct OutlineSearchTests {
    static let database: AppDatabase = {
        let outlines = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../NotesTests/Fixtures/outlines").standardizedFileURL
        let database = try! AppDatabase.inMemory()
        _ = try! Importer(database: database).importPaths([outlines.path], origin: .user)
        return database
    }()

    private func first(_ query: String) throws -> String? {
        try Self.database.search(query, limit: 5).first?.title
    }

    @Test func latinWordsWrittenAgainstChineseAreFoundByThemselves() throws {
        #expect(try first("DES") == "分组密码DES")
        #expect(try first("des") == "分组密码DES")
        #expect(try first("SHA256") == "摘要算法SHA256")
        #expect(try first("TLS") == "用TLS1.3握手")
        #expect(try first("分组密码") == "分组密码DES")
    }

    @Test func aSectionTitledByTheQueryRanksFirst() throws {
        #expect(try first("持久连接") == "HTTP/1.1 持久连接")
        #expect(try first("管线化") == "管线化")
        #expect(try first("HPACK") == "HTTP/2 多路复用")
        // Sections that carry the term in their titles come before the ones that mention it.
        let timeWait = try Self.database.search("TIME_WAIT", limit: 5).map(\.title)
        #expect(timeWait.prefix(3).allSatisfy { $0.contains("TIME_WAIT") }, "\(timeWait)")
        let difference = try Self.database.search("区别", limit: 5).map(\.title)
        #expect(difference.prefix(2).allSatisfy { $0.contains("区别") }, "\(difference)")
        #expect(difference.contains("TCP 和 UDP 的区别"))
    }

    @Test func aChildTitledByTheQueryOutranksTheParentThatMentionsIt() throws {
        let database = try AppDatabase.inMemory()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-rank-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(
            """
            # 传输层

            - HTTP/3 与传输层
            HTTP/3 跑在 QUIC 上；QUIC 基于 UDP，QUIC 自己做重传和拥塞控制，QUIC 的握手合并了 TLS。
              - QUIC
                基于 UDP 的传输协议
              - TCP
                面向连接
            """.utf8
        ).write(to: folder.appendingPathComponent("transport.md"))
        _ = try Importer(database: database).importPaths([folder.path], origin: .user)
        let hits = try database.search("QUIC", limit: 3)
        #expect(hits.map(\.title).prefix(2) == ["QUIC", "HTTP/3 与传输层"])
    }

    @Test func eachFixtureFindsItsSections() throws {
        #expect(try first("不可靠") == "UDP 为什么不可靠？")
        #expect(try first("面向连接") == "特性")
        #expect(try first("checksum") == "Transport cards")
        #expect(try first("state diagram") == "Four-way handshake")
        #expect(try first("backlog") == "listen 的 backlog 指什么？")
        #expect(try first("NAT") == "What is NAT?")
        #expect(try first("加密隧道") == "Site-to-Site VPN")
        // Metadata and navigation are not text.
        #expect(try Self.database.search("CLOCK LOGBOOK").isEmpty)
        #expect(try Self.database.search("collapsed").isEmpty)
        #expect(try Self.database.search("第一章").isEmpty)
    }

    @Test func aTableOfContentsIsNotAHit() throws {
        let hits = try Self.database.search("slow start", limit: 10)
        #expect(hits.first?.title == "Slow start")
        #expect(hits.filter { $0.title == "Slow start" }.count == 1)
        #expect(!hits.contains { $0.id == "toc-post-en" && $0.snippet.contains("Slow") && !$0.snippet.contains("doubles") })
    }
}

@Suite struct LogseqGraphTests {
    @Test func aGraphsBackupsAreNotNotesAndNamespacedPagesAreTitled() throws {
        let graph = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-graph-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: graph) }
        for folder in ["pages", "journals", "logseq/bak/pages/tcp"] {
            try FileManager.default.createDirectory(at: graph.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Data("{:meta/version 1}".utf8).write(to: graph.appendingPathComponent("logseq/config.edn"))
        try Data("- SYN\n- SYN+ACK\n".utf8).write(to: graph.appendingPathComponent("pages/tcp___handshake.md"))
        try Data("- SYN\n".utf8).write(to: graph.appendingPathComponent("logseq/bak/pages/tcp/2024-01-01.md"))
        try Data("- 今天复习了 [[tcp/handshake]]\n".utf8).write(to: graph.appendingPathComponent("journals/2024_03_01.md"))
        let database = try AppDatabase.inMemory()
        let report = try Importer(database: database).importPaths([graph.path], origin: .user)
        #expect(report.scanned == 2)
        let titles = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT title FROM note ORDER BY title")
        }
        #expect(titles == ["2024_03_01", "tcp/handshake"])
    }
}

/// An older database is copied aside before it is migrated, and a failed migration names the copy.
@Suite struct MigrationBackupTests {
    private func olderDatabase() throws -> (path: String, folder: URL) {
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/release-1/reviews.sqlite", withExtension: nil))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("netprep.sqlite").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        return (path, folder)
    }

    @Test func theDatabaseAsItWasIsKeptBesideIt() throws {
        let (path, folder) = try olderDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try AppDatabase(path: path)
        let backup = try DatabaseQueue(path: path + ".before-v5")
        let reviews = try backup.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM review") }
        let columns: [String] = try backup.read { db in try db.columns(in: "note").map { $0.name } }
        #expect(reviews == 16)
        #expect(!columns.contains("parser"))
        // Up to date now: opening again copies nothing.
        try FileManager.default.removeItem(atPath: path + ".before-v5")
        _ = try AppDatabase(path: path)
        #expect(!FileManager.default.fileExists(atPath: path + ".before-v5"))
    }

    @Test func aFailedMigrationNamesTheCopyAndLosesNothing() throws {
        let (path, folder) = try olderDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A column in the way makes migration v5 fail.
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in try db.execute(sql: "ALTER TABLE note ADD COLUMN parser TEXT") }
        try raw.close()
        do {
            _ = try AppDatabase(path: path)
            Issue.record("the migration should have failed")
        } catch {
            // AppDatabase throws StoreError only (typed throws).
            guard case .migrationFailed(_, let backup, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(backup == path + ".before-v5")
            #expect(error.description.contains("nothing is lost"))
        }
        let reviews = try DatabaseQueue(path: path + ".before-v5").read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM review")
        }
        #expect(reviews == 16)
        let original = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM review") }
        #expect(original == 16)
    }
}
