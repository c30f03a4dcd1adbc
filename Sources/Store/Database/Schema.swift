import GRDB

/// The database schema, one named migration at a time. Migrations are append-only: a shipped
/// migration is never edited, a change is a new one.
enum Schema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1: notes, topics, cards, reviews") { db in
            // One row per Markdown file. `key` is the note id (tcp.handshake), shared by the
            // English and Chinese files of one note.
            try db.execute(
                sql: """
                    CREATE TABLE note (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        key TEXT NOT NULL,
                        lang TEXT NOT NULL,
                        file TEXT NOT NULL UNIQUE,
                        origin TEXT NOT NULL,           -- builtin | user
                        root TEXT NOT NULL,             -- the folder it was imported from
                        title TEXT NOT NULL,
                        hash TEXT NOT NULL,             -- SHA-256 of the file's bytes
                        size INTEGER NOT NULL,
                        mtime REAL NOT NULL,
                        body TEXT NOT NULL,
                        indexed_at REAL NOT NULL
                    );
                    CREATE INDEX note_key ON note(key);
                    CREATE INDEX note_root ON note(root);

                    -- A node of the topic graph: the note itself, a heading, an outline item.
                    CREATE TABLE topic (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        key TEXT NOT NULL,
                        lang TEXT NOT NULL,
                        note_id INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
                        parent_id INTEGER REFERENCES topic(id) ON DELETE CASCADE,
                        title TEXT NOT NULL,
                        path TEXT NOT NULL,             -- JSON array of titles, root to node
                        kind TEXT NOT NULL,             -- note | heading | item
                        line INTEGER NOT NULL,
                        position INTEGER NOT NULL,      -- document order within the note
                        body TEXT NOT NULL
                    );
                    CREATE INDEX topic_key ON topic(key);
                    CREATE INDEX topic_note ON topic(note_id);
                    CREATE INDEX topic_parent ON topic(parent_id);

                    CREATE TABLE alias (
                        topic_id INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,
                        alias TEXT NOT NULL
                    );
                    CREATE INDEX alias_topic ON alias(topic_id);
                    CREATE TABLE tag (
                        topic_id INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,
                        tag TEXT NOT NULL
                    );
                    CREATE INDEX tag_topic ON tag(topic_id);
                    CREATE INDEX tag_tag ON tag(tag);

                    -- Typed links between topics; `target` is a topic key, resolved when the
                    -- note is indexed (`resolved` = 0 when nothing had that key then).
                    CREATE TABLE edge (
                        from_topic INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL,             -- link | prereq | related
                        target TEXT NOT NULL,
                        line INTEGER NOT NULL
                    );
                    CREATE INDEX edge_from ON edge(from_topic);
                    CREATE INDEX edge_target ON edge(target);

                    -- A card outlives its note: reviews stay with the id.
                    CREATE TABLE card (
                        id TEXT PRIMARY KEY,
                        kind TEXT NOT NULL,             -- basic | cloze | generated
                        topic TEXT NOT NULL,            -- topic key
                        demo TEXT,                      -- "name arg arg"
                        created_at INTEGER NOT NULL     -- ms since the epoch
                    ) WITHOUT ROWID;
                    CREATE INDEX card_topic ON card(topic);

                    -- The card's text in each language, owned by the note file it came from.
                    CREATE TABLE card_text (
                        card_id TEXT NOT NULL REFERENCES card(id) ON DELETE CASCADE,
                        lang TEXT NOT NULL,
                        note_id INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
                        prompt TEXT NOT NULL,
                        answer TEXT NOT NULL,
                        line INTEGER NOT NULL,
                        position INTEGER NOT NULL,      -- order of the card in its note
                        PRIMARY KEY (card_id, lang)
                    ) WITHOUT ROWID;
                    CREATE INDEX card_text_note ON card_text(note_id);

                    -- The scheduler's memory state; no row = a new card.
                    CREATE TABLE card_state (
                        card_id TEXT PRIMARY KEY REFERENCES card(id) ON DELETE CASCADE,
                        state TEXT NOT NULL,            -- learning | review | relearning
                        step INTEGER,
                        stability REAL,
                        difficulty REAL,
                        due INTEGER NOT NULL,           -- ms since the epoch
                        last_review INTEGER,
                        reps INTEGER NOT NULL DEFAULT 0,
                        lapses INTEGER NOT NULL DEFAULT 0
                    ) WITHOUT ROWID;
                    CREATE INDEX card_state_due ON card_state(due);

                    -- Append-only review log. Rows are never updated; an undo deletes the
                    -- newest row and restores `state_before`.
                    CREATE TABLE review (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        card_id TEXT NOT NULL,
                        reviewed_at INTEGER NOT NULL,   -- ms since the epoch
                        rating INTEGER NOT NULL,        -- 1 again, 2 hard, 3 good, 4 easy
                        duration_ms INTEGER NOT NULL DEFAULT 0,
                        state_before TEXT,              -- JSON of the card_state row, NULL when new
                        state_after TEXT NOT NULL       -- JSON of the card_state row
                    );
                    CREATE INDEX review_card ON review(card_id, reviewed_at);
                    CREATE INDEX review_time ON review(reviewed_at);

                    -- A card reworded in place keeps its history: the new derived id maps to
                    -- the id its reviews are under.
                    CREATE TABLE card_rename (
                        new_id TEXT PRIMARY KEY,
                        old_id TEXT NOT NULL
                    ) WITHOUT ROWID;

                    -- Folders and files the user imported, so `netprep import` alone refreshes them.
                    CREATE TABLE import_root (
                        path TEXT PRIMARY KEY,
                        origin TEXT NOT NULL,
                        added_at REAL NOT NULL
                    ) WITHOUT ROWID;
                    """)
            try db.create(virtualTable: "topic_fts", using: FTS5()) { table in
                table.tokenizer = NetprepTokenizer.tokenizerDescriptor()
                table.column("title")
                table.column("aliases")
                table.column("body")
            }
        }
        migrator.registerMigration("v2: quiz queue index") { db in
            // The quiz's first query picks due cards by state and due time and orders reviews by
            // how overdue they are relative to stability: all three from the index, no row reads
            // (235 ms -> 60 ms to the first card with 1M cards).
            try db.execute(sql: "CREATE INDEX card_state_queue ON card_state(state, due, stability)")
        }
        migrator.registerMigration("v3: note pages index") { db in
            // Search ranks note pages apart from sections (they get a boost); this lists their
            // ids without reading the topic table.
            try db.execute(sql: "CREATE INDEX topic_note_page ON topic(id) WHERE kind = 'note'")
        }
        migrator.registerMigration("v4: card text in insertion order") { db in
            // Card ids are hashes: as the key of a table holding the full prompt and answer they
            // put every insert on a random page, and a large import rewrote most of the table at
            // each commit (half the import time). Rows now go in order; only the small unique
            // index takes the random inserts.
            try db.execute(
                sql: """
                    CREATE TABLE card_text_new (
                        card_id TEXT NOT NULL REFERENCES card(id) ON DELETE CASCADE,
                        lang TEXT NOT NULL,
                        note_id INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
                        prompt TEXT NOT NULL,
                        answer TEXT NOT NULL,
                        line INTEGER NOT NULL,
                        position INTEGER NOT NULL,      -- order of the card in its note
                        UNIQUE (card_id, lang)
                    );
                    INSERT INTO card_text_new (card_id, lang, note_id, prompt, answer, line, position)
                        SELECT card_id, lang, note_id, prompt, answer, line, position FROM card_text ORDER BY note_id, position;
                    DROP TABLE card_text;
                    ALTER TABLE card_text_new RENAME TO card_text;
                    CREATE INDEX card_text_note ON card_text(note_id);
                    """)
        }
        migrator.registerMigration("v5: parser version, Latin runs in CJK text stemmed") { db in
            // Which NoteParser read each note: files read by an older one are parsed again at the
            // next import, even when their bytes did not change (their cards keep their reviews,
            // matched by line). Existing rows were read by version 1.
            try db.execute(sql: "ALTER TABLE note ADD COLUMN parser INTEGER NOT NULL DEFAULT 1")
            // The tokenizer now stems a Latin word written against CJK text (分组密码DES) as it
            // stems a word on its own: the index is made again from the stored text.
            try db.execute(sql: "INSERT INTO topic_fts(topic_fts) VALUES('rebuild')")
        }
        migrator.registerMigration("v6: settings") { db in
            // The learner's preferences (`netprep config`), kept with their reviews.
            try db.execute(sql: "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
        }
        migrator.registerMigration("v7: notes by parser version") { db in
            // Every command asks whether some notes were read by an older parser: one index probe.
            try db.execute(sql: "CREATE INDEX note_parser ON note(parser)")
        }
        migrator.registerMigration("v8: known files from an index") { db in
            // An import first reads what it knew of each file under a folder. `parser` was added
            // after `body`, so reading it walked every note's whole text (117 MB of page reads for
            // the benchmark's 5,000 files, to find nothing to do); the index holds all it asks for.
            try db.execute(
                sql: """
                    CREATE INDEX note_known ON note(root, file, hash, size, mtime, parser);
                    DROP INDEX note_root;
                    """)
        }
        migrator.registerMigration("v9: the search index reads the topics' text") { db in
            // The index kept its own copy of every topic's text: a third copy, beside the note's
            // body and the topic's (a fifth of the database). It now reads them from the topics,
            // through a view that adds what only the index had: a title indexed as an alias
            // (`search_title` '' when the title is only the file's name) and the aliases.
            try db.execute(
                sql: """
                    ALTER TABLE topic ADD COLUMN search_title TEXT;          -- NULL: the title
                    ALTER TABLE topic ADD COLUMN search_aliases TEXT NOT NULL DEFAULT '';
                    UPDATE topic SET search_title = CASE WHEN c.c0 IS title THEN NULL ELSE c.c0 END,
                                     search_aliases = coalesce(c.c1, '')
                    FROM topic_fts_content AS c WHERE c.id = topic.id;
                    DROP TABLE topic_fts;
                    CREATE VIEW topic_search AS
                        SELECT id, coalesce(search_title, title) AS title, search_aliases AS aliases, body FROM topic;
                    """)
            try db.create(virtualTable: "topic_fts", using: FTS5()) { table in
                table.tokenizer = NetprepTokenizer.tokenizerDescriptor()
                table.content = "topic_search"
                table.contentRowID = "id"
                table.column("title")
                table.column("aliases")
                table.column("body")
            }
            try db.execute(sql: "INSERT INTO topic_fts(topic_fts) VALUES('rebuild')")
        }
        migrator.registerMigration("v10: notes by key from an index") { db in
            // The quiz orders new cards by the notes' prerequisites and files: every note's key
            // and file. A note's row holds its text, about a page each, so reading them read the
            // whole table (3,600 page reads for 5,000 notes, before the first card); the index
            // holds both.
            try db.execute(
                sql: """
                    CREATE INDEX note_key_file ON note(key, file);
                    DROP INDEX note_key;
                    """)
        }
    }
}
