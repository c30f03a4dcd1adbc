import Basics
import Foundation
import GRDB
import Notes

/// A `note` row: one Markdown file as imported. `key` is the note's id (`tcp.handshake`),
/// shared by the English and Chinese files of one note; `hash`, `size`, `mtime` and `parser`
/// are what the next import compares to find the file unchanged.
struct NoteRecord: Equatable, FetchableRecord, MutablePersistableRecord, ColumnListRecord {
    static let databaseTableName = "note"

    enum Columns {
        static let id = Column("id")
        static let file = Column("file")
        static let size = Column("size")
        static let mtime = Column("mtime")
        static let origin = Column("origin")
        static let root = Column("root")
    }

    /// Nil until inserted (`AUTOINCREMENT`).
    var id: Int64?
    var key: String
    var language: Language
    var file: String
    var origin: NoteOrigin
    /// The folder (or file) it was imported from.
    var root: String
    var title: String
    /// SHA-256 of the file's bytes, in hex.
    var hash: String
    var size: Int64
    var mtime: Double
    var body: String
    /// Seconds since the epoch.
    var indexedAt: Double
    /// The `NoteParser.version` that read it.
    var parser: Int

    static let columns = TableColumns(
        table: databaseTableName,
        ["id", "key", "lang", "file", "origin", "root", "title", "hash", "size", "mtime", "body", "indexed_at", "parser"])

    var values: [(any DatabaseValueConvertible)?] {
        [
            id, key, language.rawValue, file, origin.rawValue, root, title, hash, size, mtime, body, indexedAt, parser,
        ]
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension NoteRecord {
    init(row: Row) throws {
        id = row["id"]
        key = row["key"]
        language = row.language()
        file = row["file"]
        origin = NoteOrigin(rawValue: row["origin"]) ?? .user
        root = row["root"]
        title = row["title"]
        hash = row["hash"]
        size = row["size"]
        mtime = row["mtime"]
        body = row["body"]
        indexedAt = row["indexed_at"]
        parser = row["parser"]
    }
}

/// An `import_root` row: a folder or file the learner imported, so that `netprep import` alone
/// brings them all up to date.
struct ImportRootRecord: Equatable, FetchableRecord, PersistableRecord, ColumnListRecord {
    static let databaseTableName = "import_root"

    enum Columns {
        static let path = Column("path")
        static let origin = Column("origin")
    }

    var path: String
    var origin: NoteOrigin
    /// Seconds since the epoch.
    var addedAt: Double

    static let columns = TableColumns(table: databaseTableName, ["path", "origin", "added_at"])

    var values: [(any DatabaseValueConvertible)?] { [path, origin.rawValue, addedAt] }
}

extension ImportRootRecord {
    init(row: Row) throws {
        path = row["path"]
        origin = NoteOrigin(rawValue: row["origin"]) ?? .user
        addedAt = row["added_at"]
    }
}
