import ArgumentParser
import Basics
import Foundation
import Notes
import Store

/// `netprep topics`: the topic graph as a list, a tree, or JSON Lines.
struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "List the topics of the knowledge base.",
        discussion: """
            Examples:
              netprep topics --tree --topic tcp
              netprep topics --lang zh --json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Draw the topics as a tree.")
    var tree = false

    @Option(help: ArgumentHelp("Only topics at or below this id.", valueName: "id"))
    var topic: String?

    @Option(help: ArgumentHelp("Only notes in this language: en or zh.", valueName: "lang"))
    var lang: Language?

    @Flag(help: "Print JSON Lines: id, title, path, parent, file, line.")
    var json = false

    func validate() throws {
        if json && tree { throw ValidationError("--tree draws for people; leave it out with --json") }
    }

    func run() throws {
        try reportingErrors {
            let database = try global.openDatabase()
            let topics = try database.topics(language: lang, under: topic)
            if json {
                for topic in topics { try Console.printJSON(topic) }
                return
            }
            if tree {
                printTree(topics)
                return
            }
            for topic in topics where topic.kind == "note" {
                print(
                    "\(Console.accent(topic.id.padding(toLength: max(topic.id.count, 28), withPad: " ", startingAt: 0)))  \(topic.title)"
                )
            }
        }
    }

    private func printTree(_ topics: [TopicSummary]) {
        var children: [String: [TopicSummary]] = [:]
        var roots: [TopicSummary] = []
        let keys = Set(topics.map { "\($0.lang)|\($0.id)" })
        for topic in topics {
            if let parent = topic.parent, keys.contains("\(topic.lang)|\(parent)") {
                children["\(topic.lang)|\(parent)", default: []].append(topic)
            } else {
                roots.append(topic)
            }
        }
        func draw(_ topic: TopicSummary, prefix: String, isLast: Bool, isRoot: Bool) {
            let branch = isRoot ? "" : (isLast ? "└─ " : "├─ ")
            let label = isRoot ? "\(Console.bold(topic.title))  \(Console.dim(topic.id))" : topic.title
            print(prefix + branch + label)
            let kids = children["\(topic.lang)|\(topic.id)"] ?? []
            let nextPrefix = isRoot ? prefix : prefix + (isLast ? "   " : "│  ")
            for (index, kid) in kids.enumerated() {
                draw(kid, prefix: nextPrefix, isLast: index == kids.count - 1, isRoot: false)
            }
        }
        for root in roots { draw(root, prefix: "", isLast: true, isRoot: true) }
    }
}
