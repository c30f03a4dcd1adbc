import ArgumentParser
import Basics
import Export
import Foundation
import Notes
import Quiz
import Store

/// `netprep show`: one note or topic, for reading in the terminal.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", _superCommandName: Netprep.name,
        abstract: "Show a note or topic with its links and cards.",
        discussion: """
            Examples:
              netprep show tcp.handshake
              netprep show tcp.handshake#why-three --lang zh
              netprep show tcp.teardown --json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A topic id, as netprep topics or search prints it.")
    var id: String

    @Option(help: ArgumentHelp("Prefer this language: en or zh (default: yours, netprep config).", valueName: "lang"))
    var lang: Language?

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        try Self.show(id, language: lang, json: json, database: try global.openDatabase())
    }

    /// `netprep show ID` in its plain forms (`QuickArguments`); false for any other.
    static func quickRun(_ arguments: [String]) throws -> Bool {
        guard
            let quick = QuickArguments(
                arguments, flags: ["--json"], options: ["--lang"], positionals: 1...1),
            let language: Language? = quick.optionalValue("--lang")
        else { return false }
        try show(
            quick.positionals[0], language: language, json: quick.flags.contains("--json"),
            database: try GlobalOptions.openDatabase(quick))
        return true
    }

    static func show(_ id: String, language: Language?, json: Bool, database: @autoclosure () throws -> AppDatabase) throws {
        try reportingErrors {
            let database = try database()
            let detail = try database.topic(id, language: GlobalOptions.readerLanguage(language, database: database))
            if json {
                try Console.printJSON(detail)
                return
            }
            print(
                Console.dim(
                    "\(detail.topic.path.joined(separator: " › "))  (\(Console.shortPath(detail.topic.file)):\(detail.topic.line))"
                ))
            print()
            let renderer = Quiz.TerminalMarkdown(color: Console.useColor, width: Console.width)
            print(renderer.render(Self.forReading(detail.markdown)).joined(separator: "\n"))
            var facts: [(String, [String])] = [
                ("aliases", detail.aliases), ("tags", detail.tags), ("prerequisites", detail.prerequisites),
                ("related", detail.related), ("links", detail.links), ("linked from", detail.backlinks),
            ]
            facts = facts.filter { !$0.1.isEmpty }
            if !facts.isEmpty { print() }
            for (label, values) in facts {
                print("\(Console.dim(label + ":")) \(values.joined(separator: ", "))")
            }
            if !detail.cards.isEmpty {
                print()
                print(Console.bold("\(detail.cards.count) card\(detail.cards.count == 1 ? "" : "s")"))
                for card in detail.cards {
                    print("  \(Console.accent(card.id))  \(card.prompt.replacingOccurrences(of: "\n", with: " "))")
                }
            }
        }
    }

    /// Hides `{#id}` anchors on headings and shows a demo block as the command that runs it.
    static func forReading(_ markdown: String) -> String {
        ReadableMarkdown.prepare(markdown, demo: { ["**▶ netprep demo run \($0.text)**"] })
    }
}
