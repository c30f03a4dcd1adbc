import Anki
import ArgumentParser
import Export
import Foundation
import Notes
import Store

/// `netprep import`: the user's own notes into the knowledge base.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", _superCommandName: Netprep.name,
        abstract: "Import your Markdown notes (files or folders, recursively).",
        discussion: """
            An Anki package (.apkg exported by netprep, then reviewed in Anki) brings those
            reviews back. Loose Markdown is accepted: problems are printed as file:line warnings and the note is
            imported anyway. Files that are not text are skipped with a message. Importing again
            reads only what changed; with no PATH, every folder imported before is refreshed.

            Examples:
              netprep import ~/notes
              netprep import 网络.md tcp/
              netprep import --json ~/notes | jq .added
              netprep import --explain 网络.md     # how it reads; nothing imported
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Markdown files or folders.", completion: .file())
    var paths: [String] = []

    @Flag(help: "Print a JSON summary instead of text.")
    var json = false

    @Flag(name: .shortAndLong, help: "Do not print lint warnings.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every warning, not one line per kind and file.")
    var verbose = false

    @Flag(help: "Show how the files read (topics, cards, warnings with fixes) without importing them.")
    var explain = false

    struct Summary: Encodable {
        var scanned, added, updated, unchanged, removed: Int
        var skipped: [String]
        var warnings: [LintWarning]
    }

    func run() throws {
        if explain {
            guard !paths.isEmpty else { throw ValidationError("--explain needs the files or folders to explain") }
            return try reportingErrors { try LintCommand.explain(paths, json: json) }
        }
        try reportingErrors {
            let database = try global.openDatabase(remindsToImport: false)
            let packages = paths.filter { $0.lowercased().hasSuffix(".apkg") }
            for package in packages {
                let report = try AnkiHistoryImport(database: database).importReviews(from: URL(fileURLWithPath: package))
                if json {
                    try Console.printJSON(report)
                } else {
                    Console.note(
                        "\(package): \(report.importedReviews) reviews from Anki for \(report.matchedNotes) netprep notes; \(report.knownReviews) already known; \(report.foreignNotes) notes not from netprep left alone"
                    )
                }
            }
            let markdownPaths = paths.filter { !$0.lowercased().hasSuffix(".apkg") }
            if !packages.isEmpty && markdownPaths.isEmpty { return }
            let importer = Importer(database: database, demoProblem: DemoNames.problem)
            let progress = Console.progress("importing")
            let report =
                markdownPaths.isEmpty
                ? try importer.refreshKnownRoots(origin: .user, progress: progress)
                : try importer.importPaths(markdownPaths, origin: .user, progress: progress)
            if json {
                try Console.printJSON(
                    Summary(
                        scanned: report.scanned, added: report.added, updated: report.updated, unchanged: report.unchanged,
                        removed: report.removed, skipped: report.skipped, warnings: report.warnings))
                return
            }
            if !quiet {
                for line in WarningSummary.lines(report.warnings, verbose: verbose) { Console.note(line) }
            }
            for message in report.skipped { Console.warn(message) }
            if markdownPaths.isEmpty && report.scanned == 0 && report.removed == 0 {
                Console.note("nothing imported yet: netprep import PATH...")
                return
            }
            var parts = ["\(report.added) new", "\(report.updated) updated", "\(report.unchanged) unchanged"]
            if report.removed > 0 { parts.append("\(report.removed) removed") }
            if !report.skipped.isEmpty { parts.append("\(report.skipped.count) skipped") }
            let count = report.warnings.filter { !$0.isHint }.count
            var warnings = count == 0 ? "" : "; \(count) warning\(count == 1 ? "" : "s")"
            if count > 0 && !verbose { warnings += " (netprep lint FILE shows how a file reads)" }
            Console.note("\(report.scanned) file\(report.scanned == 1 ? "" : "s"): \(parts.joined(separator: ", "))\(warnings)")
        }
    }
}
