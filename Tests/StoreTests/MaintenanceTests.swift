import Foundation
import GRDB
import Testing

@testable import Store

/// Backup, restore, doctor and salvage: a learner's review history survives each of them.
@Suite struct MaintenanceTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A database file with one note, `cards` cards and `reviews` reviews spread over them.
    static func database(at path: String, cards: Int, reviews: Int) throws -> AppDatabase {
        let database = try AppDatabase(path: path)
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO note (key, lang, file, origin, root, title, hash, size, mtime, body, indexed_at)
                    VALUES ('tcp', 'en', '/tcp.md', 'builtin', '/', 'TCP', '', 0, 0, 'TCP body text', 0)
                    """)
            let noteID = db.lastInsertedRowID
            for index in 0..<cards {
                try db.execute(
                    sql: "INSERT INTO card (id, kind, topic, demo, created_at) VALUES (?, 'basic', 'tcp', NULL, 0)",
                    arguments: ["tcp#c\(index)"])
                try db.execute(
                    sql: """
                        INSERT INTO card_text (card_id, lang, note_id, prompt, answer, line, position)
                        VALUES (?, 'en', ?, 'Q', 'A', 1, ?)
                        """, arguments: ["tcp#c\(index)", noteID, index])
            }
        }
        try record(reviews, in: database, cards: cards, from: 0)
        return database
    }

    static func record(_ count: Int, in database: AppDatabase, cards: Int, from start: Int) throws {
        let store = ReviewStore(database)
        for index in start..<(start + count) {
            let time = Int64(1_700_000_000_000 + index * 60_000)
            try store.record(cardID: "tcp#c\(index % cards)", at: time, rating: 1 + index % 4) { before in
                StoredCardState(
                    state: .review, step: nil, stability: Double(index % 50) + 1, difficulty: 5, due: time + 86_400_000,
                    lastReview: time, reps: (before?.reps ?? 0) + 1, lapses: 0)
            }
        }
    }

    static func reviews(_ path: String) throws -> [String] {
        try AppDatabase(path: path).writer.read { db in
            try String.fetchAll(db, sql: "SELECT card_id || '@' || reviewed_at || ':' || rating FROM review ORDER BY id")
        }
    }

    @Test func aBackupRestoresEveryReviewAndKeepsTheDatabaseItReplaced() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("netprep.sqlite").path
        let database = try Self.database(at: path, cards: 20, reviews: 300)
        let backup = folder.appendingPathComponent("backup.sqlite").path
        let contents = try database.backUp(to: backup)
        #expect(contents.reviews == 300 && contents.cardsSeen == 20 && contents.bytes > 0)
        let backedUp = try Self.reviews(path)

        // Answers after the backup, then the restore.
        try Self.record(50, in: database, cards: 20, from: 300)
        let (restored, previous) = try AppDatabase.restore(from: backup, to: path)
        #expect(restored.reviews == 300)
        #expect(try Self.reviews(path) == backedUp)
        // The answers given after the backup are not lost: they are in the copy kept aside.
        let kept = try #require(previous)
        #expect(try Self.reviews(kept).count == 350)
    }

    @Test func somethingThatIsNotABackupIsRefusedAndNothingChanges() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("netprep.sqlite").path
        _ = try Self.database(at: path, cards: 5, reviews: 40)
        let before = try Self.reviews(path)
        let garbage = folder.appendingPathComponent("notes.md").path
        try Data("# not a database\n".utf8).write(to: URL(fileURLWithPath: garbage))
        let other = folder.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: other)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try queue.close()
        for source in [garbage, other] {
            #expect(throws: StoreError.self) { try AppDatabase.restore(from: source, to: path) }
        }
        #expect(try Self.reviews(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + ".before-restore"))
    }

    @Test func doctorFindsLostStatesAndABrokenIndexAndRepairsThemKeepingEveryReview() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("netprep.sqlite").path
        let database = try Self.database(at: path, cards: 10, reviews: 100)
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO topic (key, lang, note_id, parent_id, title, path, kind, line, position, body)
                    SELECT 'tcp', 'en', id, NULL, 'TCP', '["TCP"]', 'note', 1, 0, 'TCP body text' FROM note
                    """)
            try db.execute(sql: "INSERT INTO topic_fts (rowid, title, aliases, body) SELECT id, title, '', body FROM topic")
        }
        #expect(database.check().allSatisfy { $0.problems.isEmpty })
        let before = try Self.reviews(path)
        try database.writer.write { db in
            try db.execute(sql: "DELETE FROM card_state WHERE card_id = 'tcp#c3'")
            try db.execute(sql: "UPDATE card_state SET stability = 99 WHERE card_id = 'tcp#c4'")
            try db.execute(sql: "DELETE FROM topic_fts_data WHERE id > 1")
        }
        let findings = database.check()
        let problems = Dictionary(uniqueKeysWithValues: findings.map { ($0.kind, $0.problems) })
        #expect(problems[.cardStates]?.count == 2)
        #expect(problems[.searchIndex]?.isEmpty == false)
        #expect(problems[.integrity]?.isEmpty == true)
        let after = try database.repair()
        #expect(after.allSatisfy { $0.problems.isEmpty }, "\(after)")
        #expect(try Self.reviews(path) == before)
        let state = try ReviewStore(database).state(of: "tcp#c3")
        #expect(state?.reps == 10)
    }

    @Test func salvageCopiesTheReviewsOfADamagedFileAndKeepsTheFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("netprep.sqlite").path
        let database = try Self.database(at: path, cards: 50, reviews: 3000)
        try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try (database.writer as? DatabaseQueue)?.close()
        let all = Set(try Self.reviews(path))

        // Three pages of the file overwritten, past the schema page.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let pages = Int(try handle.seekToEnd()) / 4096
        for page in [pages / 2, pages / 3, pages - 2] {
            try handle.seek(toOffset: UInt64(page * 4096))
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        }
        try handle.close()
        let damagedFindings = try AppDatabase(path: path).check()
        #expect(damagedFindings.first { $0.kind == .integrity }?.problems.isEmpty == false)

        let (copied, damaged) = try AppDatabase.salvage(path)
        #expect(FileManager.default.fileExists(atPath: damaged))
        let saved = try Self.reviews(path)
        #expect(copied["review"] == saved.count)
        // Every review read back is one that was written, and only the damaged pages' rows are gone.
        #expect(Set(saved).isSubset(of: all))
        #expect(saved.count >= all.count * 9 / 10, "\(saved.count) of \(all.count)")
        #expect(try AppDatabase(path: path).check().first { $0.kind == .integrity }?.problems.isEmpty == true)
    }
}
