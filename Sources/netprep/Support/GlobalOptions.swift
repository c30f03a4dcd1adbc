import ArgumentParser
import Basics
import Demos
import Foundation
import Models
import Notes
import Store

/// Options every command that reads the knowledge base takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file.", valueName: "file"))
    var db: String?

    @Flag(name: .customLong("no-builtin"), help: "Use only your own notes, not the built-in ones.")
    var noBuiltin = false

    /// `--db`, then `NETPREP_DB`, then `$XDG_DATA_HOME/netprep/netprep.sqlite`
    /// (`~/.local/share/netprep/netprep.sqlite`).
    var databasePath: String { Self.databasePath(db) }

    static func databasePath(_ db: String?) -> String {
        if let db { return db }
        if let path = ProcessEnvironment.nonEmpty("NETPREP_DB") { return path }
        let dataHome =
            ProcessEnvironment.nonEmpty("XDG_DATA_HOME")
            ?? (ProcessEnvironment.home as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("netprep/netprep.sqlite")
    }

    var usesBuiltin: Bool { Self.usesBuiltin(noBuiltin: noBuiltin) }

    /// The same options for `QuickArguments`, which every plain reading accepts.
    static let quickFlags: Set<String> = ["--no-builtin"]
    static let quickOptions: Set<String> = ["--db"]

    /// The line with the global options written before the command moved after it:
    /// `netprep --db FILE import notes/` reads as `netprep import notes/ --db FILE`, as `git -C`
    /// or `docker --host` are written. Unchanged when no command follows them.
    static func movedAfterCommand(_ arguments: [String], isCommand: (String) -> Bool) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if quickFlags.contains(word) || quickOptions.contains(where: { word.hasPrefix($0 + "=") }) {
                leading.append(word)
                index += 1
            } else if quickOptions.contains(word), index + 1 < arguments.count {
                leading += arguments[index...index + 1]
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count, isCommand(arguments[index]) else { return arguments }
        // Before a `--`, after which every word is an argument.
        var rest = Array(arguments[index...])
        rest.insert(contentsOf: leading, at: rest.firstIndex(of: "--") ?? rest.endIndex)
        return rest
    }

    /// The database and whether the built-in notes join it, from a plain reading of the options.
    static func location(_ quick: QuickArguments) -> (path: String, usesBuiltin: Bool) {
        (databasePath(quick.values["--db"]), usesBuiltin(noBuiltin: quick.flags.contains("--no-builtin")))
    }

    /// Opens the database as `openDatabase()` does, from a plain reading of the options.
    static func openDatabase(_ quick: QuickArguments) throws -> AppDatabase {
        let (path, usesBuiltin) = location(quick)
        return try openDatabase(path: path, usesBuiltin: usesBuiltin)
    }

    /// The reader's language: `option` when given, else the one saved with `netprep config lang`,
    /// else the locale's.
    static func readerLanguage(_ option: Language?, database: AppDatabase?) -> Language {
        ReaderLanguage.resolve(
            option: option, database: database, environment: ProcessEnvironment.values(ReaderLanguage.localeVariables)
        ).language
    }

    static func usesBuiltin(noBuiltin: Bool) -> Bool {
        !noBuiltin && ProcessEnvironment.value("NETPREP_BUILTIN") != "0"
    }

    /// Opens the database and brings the built-in notes up to date (a few stat calls when
    /// nothing changed), or takes them out of the index with `--no-builtin`.
    /// - Parameter remindsToImport: say when the user's notes were read by an older netprep
    ///   (not for `import` itself, which reads them again).
    func openDatabase(remindsToImport: Bool = true) throws -> AppDatabase {
        try Self.openDatabase(path: databasePath, usesBuiltin: usesBuiltin, remindsToImport: remindsToImport)
    }

    /// The built-in notes are checked with one small read when their folder carries a `STAMP`
    /// (`scripts/stamp-content.sh`): the same stamp, parser and folder as last time means the
    /// index is current and no note file is touched. Without a stamp, every file is checked.
    static func openDatabase(path: String, usesBuiltin: Bool, remindsToImport: Bool = true) throws -> AppDatabase {
        let database = try AppDatabase(path: path)
        OpenDatabases.keep(database)
        if usesBuiltin {
            guard let content = BuiltinContent.locate() else {
                Console.warn("built-in notes not found; set NETPREP_CONTENT to the content/ folder, or use --no-builtin")
                return database
            }
            let stamp = BuiltinContent.stamp(of: content)
            if let stamp, try database.contentStamp() == stamp { return database }
            let report = try Importer(database: database, demoProblem: DemoNames.problem)
                .importPaths([content], origin: .builtin, progress: Console.progress("indexing built-in notes"))
            for message in report.skipped { Console.warn(message) }
            // The same notes read before from another folder (a moved or second checkout).
            try database.removeNotes(origin: .builtin, keeping: content)
            if let stamp, report.skipped.isEmpty { try database.setContentStamp(stamp) }
        } else {
            try database.removeNotes(origin: .builtin)
            if try database.contentStamp() != nil { try database.setContentStamp(nil) }
        }
        if remindsToImport, try database.hasNotesFromOlderParser(origin: .user) {
            Console.note(
                "netprep reads notes better since your last import: run `netprep import` to read yours again (every review is kept)"
            )
        }
        return database
    }
}

/// What is wrong with a demo call written in a note, for lint and import.
enum DemoNames {
    static let problem: @Sendable (DemoCall) -> String? = { call in
        do {
            try DemoCatalog.check(call)
            return nil
        } catch DemoError.unknownDemo(let name, let suggestion) {
            return "unknown demo '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? " (netprep demo list)")
        } catch {
            return "demo \(call.text): \(error)"
        }
    }
}

/// Finds the built-in `content/` folder wherever the binary runs from.
enum BuiltinContent {
    /// `NETPREP_CONTENT`; `share/netprep/content` beside an installed binary; a checkout above
    /// the binary (`.build/debug/netprep`); the checkout this binary was built from.
    static func locate() -> String? {
        let fileManager = FileManager.default
        func isContent(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return fileManager.fileExists(atPath: (path as NSString).appendingPathComponent("en"), isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        if let path = ProcessEnvironment.nonEmpty("NETPREP_CONTENT") {
            return isContent(path) ? path : nil
        }
        let executable = URL(fileURLWithPath: executablePath()).resolvingSymlinksInPath().deletingLastPathComponent()
        for relative in ["../share/netprep/content", "share/netprep/content", "content"] {
            let candidate = executable.appendingPathComponent(relative).standardizedFileURL.path
            if isContent(candidate) { return candidate }
        }
        var directory = executable
        for _ in 0..<6 {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("content").path
            if isContent(candidate), fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return candidate
            }
        }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content").path
        return isContent(checkout) ? checkout : nil
    }

    /// `content/STAMP` (a hash of every note, written by `scripts/stamp-content.sh`) with the
    /// parser version and the folder: what the index must have been made from to be current.
    static func stamp(of content: String) -> String? {
        guard let data = FileManager.default.contents(atPath: (content as NSString).appendingPathComponent("STAMP")),
            let text = String(data: data, encoding: .utf8)?.trimmingSpaces(), !text.isEmpty
        else { return nil }
        return "\(NoteParser.version) \(content) \(text)"
    }

    private static func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return CommandLine.arguments.first ?? "."
    }
}
