import ArgumentParser
import Basics
import Foundation
import Notes
import Quiz
import Store

/// `netprep show`: one note or topic, for reading in the terminal.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
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
        try reportingErrors {
            let database = try global.openDatabase()
            let detail = try database.topic(id, language: GlobalOptions.readerLanguage(lang, database: database))
            if json {
                try Console.printJSON(detail)
                return
            }
            print(
                Console.dim(
                    "\(detail.topic.path.joined(separator: " › "))  (\(SearchCommand.shortPath(detail.topic.file)):\(detail.topic.line))"
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
        var output: [String] = []
        var inDemo = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            // Only lines starting with a fence or `#` change; most are passed on untouched.
            let start = line.drop { $0 == " " || $0 == "\t" }
            guard inDemo || start.first == "`" || start.first == "#" else {
                output.append(String(line))
                continue
            }
            let trimmed = String(line).trimmingCharacters(in: .whitespaces)
            if inDemo {
                if trimmed.hasPrefix("```") { inDemo = false }
                continue
            }
            if trimmed.hasPrefix("```demo") {
                inDemo = true
                let command = trimmed.dropFirst(7).trimmingCharacters(in: .whitespaces)
                output.append("**▶ netprep demo run \(command)**")
                continue
            }
            if trimmed.hasPrefix("#"), trimmed.hasSuffix("}"), let open = line.range(of: " {#", options: .backwards) {
                output.append(String(line[..<open.lowerBound]))
                continue
            }
            output.append(String(line))
        }
        return output.joined(separator: "\n")
    }
}
