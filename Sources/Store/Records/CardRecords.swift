import Basics
import Foundation
import GRDB
import Notes

/// A `card` row: what a card is, whatever file holds it now. A card outlives its note (its
/// reviews stay with the id), so its row is kept when the note goes and updated when the
/// note comes back.
struct CardRecord: Equatable, FetchableRecord, PersistableRecord, ColumnListRecord {
    static let databaseTableName = "card"

    var id: String
    var kind: Card.Kind
    /// The key of the topic it tests.
    var topic: String
    var demo: DemoCall?
    /// Milliseconds since the epoch: when it was first imported.
    var createdAt: Int64

    static let columns = TableColumns(table: databaseTableName, ["id", "kind", "topic", "demo", "created_at"])

    var values: [(any DatabaseValueConvertible)?] { [id, kind.rawValue, topic, demo?.text, createdAt] }

    /// Inserts the card, or updates what a new reading of its note may change (kind, topic,
    /// demo) when it exists, keeping when it was first seen.
    ///
    /// One cached statement: a newer parser reads every file again, and GRDB's `update` builds
    /// its SQL at each call.
    func insertOrUpdate(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertOrUpdateSQL).execute(arguments: StatementArguments(values))
    }

    private static let insertOrUpdateSQL =
        columns.insertSQL(onConflict: .abort)
        + " ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, topic = excluded.topic, demo = excluded.demo"
}

extension CardRecord {
    init(row: Row) throws {
        id = row["id"]
        kind = row.cardKind()
        topic = row["topic"]
        demo = row.demoCall()
        createdAt = row["created_at"]
    }
}

/// A `card_text` row: a card's prompt and answer in one language, owned by the note file it
/// came from (it goes when the note goes; the card stays).
struct CardTextRecord: Equatable, FetchableRecord, PersistableRecord, ColumnListRecord {
    static let databaseTableName = "card_text"

    enum Columns {
        static let cardID = Column("card_id")
        static let noteID = Column("note_id")
    }

    var cardID: String
    var language: Language
    var noteID: Int64
    var prompt: String
    var answer: String
    var line: Int
    /// The card's order in its note.
    var position: Int

    static let columns = TableColumns(
        table: databaseTableName, ["card_id", "lang", "note_id", "prompt", "answer", "line", "position"])

    var values: [(any DatabaseValueConvertible)?] { [cardID, language.rawValue, noteID, prompt, answer, line, position] }
}

extension CardTextRecord {
    init(row: Row) throws {
        cardID = row["card_id"]
        language = row.language()
        noteID = row["note_id"]
        prompt = row["prompt"]
        answer = row["answer"]
        line = row["line"]
        position = row["position"]
    }
}

/// A `card_rename` row: a card reworded in place keeps its history. `newID` is the id its
/// new wording derives; `oldID` the id its reviews are under.
struct CardRenameRecord: Equatable, FetchableRecord, PersistableRecord, ColumnListRecord {
    static let databaseTableName = "card_rename"

    enum Columns {
        static let newID = Column("new_id")
    }

    var newID: String
    var oldID: String

    static let columns = TableColumns(table: databaseTableName, ["new_id", "old_id"])

    var values: [(any DatabaseValueConvertible)?] { [newID, oldID] }
}

extension CardRenameRecord {
    init(row: Row) throws {
        newID = row["new_id"]
        oldID = row["old_id"]
    }
}
