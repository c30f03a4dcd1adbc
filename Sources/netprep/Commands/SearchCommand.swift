import ArgumentParser
import Basics
import Foundation
import Notes
import Store

/// `netprep search`: full-text search, Chinese and English.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", _superCommandName: Netprep.name,
        abstract: "Search the notes, in Chinese or English.",
        discussion: """
            Every word must match; when few sections match them all, sections that match some
            follow, best first. Titles weigh more than aliases, aliases more than text.

            Examples:
              netprep search 三次握手
              netprep search "TCP 拥塞控制" --limit 5
              netprep search handshake --topic tcp --json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "What to look for.")
    var query: [String]

    @Option(name: .shortAndLong, help: "At most this many results.")
    var limit = Self.defaultLimit

    @Option(help: ArgumentHelp("Only topics at or below this id (e.g. tcp).", valueName: "id"))
    var topic: String?

    @Option(help: ArgumentHelp("Only notes in this language: en or zh.", valueName: "lang"))
    var lang: Language?

    @Flag(help: "List a topic written in both languages twice, once in each (default: once, in yours).")
    var allLangs = false

    @Flag(help: "Print JSON Lines: id, title, path, file, line, snippet, score.")
    var json = false

    func validate() throws {
        try Self.check(query: query, limit: limit)
    }

    static let defaultLimit = 10

    static func check(query: [String], limit: Int) throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
        guard !query.joined().trimmingSpaces().isEmpty else {
            throw ValidationError("type something to search for")
        }
    }

    func run() throws {
        try Self.search(
            query.joined(separator: " "), limit: limit, topic: topic, language: lang, allLanguages: allLangs, json: json,
            databasePath: global.databasePath, usesBuiltin: global.usesBuiltin)
    }

    static func search(
        _ text: String, limit: Int, topic: String?, language: Language?, allLanguages: Bool, json: Bool, databasePath: String,
        usesBuiltin: Bool
    ) throws {
        try reportingErrors {
            let database = try GlobalOptions.openDatabase(path: databasePath, usesBuiltin: usesBuiltin)
            let reader = allLanguages ? nil : GlobalOptions.readerLanguage(nil, database: database)
            let hits = try database.search(text, limit: limit, topic: topic, language: language, reader: reader)
            if json {
                for var hit in hits {
                    hit.snippet = hit.snippet(marking: "**", "**")
                    try Console.printJSON(hit)
                }
                return
            }
            if hits.isEmpty {
                Console.note("no matches for '\(text)'")
                return
            }
            for hit in hits {
                let location = Console.dim("\(Console.shortPath(hit.file)):\(hit.line)")
                print("\(Console.bold(hit.path.joined(separator: " › ")))  \(Console.accent(hit.id))")
                let marked =
                    Console.useColor
                    ? hit.snippet(marking: "\u{1B}[1;33m", "\u{1B}[0m", lineBreak: " ")
                    : hit.snippet(marking: "**", "**", lineBreak: " ")
                print("  \(marked)")
                print("  \(location)")
            }
        }
    }

    /// `netprep search` in its plain forms (`QuickArguments`); false for any other.
    static func quickRun(_ arguments: [String]) throws -> Bool {
        guard
            let quick = QuickArguments(
                arguments, flags: ["--json", "--all-langs"], options: ["--limit", "--topic", "--lang"],
                aliases: ["-l": "--limit"],
                positionals: 1...Int.max),
            let limit = quick.value("--limit", or: defaultLimit),
            let language: Language? = quick.optionalValue("--lang"),
            (try? check(query: quick.positionals, limit: limit)) != nil
        else { return false }
        let (path, usesBuiltin) = GlobalOptions.location(quick)
        try search(
            quick.positionals.joined(separator: " "), limit: limit, topic: quick.values["--topic"], language: language,
            allLanguages: quick.flags.contains("--all-langs"), json: quick.flags.contains("--json"), databasePath: path,
            usesBuiltin: usesBuiltin)
        return true
    }
}

extension Language: ExpressibleByArgument {}
