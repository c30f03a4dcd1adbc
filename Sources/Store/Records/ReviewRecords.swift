import Foundation
import GRDB

/// A `card_state` row: one card's scheduler state, keyed by the card. The table has no rowid
/// (`WITHOUT ROWID`), so a new state replaces the old with `insert(db, onConflict: .replace)`
/// (GRDB's `upsert` asks SQLite for the rowid); nothing refers to a `card_state` row.
struct CardStateRecord: FetchableRecord, PersistableRecord, ColumnListRecord {
    static let databaseTableName = "card_state"

    enum Columns {
        static let cardID = Column("card_id")
        static let due = Column("due")
    }

    var cardID: String
    var state: StoredCardState

    static let columns = TableColumns(
        table: databaseTableName,
        ["card_id", "state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses"])

    var values: [(any DatabaseValueConvertible)?] {
        [
            cardID, state.state.rawValue, state.step, state.stability, state.difficulty, state.due, state.lastReview, state.reps,
            state.lapses,
        ]
    }
}

extension CardStateRecord {
    init(row: Row) throws {
        cardID = row["card_id"]
        state = StoredCardState(
            state: row.cardState() ?? .learning, step: row["step"], stability: row["stability"], difficulty: row["difficulty"],
            due: row["due"], lastReview: row["last_review"], reps: row["reps"], lapses: row["lapses"])
    }
}

/// A `review` row: one answer, with the card's state before it (none for a new card) and
/// after it, each as the JSON of a `card_state` row. Rows are appended, and deleted only by an
/// undo of the newest answer of a card.
struct ReviewRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "review"

    enum Columns {
        static let id = Column("id")
        static let cardID = Column("card_id")
    }

    var entry: ReviewEntry

    func encode(to container: inout PersistenceContainer) throws {
        // A new row gets its id from SQLite (AUTOINCREMENT): 0 means "not inserted yet".
        container["id"] = entry.id == 0 ? nil : entry.id
        container["card_id"] = entry.cardID
        container["reviewed_at"] = entry.reviewedAt
        container["rating"] = entry.rating
        container["duration_ms"] = entry.durationMs
        container["state_before"] = try entry.before.map(Self.encode)
        container["state_after"] = try Self.encode(entry.after)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        entry.id = inserted.rowID
    }

    /// The JSON of a state, keys sorted: the same text for the same state.
    static func encode(_ state: StoredCardState) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(state), as: UTF8.self)
    }

    static func decode(_ json: String) throws -> StoredCardState {
        try JSONDecoder().decode(StoredCardState.self, from: Data(json.utf8))
    }
}

extension ReviewRecord {
    init(row: Row) throws {
        let before: String? = row["state_before"]
        entry = ReviewEntry(
            id: row["id"], cardID: row["card_id"], reviewedAt: row["reviewed_at"], rating: row["rating"],
            durationMs: row["duration_ms"], before: try before.map(Self.decode), after: try Self.decode(row["state_after"]))
    }
}

/// A `setting` row: a saved preference (`lang`, `retention`, the FSRS weights), as text.
struct SettingRecord: FetchableRecord, PersistableRecord, ColumnListRecord {
    static let databaseTableName = "setting"

    var key: String
    var value: String

    static let columns = TableColumns(table: databaseTableName, ["key", "value"])

    var values: [(any DatabaseValueConvertible)?] { [key, value] }
}

extension SettingRecord {
    init(row: Row) throws {
        key = row["key"]
        value = row["value"]
    }
}
