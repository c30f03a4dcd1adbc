import Basics
import Crypto
import Foundation
import GRDB
import Notes

/// Where a note came from: netprep's own `content/` or the user's files.
public enum NoteOrigin: String, Sendable, Codable {
    case builtin
    case user
}

/// What one import did.
public struct ImportReport: Sendable, Equatable {
    /// Markdown files looked at.
    public var scanned = 0
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0
    /// Bytes of Markdown parsed (unchanged files are not read).
    public var bytesParsed = 0
    /// Files refused (binary, invalid UTF-8, unreadable), one message each naming the file.
    public var skipped: [String] = []
    public var warnings: [LintWarning] = []
    /// FTS5 merged no segments while this import wrote (`Importer.mergeSearchSegments`).
    var searchMergesPaused = false

    /// Whether the import changed the database at all.
    public var wroteNothing: Bool { added == 0 && updated == 0 && removed == 0 }
}

/// Progress of a long import: files done out of files to read.
public typealias ImportProgress = @Sendable (_ done: Int, _ total: Int) -> Void

/// Brings the index up to date with Markdown files on disk, incrementally.
///
/// A file whose size and modification time are unchanged is not even read; one whose bytes
/// hash the same is not parsed; a changed file replaces only its own rows; a file gone from an
/// imported folder leaves the index (its cards and their reviews stay, retired).
public struct Importer: Sendable {
    public let database: AppDatabase
    /// Checks a demo call from a ```` ```demo ```` block or a card: what is wrong with it (an
    /// unknown name, an option the demo does not take or a value it cannot use), or nil. What
    /// it says becomes a lint warning at the call's line.
    public var demoProblem: (@Sendable (DemoCall) -> String?)?

    public init(database: AppDatabase, demoProblem: (@Sendable (DemoCall) -> String?)? = nil) {
        self.database = database
        self.demoProblem = demoProblem
    }

    /// A warning at each demo call of `note` (its demo blocks and its cards' demos, each call
    /// once) of which `problem` says something.
    public static func demoWarnings(in note: Note, file: String, problem: (DemoCall) -> String?) -> [LintWarning] {
        var seen = Set<DemoCall>()
        var warnings: [LintWarning] = []
        for demo in note.demos + note.cards.compactMap(\.demo) where seen.insert(demo.call).inserted {
            if let message = problem(demo.call) { warnings.append(LintWarning(file: file, line: demo.line, message: message)) }
        }
        return warnings
    }

    /// Imports files and folders (recursively: `*.md`, `*.markdown`; hidden folders skipped).
    /// - Throws: `StoreError.cannotOpen` when a path does not exist or the database fails;
    ///   single bad files do not throw, they are reported in `skipped`.
    public func importPaths(_ paths: [String], origin: NoteOrigin, progress: ImportProgress? = nil) throws -> ImportReport {
        var report = ImportReport()
        for source in try Self.sources(paths) {
            try importRoot(
                source.root, files: source.files, isDirectory: source.isDirectory, origin: origin, report: &report,
                progress: progress)
        }
        try mergeSearchSegments(after: report)
        return report
    }

    /// The Markdown files a command line names: each path's root (absolute), its files (a folder
    /// walked, a file as given) and whether it is a folder.
    /// - Throws: `StoreError.badQuery` naming a path that does not exist.
    public static func sources(_ paths: [String]) throws -> [(root: String, files: [String], isDirectory: Bool)] {
        try paths.map { path in
            let root = URL(fileURLWithPath: path).standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw StoreError.badQuery("no such file or folder: \(path)")
            }
            return (root, isDirectory.boolValue ? markdownFiles(under: root) : [root], isDirectory.boolValue)
        }
    }

    /// Re-imports every folder or file imported before with this origin; roots that no longer
    /// exist lose their notes.
    public func refreshKnownRoots(origin: NoteOrigin, progress: ImportProgress? = nil) throws -> ImportReport {
        let roots = try database.writer.read { db in
            try ImportRootRecord.filter(ImportRootRecord.Columns.origin == origin.rawValue)
                .order(ImportRootRecord.Columns.path).fetchAll(db).map(\.path)
        }
        var report = ImportReport()
        for root in roots {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) {
                let files = isDirectory.boolValue ? Self.markdownFiles(under: root) : [root]
                try importRoot(
                    root, files: files, isDirectory: isDirectory.boolValue, origin: origin, report: &report, progress: progress)
            } else {
                try importRoot(root, files: [], isDirectory: true, origin: origin, report: &report, progress: progress)
            }
        }
        try mergeSearchSegments(after: report)
        return report
    }

    /// Merges the search index into one segment after an import that wrote a quarter of the
    /// notes or more, and gives FTS5 its own merging back.
    ///
    /// FTS5 writes a segment at every commit of a batch and merges them only now and then: the
    /// benchmark's 5,000 files left 15. A query walks every segment, and each row a search
    /// shows is found again in all of them: one segment took 30% off a search there (callgrind,
    /// `congestion`; 11 to 23% for other words). The merge rewrites the whole index (1.3 s for
    /// 112 MB of notes), so a small edit leaves it to FTS5. A first import pauses FTS5's merging
    /// while it writes (`SearchIndexMerging`): its segments are merged here once, not again and
    /// again on the way (the 5,000 files in 15.0 to 15.9 s instead of 17.3 to 19.4, alternating
    /// runs).
    func mergeSearchSegments(after report: ImportReport) throws {
        let written = report.added + report.updated
        guard written > 0 || report.searchMergesPaused else { return }
        try database.writer.write { db in
            // Also after an import that was stopped while merges were paused.
            try SearchIndexMerging.resume(db)
            guard try report.searchMergesPaused || written * 4 >= NoteRecord.fetchCount(db) else { return }
            try db.execute(sql: "INSERT INTO topic_fts(topic_fts) VALUES ('optimize')")
        }
    }

    // MARK: - One root

    private struct KnownFile {
        var id: Int64
        var hash: String
        var size: Int64
        var mtime: Double
        /// The `NoteParser.version` that read it: an older one means the file is read again.
        var parser: Int
    }

    fileprivate enum Outcome: Sendable {
        case unchanged
        case touched(size: Int64, mtime: Double)
        /// `sameBytes`: the file did not change, a newer parser read it again.
        case parsed(Note, hash: String, size: Int64, mtime: Double, sameBytes: Bool)
        case skipped(String)
    }

    /// What an import knew of each file under a folder, read from the `note_known` index alone.
    static let knownFilesSQL = "SELECT id, file, hash, size, mtime, parser FROM note WHERE root = ?"

    private func importRoot(
        _ root: String, files: [String], isDirectory: Bool, origin: NoteOrigin, report: inout ImportReport,
        progress: ImportProgress?
    ) throws {
        let known = try database.writer.read { db -> [String: KnownFile] in
            var known: [String: KnownFile] = [:]
            let rows = try Row.fetchCursor(db, sql: Self.knownFilesSQL, arguments: [root])
            while let row = try rows.next() {
                known[row["file"]] = KnownFile(
                    id: row["id"], hash: row["hash"], size: row["size"], mtime: row["mtime"], parser: row["parser"])
            }
            return known
        }
        let rootExists = try database.writer.read { db in
            try ImportRootRecord.exists(db, key: root)
        }
        if !rootExists {
            try database.writer.write { db in
                try ImportRootRecord(path: root, origin: origin, addedAt: Date().timeIntervalSince1970)
                    .insert(db, onConflict: .ignore)
            }
        }
        report.scanned += files.count
        // Many new files (a first import): FTS5 merges no segments while they are written, and
        // the import merges them all once at the end.
        let newFiles = files.lazy.filter { known[$0] == nil }.count
        let pausesMerges = try newFiles > 0 && newFiles * 4 >= database.writer.read(NoteRecord.fetchCount) + newFiles

        // Batches are read and parsed on other threads while the previous one is written, so
        // parsing (all cores) and SQLite (one writer) overlap.
        let batchSize = 128
        let batches = stride(from: 0, to: files.count, by: batchSize).map { Array(files[$0..<min($0 + batchSize, files.count)]) }
        let parsed = BatchPipeline(count: batches.count, ahead: 2) { index in
            Self.readAndParse(batches[index], root: root, isDirectory: isDirectory, known: known)
        }
        defer { parsed.cancel() }
        var done = 0
        for (index, batch) in batches.enumerated() {
            let outcomes = parsed.take(index)
            var writes: [(file: String, outcome: Outcome)] = []
            for (file, outcome) in zip(batch, outcomes) {
                switch outcome {
                case .unchanged:
                    report.unchanged += 1
                case .touched:
                    report.unchanged += 1
                    writes.append((file, outcome))
                case .parsed(let note, _, let size, _, _):
                    report.bytesParsed += Int(size)
                    if known[file] == nil { report.added += 1 } else { report.updated += 1 }
                    report.warnings += note.warnings
                    if let demoProblem { report.warnings += Self.demoWarnings(in: note, file: file, problem: demoProblem) }
                    writes.append((file, outcome))
                case .skipped(let message):
                    report.skipped.append(message)
                }
            }
            if !writes.isEmpty {
                try database.writer.write { db in
                    if pausesMerges && !report.searchMergesPaused {
                        try SearchIndexMerging.pause(db)
                        report.searchMergesPaused = true
                    }
                    var fts = FTSWrites()
                    for (file, outcome) in writes {
                        try write(outcome, file: file, root: root, origin: origin, existing: known[file]?.id, fts: &fts, db: db)
                    }
                    try fts.apply(db)
                }
            }
            done += batch.count
            progress?(done, files.count)
        }

        let present = Set(files)
        let gone = known.filter { !present.contains($0.key) }
        if !gone.isEmpty {
            try database.writer.write { db in
                for (_, file) in gone { try NoteWriter.delete(noteID: file.id, db: db) }
            }
            report.removed += gone.count
        }
    }

    /// Reads, hashes and parses a batch of files on all cores; the database is not touched.
    private static func readAndParse(_ files: [String], root: String, isDirectory: Bool, known: [String: KnownFile]) -> [Outcome]
    {
        let results = Slots<Outcome>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results.set(index, Self.readAndParse(files[index], root: root, isDirectory: isDirectory, known: known[files[index]]))
        }
        return results.values
    }

    private static func readAndParse(_ file: String, root: String, isDirectory: Bool, known: KnownFile?) -> Outcome {
        var info = stat()
        guard stat(file, &info) == 0 else { return .skipped("\(file): skipped: cannot read it") }
        let size = Int64(info.st_size)
        let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        let current = known.map { $0.parser == NoteParser.version } ?? false
        if let known, current, known.size == size, known.mtime == mtime { return .unchanged }
        guard let data = FileManager.default.contents(atPath: file) else {
            return .skipped("\(file): skipped: cannot read it (permissions?)")
        }
        let bytes = [UInt8](data)
        let hash = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        if let known, current, known.hash == hash { return .touched(size: size, mtime: mtime) }
        do {
            let note = try NoteParser().parse(
                bytes: bytes, file: file, defaultID: defaultID(file: file, root: root, isDirectory: isDirectory))
            return .parsed(note, hash: hash, size: size, mtime: mtime, sameBytes: known?.hash == hash)
        } catch {
            return .skipped(error.description)
        }
    }

    /// A note without an `id` is known by its path below the imported folder, without the
    /// extension: `network/tcp` for `~/notes/network/tcp.md`.
    public static func defaultID(file: String, root: String, isDirectory: Bool) -> String {
        var relative = file
        if isDirectory, file.hasPrefix(root + "/") {
            relative = String(file.dropFirst(root.count + 1))
        } else {
            relative = (file as NSString).lastPathComponent
        }
        for suffix in [".markdown", ".md"] where relative.lowercased().hasSuffix(suffix) {
            relative = String(relative.dropLast(suffix.count))
        }
        return relative.replacingOccurrences(of: " ", with: "-")
    }

    private func write(
        _ outcome: Outcome, file: String, root: String, origin: NoteOrigin, existing: Int64?, fts: inout FTSWrites,
        db: Database
    ) throws {
        switch outcome {
        case .touched(let size, let mtime):
            try NoteRecord.filter(NoteRecord.Columns.file == file)
                .updateAll(db, NoteRecord.Columns.size.set(to: size), NoteRecord.Columns.mtime.set(to: mtime))
        case .parsed(let note, let hash, let size, let mtime, let sameBytes):
            try NoteWriter.replace(
                note: note, file: file, root: root, origin: origin, hash: hash, size: size, mtime: mtime, existing: existing,
                sameBytes: sameBytes, fts: &fts, db: db)
        case .unchanged, .skipped:
            break
        }
    }

    /// The Markdown files below `root` (`*.md`, `*.markdown`, any case), sorted: hidden files and
    /// folders skipped, symbolic links not followed, `node_modules` and a Logseq graph's
    /// `logseq/` folder (its settings and backup copies of pages) left out.
    ///
    /// Walked with `readdir`, whose entries carry their type: Foundation's enumerator asked for
    /// each file's attributes, reading `/etc/passwd` and `/etc/group` for its owner every time
    /// (ten system calls a file, most of a re-import that finds nothing to do).
    public static func markdownFiles(under root: String) -> [String] {
        var files: [String] = []
        var folders = [root]
        while let folder = folders.popLast() {
            guard let directory = opendir(folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                    String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
                }
                guard !name.hasPrefix(".") else { continue }
                let path = folder == "/" ? "/" + name : folder + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(path, &info) == 0 else { continue }
                    type =
                        (info.st_mode & S_IFMT) == S_IFDIR
                        ? UInt8(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
                }
                if type == UInt8(DT_DIR) {
                    if name == "node_modules" { continue }
                    if name == "logseq", access(path + "/config.edn", F_OK) == 0 { continue }
                    folders.append(path)
                } else if type == UInt8(DT_REG) {
                    let lower = name.lowercased()
                    if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { files.append(path) }
                }
            }
        }
        return files.sorted()
    }
}

/// Work items computed in order on a background thread, at most `ahead` items before the one
/// taken, so the producer never runs away with memory.
private final class BatchPipeline<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Int: Value] = [:]
    private var taken = 0
    private var cancelled = false

    init(count: Int, ahead: Int, make: @escaping @Sendable (Int) -> Value) {
        let thread = Thread { [self] in
            for index in 0..<count {
                condition.lock()
                while index >= taken + ahead && !cancelled { condition.wait() }
                let stop = cancelled
                condition.unlock()
                if stop { return }
                let value = make(index)
                condition.lock()
                ready[index] = value
                condition.broadcast()
                condition.unlock()
            }
        }
        thread.start()
    }

    /// The item at `index`, waiting for it; items must be taken in order.
    func take(_ index: Int) -> Value {
        condition.lock()
        defer { condition.unlock() }
        while ready[index] == nil { condition.wait() }
        taken = index + 1
        condition.broadcast()
        return ready.removeValue(forKey: index)!
    }

    /// Stops the producer after the item it is working on.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Results written from many threads, one slot each.
private final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.withLock { storage[index] = value }
    }

    var values: [Value] { lock.withLock { storage.map { $0! } } }
}

extension AppDatabase {
    /// Whether some notes of this origin were read by an older `NoteParser` and would read
    /// better after `netprep import` (which parses them again and keeps every review).
    public func hasNotesFromOlderParser(origin: NoteOrigin) throws -> Bool {
        try writer.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM note WHERE parser < ? AND origin = ? LIMIT 1",
                arguments: [NoteParser.version, origin.rawValue]) ?? false
        }
    }

    /// Takes every note of one origin out of the index (`--no-builtin`), or those of its other
    /// import roots when `keeping` names the one in use (the built-in notes read from a moved
    /// or second checkout); cards and reviews stay.
    public func removeNotes(origin: NoteOrigin, keeping root: String? = nil) throws {
        // Notes come from import roots: with none of this origin there is nothing to scan.
        let otherRoots = ImportRootRecord.filter(
            ImportRootRecord.Columns.origin == origin.rawValue && ImportRootRecord.Columns.path != root)
        let ids = try writer.read { db -> [Int64]? in
            // Every command with `--no-builtin` asks this first: one statement written once, not
            // the query interface's SQL built again (190,000 instructions a command).
            let anyOther = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM import_root WHERE origin = ? AND path IS NOT ? LIMIT 1"),
                arguments: [origin.rawValue, root])
            guard anyOther ?? false else { return nil }
            return try NoteRecord.select(NoteRecord.Columns.id, as: Int64.self)
                .filter(NoteRecord.Columns.origin == origin.rawValue && NoteRecord.Columns.root != root).fetchAll(db)
        }
        guard let ids else { return }
        try writer.write { db in
            for id in ids { try NoteWriter.delete(noteID: id, db: db) }
            _ = try otherRoots.deleteAll(db)
        }
    }
}

/// FTS5's own merging of the index's segments, paused while a first import writes.
///
/// Both settings are kept in the index (`topic_fts_config`), so that a stopped import leaves
/// them paused until the next import that writes resumes them.
enum SearchIndexMerging {
    /// Merges none as segments are written (`automerge` 0), and none in a hurry below 64
    /// segments a level (`crisismerge`).
    static func pause(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO topic_fts(topic_fts, rank) VALUES ('automerge', 0)")
        try db.execute(sql: "INSERT INTO topic_fts(topic_fts, rank) VALUES ('crisismerge', 64)")
    }

    /// FTS5's defaults.
    static func resume(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO topic_fts(topic_fts, rank) VALUES ('automerge', 4)")
        try db.execute(sql: "INSERT INTO topic_fts(topic_fts, rank) VALUES ('crisismerge', 16)")
    }
}
