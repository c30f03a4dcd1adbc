import Foundation
import GRDB

/// Keeping a learner's history safe: copies (`netprep backup`), putting a copy back
/// (`netprep restore`), and checking and mending the database (`netprep doctor`).
extension AppDatabase {
    /// What a copy of the database holds.
    public struct Contents: Sendable, Equatable, Codable {
        public var reviews: Int
        /// Cards with a memory state (seen at least once).
        public var cardsSeen: Int
        public var bytes: Int64
    }

    /// Copies the whole database to `path` with SQLite's online backup: a consistent copy even
    /// while another netprep process answers cards. An existing file at `path` is replaced only
    /// once the copy is complete.
    ///
    /// - Throws: `StoreError.cannotOpen` naming `path` when it cannot be written.
    public func backUp(to path: String) throws -> Contents {
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            let copy = try DatabaseQueue(path: partial)
            try writer.backup(to: copy)
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw StoreError.cannotOpen(path: path, reason: Self.describe(error))
        }
        return try Self.contents(of: path)
    }

    /// Reviews, seen cards and size of the netprep database at `path`, opened read-only.
    ///
    /// - Throws: `StoreError.notABackup` when it is not a readable netprep database.
    public static func contents(of path: String) throws -> Contents {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
                guard check == ["ok"] else {
                    throw StoreError.notABackup(path: path, reason: check.prefix(3).joined(separator: "; "))
                }
                guard try db.tableExists("review"), try db.tableExists("card_state") else {
                    throw StoreError.notABackup(path: path, reason: "it has no review log")
                }
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
                return Contents(
                    reviews: try Int.fetchOne(db, sql: "SELECT count(*) FROM review") ?? 0,
                    cardsSeen: try Int.fetchOne(db, sql: "SELECT count(*) FROM card_state") ?? 0, bytes: size)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.notABackup(path: path, reason: describe(error))
        }
    }

    /// Puts the backup at `source` in place of the database at `path`, after copying the
    /// database as it is to `path.before-restore` (the copy is named in the result). The backup
    /// is checked first; nothing is changed when it is not a readable netprep database.
    ///
    /// - Returns: What the restored database holds, and where the previous one was kept.
    public static func restore(from source: String, to path: String) throws -> (restored: Contents, previous: String?) {
        let restored = try contents(of: source)
        var previous: String?
        if FileManager.default.fileExists(atPath: path) {
            let current = try AppDatabase(path: path)
            let aside = path + ".before-restore"
            _ = try current.backUp(to: aside)
            previous = aside
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let from = try DatabaseQueue(path: source, configuration: configuration)
            defer { try? from.close() }
            let into = try DatabaseQueue(path: path, configuration: Self.configuration())
            defer { try? into.close() }
            // The online backup writes every page under one lock: another process sees the old
            // database or the restored one, never a mixture.
            try from.backup(to: into)
            try into.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        } catch {
            throw StoreError.cannotOpen(path: path, reason: describe(error))
        }
        // Opening migrates a backup made by an older netprep.
        _ = try AppDatabase(path: path)
        return (restored, previous)
    }

    /// One finding of `check()`.
    public struct Finding: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable {
            /// SQLite's `integrity_check`: the file itself.
            case integrity
            /// Rows pointing at rows that are gone.
            case foreignKeys = "foreign_keys"
            /// The full-text index disagrees with the topics it indexes.
            case searchIndex = "search_index"
            /// A card's memory state is not what its newest review left.
            case cardStates = "card_states"
        }

        public var kind: Kind
        public var problems: [String]
        /// Whether `repair()` can mend it without losing a review.
        public var repairable: Bool
    }

    /// Checks the file (`PRAGMA integrity_check`), the foreign keys, the full-text index against
    /// its topics, and every card's memory state against its newest review.
    ///
    /// - Returns: One finding per kind of check, with no problems when all is well.
    public func check() -> [Finding] {
        // FTS5's integrity check is spelled as an INSERT; it changes nothing, so no transaction
        // (a damaged file could fail the commit and hide every finding).
        writer.writeWithoutTransaction { db in
            // Each check reports the error it meets instead of stopping the others.
            func run(_ check: () throws -> [String]) -> [String] {
                do { return try check() } catch { return [Self.describe(error)] }
            }
            let integrity = run { try String.fetchAll(db, sql: "PRAGMA integrity_check(20)").filter { $0 != "ok" } }
            let foreign = run {
                try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").prefix(20).map { row -> String in
                    "\(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) points at a missing \(row[2] as String? ?? "?") row"
                }
            }
            let search = run {
                try db.execute(sql: "INSERT INTO topic_fts(topic_fts, rank) VALUES ('integrity-check', 1)")
                return []
            }
            let states = run { try Self.stateMismatches(db).map(\.message) }
            return [
                Finding(kind: .integrity, problems: integrity, repairable: false),
                Finding(kind: .foreignKeys, problems: foreign, repairable: true),
                Finding(kind: .searchIndex, problems: search, repairable: true),
                Finding(kind: .cardStates, problems: states, repairable: true),
            ]
        }
    }

    private struct StateMismatch {
        var cardID: String
        var after: String
        var message: String
    }

    /// Cards whose `card_state` row is missing or differs from the state their newest review
    /// recorded (`review.state_after`), for cards that still exist.
    private static func stateMismatches(_ db: Database) throws -> [StateMismatch] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.card_id, r.state_after,
                       s.state, s.step, s.stability, s.difficulty, s.due, s.last_review, s.reps, s.lapses
                FROM review r
                JOIN (SELECT card_id, max(id) AS id FROM review GROUP BY card_id) newest ON newest.id = r.id
                JOIN card c ON c.id = r.card_id
                LEFT JOIN card_state s ON s.card_id = r.card_id
                """)
        var mismatches: [StateMismatch] = []
        for row in rows {
            let cardID: String = row["card_id"]
            let after: String = row["state_after"]
            guard let recorded = try? ReviewRecord.decode(after) else { continue }
            // Read as the quiz reads a `card_state` row; none when the join found none.
            let stored = row["state"] == nil ? nil : try CardStateRecord(row: row).state
            if stored == nil {
                mismatches.append(.init(cardID: cardID, after: after, message: "\(cardID): no memory state, but it has reviews"))
            } else if stored != recorded {
                mismatches.append(
                    .init(cardID: cardID, after: after, message: "\(cardID): memory state differs from its newest review's"))
            }
        }
        return mismatches
    }

    /// Mends what can be mended without losing a review: rebuilds the full-text index from the
    /// topics, deletes rows that point at nothing (never a review: the review log has no
    /// foreign keys), and sets each card's memory state to what its newest review recorded.
    ///
    /// - Returns: The findings of `check()` afterwards.
    public func repair() throws -> [Finding] {
        try writer.write { db in
            // Rows of rowid tables by rowid; the two WITHOUT ROWID tables by their keys.
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0]
                guard let rowid: Int64 = row[1] else { continue }
                try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier) WHERE rowid = ?", arguments: [rowid])
            }
            try db.execute(
                sql: """
                    DELETE FROM card_text WHERE card_id NOT IN (SELECT id FROM card) OR note_id NOT IN (SELECT id FROM note);
                    DELETE FROM card_state WHERE card_id NOT IN (SELECT id FROM card);
                    """)
            // The index made again from the topics that are left.
            try db.execute(sql: "INSERT INTO topic_fts(topic_fts) VALUES ('rebuild')")
            for mismatch in try Self.stateMismatches(db) {
                try CardStateRecord(cardID: mismatch.cardID, state: ReviewRecord.decode(mismatch.after)).insert(
                    db, onConflict: .replace)
            }
        }
        return check()
    }

    /// Copies every row that can still be read of the learner's own tables (reviews, memory
    /// states, cards, renames, settings, imported folders) from the damaged database at `path`
    /// into a new database, then puts the new one in its place and keeps the damaged file as
    /// `path.damaged`. Notes are indexed again by the next command (built-in notes) or `netprep
    /// import` (yours); reviews and states stay with their card ids.
    ///
    /// - Returns: The rows copied per table, and where the damaged file now is.
    public static func salvage(_ path: String) throws -> (copied: [String: Int], damaged: String) {
        let fresh = path + ".salvage"
        let damaged = path + ".damaged"
        for leftover in [fresh, fresh + "-wal", fresh + "-shm"] { try? FileManager.default.removeItem(atPath: leftover) }
        var copied: [String: Int] = [:]
        do {
            let target = try AppDatabase(path: fresh)
            var configuration = Configuration()
            configuration.readonly = true
            let source = try? DatabaseQueue(path: path, configuration: configuration)
            // Parents before children, so that foreign keys hold.
            for table in ["card", "card_rename", "setting", "import_root", "card_state", "review"] {
                let rows = source.map { Self.readableRows(of: table, in: $0) } ?? []
                guard let first = rows.first else {
                    copied[table] = 0
                    continue
                }
                let columns = Array(first.columnNames)
                let list = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
                try target.writer.write { db in
                    var count = 0
                    for row in rows {
                        let values = columns.map { row[$0] as DatabaseValue }
                        try db.execute(
                            sql: "INSERT OR IGNORE INTO \(table.quotedDatabaseIdentifier) (\(list)) VALUES (\(marks))",
                            arguments: StatementArguments(values))
                        count += db.changesCount
                    }
                    copied[table] = count
                }
            }
            try source?.close()
            // The notes are not copied, so the built-in ones must be indexed again.
            try target.setContentStamp(nil)
            try target.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try (target.writer as? DatabaseQueue)?.close()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: damaged + suffix) }
            try FileManager.default.moveItem(atPath: path, toPath: damaged)
            for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.moveItem(atPath: path + suffix, toPath: damaged + suffix)
            }
            try FileManager.default.moveItem(atPath: fresh, toPath: path)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fresh + suffix) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: describe(error))
        }
        return (copied, damaged)
    }

    /// Every row of `table` that can be read. A plain scan stops at the first damaged page, so
    /// when it fails, rows are read again by ranges of rowid, halving a range that fails until
    /// the single rows that cannot be read are passed over.
    static func readableRows(of table: String, in source: DatabaseQueue) -> [Row] {
        let name = table.quotedDatabaseIdentifier
        var rows: [Row] = []
        let scanned: Bool =
            (try? source.read { db in
                let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(name)")
                while let row = try cursor.next() { rows.append(row.copy()) }
                return true
            }) ?? false
        if scanned { return rows }
        // Rowid tables only; the highest rowid from the table, else from AUTOINCREMENT's record.
        let highest: Int64? =
            (try? source.read { db in try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(name)") })
            ?? (try? source.read { db in
                try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table])
            }) ?? nil
        guard let highest else { return rows }
        rows = []
        var ranges: [ClosedRange<Int64>] = stride(from: 1, through: highest, by: 512).map {
            $0...min($0 + 511, highest)
        }.reversed()
        while let range = ranges.popLast() {
            let found: [Row]? = try? source.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM \(name) WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
                    arguments: [range.lowerBound, range.upperBound]
                ).map { $0.copy() }
            }
            if let found {
                rows += found
            } else if range.count > 1 {
                let middle = range.lowerBound + Int64(range.count / 2)
                ranges.append(middle...range.upperBound)
                ranges.append(range.lowerBound...(middle - 1))
            }
        }
        return rows
    }
}
