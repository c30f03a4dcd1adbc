import ArgumentParser
import Basics
import Foundation
import Notes
import Store

/// `netprep cards`: the flashcards found in the notes.
struct CardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cards", _superCommandName: Netprep.name,
        abstract: "List the flashcards found in the notes.",
        discussion: """
            Examples:
              netprep cards --topic tcp.handshake
              netprep cards --lang zh --json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only cards at or below this topic id.", valueName: "id"))
    var topic: String?

    @Option(help: ArgumentHelp("Only cards in this language: en or zh.", valueName: "lang"))
    var lang: Language?

    @Flag(help: "Print JSON Lines: id, topic, kind, prompt, answer, file, line, state, due, reps.")
    var json = false

    func run() throws {
        try reportingErrors {
            let database = try global.openDatabase()
            let cards = try database.cards(topic: topic, language: lang)
            if json {
                for card in cards { try Console.printJSON(card) }
                return
            }
            for card in cards {
                let state = card.state.map { "  [\($0)]" } ?? ""
                print("\(Console.accent(card.id))\(Console.dim(state))")
                print("  \(card.prompt.replacingOccurrences(of: "\n", with: " "))")
            }
            Console.note("\(cards.count) card\(cards.count == 1 ? "" : "s")")
        }
    }
}
