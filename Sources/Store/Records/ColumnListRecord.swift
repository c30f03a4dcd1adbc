import GRDB

/// A table's columns in the order its record lists their values, with the statements that
/// insert a row, written once.
struct TableColumns: Sendable {
    let table: String
    let names: [String]
    private let columnsAndValues: String
    private let insert: String
    private let insertOrReplace: String
    private let insertOrIgnore: String

    init(table: String, _ names: [String]) {
        self.table = table
        self.names = names
        columnsAndValues =
            "(" + names.joined(separator: ", ") + ") VALUES (" + names.map { _ in "?" }.joined(separator: ", ") + ")"
        insert = "INSERT INTO \(table) " + columnsAndValues
        insertOrReplace = "INSERT OR REPLACE INTO \(table) " + columnsAndValues
        insertOrIgnore = "INSERT OR IGNORE INTO \(table) " + columnsAndValues
    }

    /// The statement that inserts one row, written once for the conflict clauses netprep uses.
    func insertSQL(onConflict conflict: Database.ConflictResolution) -> String {
        switch conflict {
        case .abort: insert
        case .replace: insertOrReplace
        case .ignore: insertOrIgnore
        case .rollback, .fail: "INSERT OR \(conflict.rawValue) INTO \(table) " + columnsAndValues
        }
    }
}

/// A record that lists its values in the order of its table's columns (`columns`).
///
/// GRDB persists it through them (`encode(to:)`), and reads it with `init(row:)`. An import
/// writes hundreds of thousands of rows: it inserts them with `insertRow`, through one prepared
/// statement a table, without GRDB's per-row work of filling a container and finding the
/// statement for its columns. With GRDB's `insert` for every row, importing the benchmark's
/// 5,000 files took 18% longer (callgrind: 15% more instructions, 300 files); with `insertRow`,
/// 2% more instructions than the SQL it replaced (GRDB does not specialize its generic
/// `StatementArguments` initializer for another module).
protocol ColumnListRecord: EncodableRecord, TableRecord {
    static var columns: TableColumns { get }
    /// One value a column, in the order of `columns.names`.
    var values: [(any DatabaseValueConvertible)?] { get }
}

extension ColumnListRecord {
    func encode(to container: inout PersistenceContainer) throws {
        for (name, value) in zip(Self.columns.names, values) { container[name] = value }
    }

    /// Inserts the row through the connection's cached statement.
    func insertRow(_ db: Database, onConflict: Database.ConflictResolution = .abort) throws {
        try db.cachedStatement(sql: Self.columns.insertSQL(onConflict: onConflict))
            .execute(arguments: StatementArguments(values))
    }
}

extension ColumnListRecord where Self: MutablePersistableRecord {
    /// Inserts the row of a record whose id SQLite gives (`AUTOINCREMENT`, the id nil); returns the id.
    func insertRowForID(_ db: Database) throws -> Int64 {
        try insertRow(db)
        return db.lastInsertedRowID
    }
}
