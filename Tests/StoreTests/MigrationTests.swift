import Foundation
import GRDB
import Testing

@testable import Store

/// Migrations keep what an older database holds.
@Suite struct MigrationTests {
    /// A database as an older netprep left it: the migrations up to `last`, and the migrator
    /// that takes it the rest of the way.
    private static func database(migratedUpTo last: String) throws -> (DatabaseQueue, DatabaseMigrator) {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        var migrator = DatabaseMigrator()
        Schema.register(in: &migrator)
        try migrator.migrate(queue, upTo: last)
        return (queue, migrator)
    }

    /// The row an older importer wrote for the note `key` (id 1) in `/n`.
    private static func insertNote(_ key: String, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO note (id, key, lang, file, origin, root, title, hash, size, mtime, body, indexed_at)
                VALUES (1, ?, 'en', ?, 'user', '/n', ?, 'h', 1, 0, '', 0)
                """, arguments: [key, "/n/\(key).md", key == "tcp" ? "TCP" : key])
    }

    @Test func cardTextSurvivesTheMoveToInsertionOrder() throws {
        let (queue, migrator) = try Self.database(migratedUpTo: "v3: note pages index")
        try queue.write { db in
            try Self.insertNote("tcp", db: db)
            try db.execute(
                sql: """
                    INSERT INTO card (id, kind, topic, created_at) VALUES ('tcp#a', 'basic', 'tcp', 0), ('tcp#b', 'cloze', 'tcp', 0);
                    INSERT INTO card_text (card_id, lang, note_id, prompt, answer, line, position) VALUES
                        ('tcp#a', 'en', 1, 'Why?', 'Because.', 3, 0),
                        ('tcp#a', 'zh', 1, '为什么？', '因为。', 3, 0),
                        ('tcp#b', 'en', 1, 'A {{c1::b}}', '', 5, 1);
                    """)
        }
        try migrator.migrate(queue)
        try queue.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT card_id, lang, prompt, answer, line, position FROM card_text ORDER BY card_id, lang")
            #expect(rows.map { $0[0] as String } == ["tcp#a", "tcp#a", "tcp#b"])
            #expect(rows[1][2] as String == "为什么？")
            #expect(rows[2][4] as Int == 5)
            // Still one text per card and language, and still gone with its card.
            #expect(throws: DatabaseError.self) {
                try db.execute(
                    sql:
                        "INSERT INTO card_text (card_id, lang, note_id, prompt, answer, line, position) VALUES ('tcp#a', 'en', 1, 'x', 'y', 1, 0)"
                )
            }
        }
        try queue.write { db in
            try db.execute(
                sql:
                    "INSERT OR REPLACE INTO card_text (card_id, lang, note_id, prompt, answer, line, position) VALUES ('tcp#a', 'en', 1, 'Why now?', 'y', 1, 0)"
            )
            #expect(
                try String.fetchOne(db, sql: "SELECT prompt FROM card_text WHERE card_id = 'tcp#a' AND lang = 'en'") == "Why now?"
            )
            try db.execute(sql: "DELETE FROM card WHERE id = 'tcp#a'")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM card_text") == 1)
        }
    }

    @Test func theSearchIndexKeepsWhatItIndexedWhenItStopsCopyingTheText() throws {
        let (queue, migrator) = try Self.database(migratedUpTo: "v8: known files from an index")
        try queue.write { db in
            try Self.insertNote("tcp-notes", db: db)
            try db.execute(
                sql: """
                    INSERT INTO topic (id, key, lang, note_id, parent_id, title, path, kind, line, position, body) VALUES
                        (1, 'tcp-notes', 'en', 1, NULL, 'tcp-notes', '["tcp-notes"]', 'note', 1, 0, 'Notes on TCP.'),
                        (2, 'tcp-notes#handshake', 'en', 1, 1, 'Handshake', '["tcp-notes","Handshake"]', 'heading', 3, 1,
                         'SYN, then SYN-ACK, then ACK.');
                    -- As the importer wrote them: a title that is only the file's name indexed as an alias.
                    INSERT INTO topic_fts (rowid, title, aliases, body) VALUES
                        (1, '', 'tcp-notes ; TCP notes', 'Notes on TCP.'),
                        (2, 'Handshake', '', 'SYN, then SYN-ACK, then ACK.');
                    """)
        }
        try migrator.migrate(queue)
        try queue.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, title, aliases FROM topic_search ORDER BY id")
            #expect(rows.map { [$0[1] as String, $0[2] as String] } == [["", "tcp-notes ; TCP notes"], ["Handshake", ""]])
            // No copy of the text any more; the index agrees with the topics it reads.
            #expect(try !db.tableExists("topic_fts_content"))
            try db.execute(sql: "INSERT INTO topic_fts(topic_fts, rank) VALUES ('integrity-check', 1)")
            let hits = try Int64.fetchAll(db, sql: "SELECT rowid FROM topic_fts WHERE topic_fts MATCH 'handshake OR notes'")
            #expect(Set(hits) == [1, 2])
            let snippet = try String.fetchOne(
                db, sql: "SELECT snippet(topic_fts, 2, '[', ']', '…', 8) FROM topic_fts WHERE topic_fts MATCH 'syn'")
            #expect(snippet?.contains("[SYN]") == true)
        }
    }
}
