import Anki
import ArgumentParser
import Basics
import Export
import Foundation
import Notes
import Store

/// `netprep export anki|csv|md`: cards for Anki or for print.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", _superCommandName: Netprep.name,
        abstract: "Export cards to Anki (.apkg or text) or printable Markdown.",
        discussion: """
            Each card becomes an Anki note in the deck netprep::<Folder>::<note title>, tagged with \
            its note's front matter tags. Notes keep the same GUID in every export, so importing \
            a newer export updates them instead of adding copies.

            Examples:
              netprep export anki --out netprep.apkg
              netprep export anki --out tcp.apkg --topic tcp --lang zh --no-history
              netprep export csv --out netprep.txt
              netprep export md --out cards/
            """,
        subcommands: [AnkiPackageCommand.self, AnkiTextCommand.self, MarkdownCommand.self]
    )
}

/// Which cards, in which language.
struct ExportSelectionOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("Only cards of this topic: a note id (tcp.congestion), a prefix (tcp) or a folder.", valueName: "id"))
    var topic: String?

    @Option(help: "Preferred language (en or zh; default: yours, netprep config); a card without it comes in the other.")
    var lang: ExportLanguage?

    @Flag(help: "Print what was written as one JSON object on stdout.")
    var json = false

    func selection(includeHistory: Bool, database: AppDatabase) -> ExportSelection {
        let language = GlobalOptions.readerLanguage(lang.flatMap { Language(rawValue: $0.rawValue) }, database: database)
        return ExportSelection(topic: topic, lang: language, includeHistory: includeHistory)
    }
}

enum ExportLanguage: String, ExpressibleByArgument, CaseIterable {
    case en
    case zh
}

extension ExportCommand {
    struct AnkiPackageCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anki",
            abstract: "Write an Anki package (.apkg) with scheduling state and review history.",
            discussion: """
                Anki brings in the scheduling state (FSRS memory state, due date, interval) and \
                the review log only when "Import any learning progress" is ticked in its import \
                dialog, and only for cards it does not have yet.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: ExportSelectionOptions

        @Option(help: ArgumentHelp("The .apkg file to write.", valueName: "file"))
        var out: String

        @Flag(help: "Export every card as new, without scheduling state or review log.")
        var noHistory = false

        func run() throws {
            try ExportRunner.run(global: global, options: selection, includeHistory: !noHistory, format: "anki", out: out) {
                cards, url, database in
                try AnkiPackage(configuration: try SchedulingPreferences.configuration(database)).write(cards, to: url)
            }
        }
    }

    struct AnkiTextCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Write Anki's text import format (tab-separated, with header lines).",
            discussion: "Scheduling does not travel in this format: cards arrive new."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: ExportSelectionOptions

        @Option(help: ArgumentHelp("The file to write.", valueName: "file"))
        var out: String

        func run() throws {
            try ExportRunner.run(global: global, options: selection, includeHistory: false, format: "csv", out: out) {
                cards, url, _ in try AnkiText.write(cards, to: url)
            }
        }
    }

    struct MarkdownCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "md",
            abstract: "Write printable Markdown cards, one file per topic folder."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: ExportSelectionOptions

        @Option(help: ArgumentHelp("The folder to write into (created if needed).", valueName: "folder"))
        var out: String

        func run() throws {
            try ExportRunner.run(global: global, options: selection, includeHistory: false, format: "md", out: out) {
                cards, url, _ in try PrintableMarkdown.write(cards, to: url)
            }
        }
    }
}

/// The steps every export shares: open, select, write, report on stderr.
enum ExportRunner {
    /// The `--json` record: what was written, and where.
    struct Report: Encodable {
        var format: String
        var out: String
        var summary: ExportSummary

        func encode(to encoder: any Encoder) throws {
            try summary.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(format, forKey: .format)
            try container.encode(out, forKey: .out)
        }

        enum Keys: String, CodingKey { case format, out }
    }

    static func run(
        global: GlobalOptions, options: ExportSelectionOptions, includeHistory: Bool, format: String, out: String,
        write: ([ExportCard], URL, AppDatabase) throws -> ExportSummary
    ) throws {
        let url = URL(fileURLWithPath: (out as NSString).expandingTildeInPath)
        var isDirectory: ObjCBool = false
        let parent = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("the folder \(parent) does not exist; create it or choose another --out")
        }
        try reportingErrors {
            let database = try global.openDatabase()
            let cards = try database.exportCards(options.selection(includeHistory: includeHistory, database: database))
            guard !cards.isEmpty else {
                Console.warn("no cards to export; netprep import PATH adds your notes")
                throw ExitCode.failure
            }
            let summary: ExportSummary
            do {
                summary = try write(cards, url, database)
            } catch let error as ExportError {
                Console.warn(error.description)
                throw ExitCode.failure
            }
            var message = "wrote \(summary.notes) notes"
            if summary.cards != summary.notes { message += " (\(summary.cards) cards)" }
            if summary.reviews > 0 { message += " with \(summary.reviews) reviews" }
            message += " to \(url.path)"
            if summary.skippedGenerated > 0 {
                message += "; left out \(summary.skippedGenerated) generated cards (netprep quiz draws them)"
            }
            if options.json {
                try Console.printJSON(Report(format: format, out: url.path, summary: summary))
            } else {
                Console.note(message)
            }
        }
    }
}
