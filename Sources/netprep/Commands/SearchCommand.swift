import ArgumentParser
import Foundation
import Notes
import Store

/// `netprep search`: full-text search, Chinese and English.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
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

    @Flag(help: "Print JSON Lines: id, title, path, file, line, snippet, score.")
    var json = false

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
        guard !query.joined().trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("type something to search for")
        }
    }

    func run() throws {
        try reportingErrors {
            let database = try global.openDatabase()
            let hits = try database.search(query.joined(separator: " "), limit: limit, topic: topic, language: lang)
            if json {
                for var hit in hits {
                    hit.snippet = hit.snippet.replacingOccurrences(of: SearchHit.matchStart, with: "**")
                        .replacingOccurrences(of: SearchHit.matchEnd, with: "**")
                    try Console.printJSON(hit)
                }
                return
            }
            if hits.isEmpty {
                Console.note("no matches for '\(query.joined(separator: " "))'")
                return
            }
            for hit in hits {
                let location = Console.dim("\(Self.shortPath(hit.file)):\(hit.line)")
                print("\(Console.bold(hit.path.joined(separator: " › ")))  \(Console.accent(hit.id))")
                let snippet = hit.snippet.replacingOccurrences(of: "\n", with: " ")
                let marked =
                    Console.useColor
                    ? snippet.replacingOccurrences(of: SearchHit.matchStart, with: "\u{1B}[1;33m")
                        .replacingOccurrences(of: SearchHit.matchEnd, with: "\u{1B}[0m")
                    : snippet.replacingOccurrences(of: SearchHit.matchStart, with: "**")
                        .replacingOccurrences(of: SearchHit.matchEnd, with: "**")
                print("  \(marked)")
                print("  \(location)")
            }
        }
    }

    /// A path under the home folder or the current folder, shortened.
    static func shortPath(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        if path.hasPrefix(current) { return String(path.dropFirst(current.count)) }
        let home = NSHomeDirectory()
        if path.hasPrefix(home + "/") { return "~" + path.dropFirst(home.count) }
        return path
    }
}

extension Language: ExpressibleByArgument {}
