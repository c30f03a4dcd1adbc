import Foundation
import GRDB
import GRDBSQLite

/// netprep's database: one SQLite file in WAL mode, owned through a single `DatabaseWriter`
/// (a `DatabaseQueue`: commands are short and use one connection).
///
/// Follows GRDB's demo app: the schema lives in one `DatabaseMigrator`, every connection gets
/// the same configuration (foreign keys, busy timeout, the `netprep` FTS5 tokenizer).
public struct AppDatabase: Sendable {
    /// The writer every read and write goes through.
    public let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty, access(directory, F_OK) != 0 {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            // One connection per process, in WAL mode so that another netprep process can read
            // while this one writes. (A DatabasePool writes to a fresh WAL file at every open,
            // which costs each short command a checkpoint and an fsync on exit.)
            var configuration = Self.configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try self.init(queue)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw StoreError.corrupt(path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Self.describe(error))
        }
    }

    /// An in-memory database with the app's own configuration, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }

    private init(_ writer: any DatabaseWriter) throws(StoreError) {
        self.writer = writer
        var migrator = DatabaseMigrator()
        Schema.register(in: &migrator)
        var backup: String?
        do {
            // Read outside a transaction: one statement. An up-to-date database is the common case,
            // and GRDB's `migrate` would take the write lock and read the list twice to find
            // that out.
            let applied = try writer.unsafeRead { db in try migrator.appliedIdentifiers(db) }
            if applied == Set(migrator.migrations) { return }
            backup = try Self.backUpBeforeMigrating(writer, applied: applied, migrator: migrator)
            try migrator.migrate(writer)
        } catch {
            if let backup {
                throw StoreError.migrationFailed(path: writer.path, backup: backup, reason: Self.describe(error))
            }
            throw StoreError.cannotOpen(path: writer.path, reason: Self.describe(error))
        }
    }

    /// Before a database made by an older netprep is migrated, a copy of it is made beside it
    /// (SQLite's online backup): `netprep.sqlite.before-v5` holds the data as it was before the
    /// fifth migration. Nothing is copied for a new or an up-to-date database.
    /// - Parameter applied: the migrations the database has had.
    /// - Returns: the copy's path, when one was made.
    static func backUpBeforeMigrating(
        _ writer: any DatabaseWriter, applied: Set<String>, migrator: DatabaseMigrator
    ) throws -> String? {
        let path = writer.path
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file::memory:") else { return nil }
        guard !applied.isEmpty, applied.count < migrator.migrations.count else { return nil }
        let backup = "\(path).before-v\(applied.count + 1)"
        try? FileManager.default.removeItem(atPath: backup)
        let copy = try DatabaseQueue(path: backup)
        try writer.backup(to: copy)
        try copy.close()
        return backup
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A second netprep process waits for the lock instead of failing.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            db.add(tokenizer: NetprepTokenizer.self)
            NetprepRank.register(db)
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Up to 64 MB of page cache: an import touches the same index pages again and again.
            // 256 MB imported the 112 MB benchmark corpus no faster (26.6 s either way) and took
            // the import's peak memory from 141 MB to 343 MB.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        return configuration
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
            if error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
                return message + " (the file is damaged: 'netprep doctor --salvage' copies every review that can be read)"
            }
            // A full disk, or a file that may not grow (EFBIG comes back as an I/O error on
            // write): the transaction was rolled back, so what was stored before is intact.
            if error.resultCode == .SQLITE_FULL || error.extendedResultCode == .SQLITE_IOERR_WRITE
                || error.extendedResultCode == .SQLITE_IOERR_FSYNC
            {
                return "cannot write the database (\(message)): the disk may be full or the file may not grow; "
                    + "this change was not saved, and everything saved before is intact"
            }
            return message
        }
        return String(describing: error)
    }
}

/// Failures of the store that a person can act on.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case corrupt(path: String)
    case noSuchTopic(String, suggestion: String?)
    case noSuchCard(String)
    case badQuery(String)
    /// A schema migration failed; the database as it was is in `backup`.
    case migrationFailed(path: String, backup: String, reason: String)
    /// A file given as a backup is not a readable netprep database.
    case notABackup(path: String, reason: String)

    public var description: String {
        switch self {
        case .migrationFailed(let path, let backup, let reason):
            return
                "could not update the database \(path) for this netprep (\(reason)); nothing is lost: a copy from before the update is \(backup)"
        case .notABackup(let path, let reason):
            return "\(path) is not a readable netprep backup (\(reason)); nothing was changed"
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(path): \(reason)"
        case .corrupt(let path):
            return
                "the database \(path) is damaged or not a netprep database; 'netprep doctor --salvage' copies every review "
                + "that can still be read into a new one (or 'netprep restore BACKUP'); your notes are untouched"
        case .noSuchTopic(let id, let suggestion):
            if let suggestion { return "no topic '\(id)'; did you mean '\(suggestion)'?" }
            return "no topic '\(id)' (netprep topics lists them)"
        case .noSuchCard(let id):
            return "no card '\(id)' (netprep cards lists them)"
        case .badQuery(let message):
            return message
        }
    }
}
