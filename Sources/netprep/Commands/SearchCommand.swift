import ArgumentParser
import Basics
import Foundation
import Notes
import Store

/// `netprep search`: full-text search, Chinese and English.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", _superCommandName: "netprep",
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
    var limit = 10

    @Option(help: ArgumentHelp("Only topics at or below this id (e.g. tcp).", valueName: "id"))
    var topic: String?

    @Option(help: ArgumentHelp("Only notes in this language: en or zh.", valueName: "lang"))
    var lang: Language?

    @Flag(help: "List a topic written in both languages twice, once in each (default: once, in yours).")
    var allLangs = false

    @Flag(help: "Print JSON Lines: id, title, path, file, line, snippet, score.")
    var json = false

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
        guard !query.joined().trimmingCharacters(in: .whitespaces).isEmpty else {
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
                let location = Console.dim("\(shortPath(hit.file)):\(hit.line)")
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

    /// The plain forms of `netprep search` (words, `--limit N`, `--topic ID`, `--lang L`, `--json`,
    /// `--all-langs`, `--db FILE`, `--no-builtin`), read without ArgumentParser: its reflection over the command
    /// costs several times the search. Anything else, `--help` or a mistake included, returns
    /// to ArgumentParser, which handles and reports it as usual.
    static func quickRun(_ arguments: [String]) {
        var words: [String] = []
        var limit = 10
        var topic: String?
        var language: Language?
        var json = false
        var allLanguages = false
        var db: String?
        var noBuiltin = false
        var index = 0
        func value() -> String? {
            index += 1
            return index < arguments.count ? arguments[index] : nil
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--json": json = true
            case "--all-langs": allLanguages = true
            case "--no-builtin": noBuiltin = true
            case "--limit", "-l":
                guard let text = value(), let number = Int(text), (1...1000).contains(number) else { return }
                limit = number
            case "--topic":
                guard let text = value() else { return }
                topic = text
            case "--lang":
                guard let text = value(), let parsed = Language(rawValue: text) else { return }
                language = parsed
            case "--db":
                guard let text = value() else { return }
                db = text
            default:
                if argument.hasPrefix("-") { return }
                words.append(argument)
            }
            index += 1
        }
        guard words.contains(where: { $0.contains { !$0.isWhitespace } }) else { return }
        let text = words.joined(separator: " ")
        do {
            try search(
                text, limit: limit, topic: topic, language: language, allLanguages: allLanguages, json: json,
                databasePath: GlobalOptions.databasePath(db), usesBuiltin: GlobalOptions.usesBuiltin(noBuiltin: noBuiltin))
            Foundation.exit(0)
        } catch {
            Foundation.exit(ExitCode.failure.rawValue)
        }
    }

    /// A path under the home folder or the current folder, shortened.
    static func shortPath(_ path: String) -> String {
        let (current, home) = folders
        if path.hasPrefix(current) { return String(path.dropFirst(current.count)) }
        if path.hasPrefix(home + "/") { return "~" + path.dropFirst(home.count) }
        return path
    }

    /// The current folder and the home folder, looked up once (the home folder reads /etc/passwd).
    private static let folders = (FileManager.default.currentDirectoryPath + "/", NSHomeDirectory())
}

extension Language: ExpressibleByArgument {}
