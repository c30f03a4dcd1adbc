import Foundation
import Store

/// The databases a command opened, closed when it ends (`Netprep.main`) and kept until the
/// process exits.
///
/// Released, a GRDB `DatabaseQueue` removes itself from Foundation's `NotificationCenter`, whose
/// first use cost `netprep today` an eighth of its instructions (callgrind: 2.3M of 18.7M).
/// Closed here instead, each connection ends as it would have (the WAL checkpointed and removed),
/// and the process exits without releasing it.
enum OpenDatabases {
    private final class Held: @unchecked Sendable {
        let lock = NSLock()
        var databases: [AppDatabase] = []
        /// Closed, and never released.
        var closed: [AppDatabase] = []
    }

    private static let held = Held()

    static func keep(_ database: AppDatabase) {
        held.lock.withLock { held.databases.append(database) }
    }

    /// Closes every database kept so far; a failure to close loses nothing, and SQLite reopens
    /// what is left as after any interrupted process.
    static func closeAll() {
        held.lock.withLock {
            for database in held.databases {
                do {
                    try database.writer.close()
                } catch {
                    Console.warn("could not close the database: \(error)")
                }
            }
            held.closed += held.databases
            held.databases.removeAll()
        }
    }
}
