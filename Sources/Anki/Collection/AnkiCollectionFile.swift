import Export
import Foundation
import GRDB
import Notes
import Store

/// The rows of an Anki collection in its legacy layout (schema 11, `collection.anki2`), as the
/// `Export` target builds them. Column meanings follow Anki's own schema; times are as Anki
/// keeps them (ids in ms, `mod` in seconds).
public struct AnkiCollectionRows: Sendable {
    /// The single `col` row.
    public struct Collection: Sendable {
        /// Day the collection was created, seconds since the epoch; review `due` days count from it.
        public var crt: Int64
        /// Last modification, ms.
        public var mod: Int64
        /// Last schema change, ms.
        public var scm: Int64
        /// JSON objects: configuration, note types, decks, deck options, tags.
        public var conf: String
        public var models: String
        public var decks: String
        public var dconf: String
        public var tags: String

        public init(
            crt: Int64, mod: Int64, scm: Int64, conf: String, models: String, decks: String, dconf: String, tags: String
        ) {
            self.crt = crt
            self.mod = mod
            self.scm = scm
            self.conf = conf
            self.models = models
            self.decks = decks
            self.dconf = dconf
            self.tags = tags
        }
    }

    public struct Note: Sendable {
        public var id: Int64
        public var guid: String
        public var notetypeID: Int64
        /// Seconds; Anki updates an existing note on import only when this is newer.
        public var mod: Int64
        /// Space-separated, with a space at each end.
        public var tags: String
        /// The fields joined by U+001F.
        public var fields: String
        public var sortField: String
        /// The first 8 hex digits of the SHA-1 of the first field's text, as an integer.
        public var checksum: Int64

        public init(
            id: Int64, guid: String, notetypeID: Int64, mod: Int64, tags: String, fields: String, sortField: String,
            checksum: Int64
        ) {
            self.id = id
            self.guid = guid
            self.notetypeID = notetypeID
            self.mod = mod
            self.tags = tags
            self.fields = fields
            self.sortField = sortField
            self.checksum = checksum
        }
    }

    public struct Card: Sendable {
        public var id: Int64
        public var noteID: Int64
        public var deckID: Int64
        /// Template (Basic) or cloze number minus one (Cloze).
        public var ordinal: Int
        public var mod: Int64
        /// 0 new, 1 learning, 2 review, 3 relearning.
        public var type: Int
        /// 0 new, 1 learning (due in seconds), 2 review (due in days), 3 learning across days.
        public var queue: Int
        public var due: Int64
        /// Days.
        public var interval: Int
        /// Ease in permille.
        public var factor: Int
        public var reps: Int
        public var lapses: Int
        /// Learning steps left.
        public var left: Int
        /// JSON: FSRS memory state (`s`, `d`, `dr`, `decay`, `lrt`).
        public var data: String

        public init(
            id: Int64, noteID: Int64, deckID: Int64, ordinal: Int, mod: Int64, type: Int, queue: Int, due: Int64,
            interval: Int, factor: Int, reps: Int, lapses: Int, left: Int, data: String
        ) {
            self.id = id
            self.noteID = noteID
            self.deckID = deckID
            self.ordinal = ordinal
            self.mod = mod
            self.type = type
            self.queue = queue
            self.due = due
            self.interval = interval
            self.factor = factor
            self.reps = reps
            self.lapses = lapses
            self.left = left
            self.data = data
        }
    }

    public struct Review: Sendable {
        /// The time of the answer, ms; unique in the table.
        public var id: Int64
        public var cardID: Int64
        /// 1 ... 4.
        public var ease: Int
        /// The interval it scheduled: days when positive, seconds when negative.
        public var interval: Int64
        public var lastInterval: Int64
        public var factor: Int
        /// Time taken to answer, ms.
        public var time: Int64
        /// 0 learning, 1 review, 2 relearning, 3 filtered, 4 manual.
        public var type: Int

        public init(
            id: Int64, cardID: Int64, ease: Int, interval: Int64, lastInterval: Int64, factor: Int, time: Int64,
            type: Int
        ) {
            self.id = id
            self.cardID = cardID
            self.ease = ease
            self.interval = interval
            self.lastInterval = lastInterval
            self.factor = factor
            self.time = time
            self.type = type
        }
    }

    public var collection: Collection
    public var notes: [Note]
    public var cards: [Card]
    public var reviews: [Review]

    public init(collection: Collection, notes: [Note], cards: [Card], reviews: [Review]) {
        self.collection = collection
        self.notes = notes
        self.cards = cards
        self.reviews = reviews
    }
}

/// Writes an Anki collection file in the legacy schema 11 layout, which every Anki since 2.1
/// imports from an `.apkg`.
public enum AnkiCollectionFile {
    /// Writes `rows` to a new SQLite file at `path` (replacing any file there).
    public static func write(_ rows: AnkiCollectionRows, to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: schema)
            let col = rows.collection
            try db.execute(
                sql: """
                    INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
                    VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)
                    """, arguments: [col.crt, col.mod, col.scm, col.conf, col.models, col.decks, col.dconf, col.tags])
            for note in rows.notes {
                try db.execute(
                    sql: """
                        INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
                        VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')
                        """,
                    arguments: [
                        note.id, note.guid, note.notetypeID, note.mod, note.tags, note.fields, note.sortField,
                        note.checksum,
                    ])
            }
            for card in rows.cards {
                try db.execute(
                    sql: """
                        INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses,
                                           left, odue, odid, flags, data)
                        VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)
                        """,
                    arguments: [
                        card.id, card.noteID, card.deckID, card.ordinal, card.mod, card.type, card.queue, card.due,
                        card.interval, card.factor, card.reps, card.lapses, card.left, card.data,
                    ])
            }
            for review in rows.reviews {
                try db.execute(
                    sql: """
                        INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
                        VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        review.id, review.cardID, review.ease, review.interval, review.lastInterval, review.factor,
                        review.time, review.type,
                    ])
            }
        }
        try queue.close()
    }

    /// Anki's schema 11 tables and indexes.
    static let schema = """
        CREATE TABLE col (
            id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
            ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
            conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL
        );
        CREATE TABLE notes (
            id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
            usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
            csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
        );
        CREATE TABLE cards (
            id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
            mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
            due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
            lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
            flags integer NOT NULL, data text NOT NULL
        );
        CREATE TABLE revlog (
            id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
            ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
            type integer NOT NULL
        );
        CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
        CREATE INDEX ix_notes_usn ON notes (usn);
        CREATE INDEX ix_cards_usn ON cards (usn);
        CREATE INDEX ix_revlog_usn ON revlog (usn);
        CREATE INDEX ix_cards_nid ON cards (nid);
        CREATE INDEX ix_cards_sched ON cards (did, queue, due);
        CREATE INDEX ix_revlog_cid ON revlog (cid);
        CREATE INDEX ix_notes_csum ON notes (csum);
        """
}
