import Foundation
import GRDB
import Testing

@testable import Store

/// Migrations keep what an older database holds.
@Suite struct MigrationTests {
    @Test func cardTextSurvivesTheMoveToInsertionOrder() throws {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        var migrator = DatabaseMigrator()
        Schema.register(in: &migrator)
        try migrator.migrate(queue, upTo: "v3: note pages index")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO note (id, key, lang, file, origin, root, title, hash, size, mtime, body, indexed_at)
                    VALUES (1, 'tcp', 'en', '/n/tcp.md', 'user', '/n', 'TCP', 'h', 1, 0, '', 0);
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
}
