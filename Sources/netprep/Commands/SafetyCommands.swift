import ArgumentParser
import Foundation
import Store

/// `netprep backup FILE`: a copy of the whole database, reviews and all.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", _superCommandName: Netprep.name,
        abstract: "Copy your database (every review, card state and setting) to a file.",
        discussion: """
            The copy is consistent even while a quiz runs in another terminal (SQLite's
            online backup). 'netprep restore FILE' puts it back.

            Examples:
              netprep backup ~/netprep-2026-12-07.sqlite
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Where to write the copy.", valueName: "file"))
    var file: String

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        try reportingErrors {
            let target = (file as NSString).expandingTildeInPath
            var isFolder: ObjCBool = false
            let parent = ((target as NSString).standardizingPath as NSString).deletingLastPathComponent
            guard FileManager.default.fileExists(atPath: parent.isEmpty ? "." : parent, isDirectory: &isFolder),
                isFolder.boolValue
            else { throw ValidationError("the folder \(parent) does not exist; create it or choose another file") }
            guard (target as NSString).standardizingPath != (global.databasePath as NSString).standardizingPath else {
                throw ValidationError("the backup must be another file than the database itself")
            }
            let contents = try AppDatabase(path: global.databasePath).backUp(to: target)
            if json {
                try Console.printJSON(Report(file: target, contents: contents))
            } else {
                print(
                    "Backed up \(contents.reviews) reviews of \(contents.cardsSeen) cards to \(target) (\(Self.size(contents.bytes)))."
                )
            }
        }
    }

    static func size(_ bytes: Int64) -> String {
        ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file)
    }

    struct Report: Encodable {
        var file: String
        var contents: AppDatabase.Contents

        enum CodingKeys: String, CodingKey { case file, reviews, cardsSeen = "cards_seen", bytes }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(contents.reviews, forKey: .reviews)
            try container.encode(contents.cardsSeen, forKey: .cardsSeen)
            try container.encode(contents.bytes, forKey: .bytes)
        }
    }
}

/// `netprep restore FILE`: a backup back in place, the current database kept aside.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", _superCommandName: Netprep.name,
        abstract: "Put a backup made by 'netprep backup' back in place of your database.",
        discussion: """
            The backup is checked first; nothing changes when it is not a readable netprep
            database. Your database as it is now is kept as DATABASE.before-restore.

            Examples:
              netprep restore ~/netprep-2026-12-07.sqlite
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The backup to restore.", valueName: "file"))
    var file: String

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        try reportingErrors {
            let source = (file as NSString).expandingTildeInPath
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source, isDirectory: &isFolder) else {
                throw ValidationError("no file named \(file)")
            }
            guard !isFolder.boolValue else { throw ValidationError("\(file) is a folder; give the backup file itself") }
            let (restored, previous) = try AppDatabase.restore(from: source, to: global.databasePath)
            if json {
                try Console.printJSON(["reviews": restored.reviews, "cards_seen": restored.cardsSeen])
                return
            }
            print("Restored \(restored.reviews) reviews of \(restored.cardsSeen) cards into \(global.databasePath).")
            if let previous { print("The database as it was is kept in \(previous).") }
        }
    }
}

/// `netprep doctor`: checks the database and mends what can be mended, keeping every review.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", _superCommandName: Netprep.name,
        abstract: "Check the database, and repair it without losing a review.",
        discussion: """
            Checks the file (SQLite's integrity check), the links between rows, the search
            index against the notes it indexes, and each card's memory state against its
            newest review. --repair rebuilds the search index, drops rows that point at
            nothing and restores memory states from the review log. When the file itself
            is damaged, --salvage copies every review, state and setting that can still be
            read into a new database and keeps the damaged file beside it; the notes are
            indexed again from their files.

            Exit status: 0 when all is well (after a repair), 1 when problems remain.

            Examples:
              netprep doctor
              netprep doctor --repair
              netprep doctor --salvage
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Mend what can be mended without losing a review.")
    var repair = false

    @Flag(help: "Copy what can be read of a damaged database into a new one.")
    var salvage = false

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        try reportingErrors {
            let path = global.databasePath
            if salvage {
                guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no database at \(path)") }
                let (copied, damaged) = try AppDatabase.salvage(path)
                if json {
                    try Console.printJSON(["copied": AnyEncodable(copied), "damaged": AnyEncodable(damaged)])
                } else {
                    print("Copied what could be read of \(path) into a new database:")
                    for table in ["review", "card_state", "card", "card_rename", "setting", "import_root"] {
                        print("  \(table): \(copied[table] ?? 0) rows")
                    }
                    print("The damaged file is kept as \(damaged). Run 'netprep import' to index your own notes again.")
                }
                // Brings the built-in notes back into the index.
                _ = try global.openDatabase()
                return
            }
            let database: AppDatabase
            do {
                database = try AppDatabase(path: path)
            } catch StoreError.corrupt {
                Console.warn(
                    "\(path) is damaged beyond repair in place; 'netprep doctor --salvage' copies every review that can be read")
                throw ExitCode.failure
            }
            var findings = database.check()
            let found = findings.contains { !$0.problems.isEmpty }
            if repair && found { findings = try database.repair() }
            let remaining = findings.contains { !$0.problems.isEmpty }
            if json {
                try Console.printJSON(["repaired": AnyEncodable(repair && found), "findings": AnyEncodable(findings)])
            } else {
                for finding in findings {
                    let label = Self.labels[finding.kind] ?? finding.kind.rawValue
                    if finding.problems.isEmpty {
                        print("ok       \(label)")
                    } else {
                        print("PROBLEM  \(label): \(finding.problems.count) found")
                        for problem in finding.problems.prefix(5) { print("           \(problem)") }
                    }
                }
                if repair && found && !remaining {
                    print("Repaired; every review is kept.")
                } else if remaining {
                    let damaged = findings.contains { $0.kind == .integrity && !$0.problems.isEmpty }
                    print(
                        !damaged
                            ? "'netprep doctor --repair' mends these without losing a review."
                            : "The file is damaged: 'netprep doctor --salvage' copies every review that can be read, "
                                + "or 'netprep restore BACKUP'.")
                }
            }
            if remaining { throw ExitCode.failure }
        }
    }

    static let labels: [AppDatabase.Finding.Kind: String] = [
        .integrity: "database file (integrity check)",
        .foreignKeys: "links between rows",
        .searchIndex: "search index",
        .cardStates: "card memory states against the review log",
    ]
}

/// Any encodable value, for JSON objects with mixed values.
struct AnyEncodable: Encodable {
    let value: any Encodable

    init(_ value: any Encodable) {
        self.value = value
    }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
