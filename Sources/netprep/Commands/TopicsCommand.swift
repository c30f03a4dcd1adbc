import ArgumentParser
import Basics
import Export
import Foundation
import Notes
import Store

/// `netprep topics`: the topic graph as a list, a tree, JSON Lines, or for Graphviz and Mermaid.
struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics", _superCommandName: Netprep.name,
        abstract: "List the topics of the knowledge base.",
        discussion: """
            With --format, prints the graph for other tools: the notes, their prerequisites
            ("needs"), related notes (dashed) and links in the text (dotted); --sections adds
            each note's sections under it. Notes outside --topic that an edge reaches are
            drawn dashed. Graphviz (apt-get install graphviz) lays out DOT.

            Examples:
              netprep topics --tree --topic tcp
              netprep topics --lang zh --json
              netprep topics --format dot --topic tcp | dot -Tsvg > tcp.svg
              netprep topics --format mermaid --topic https-tls
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

    enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
        case dot, mermaid
    }

    @Option(help: ArgumentHelp("Print the graph for another tool: dot (Graphviz) or mermaid.", valueName: "format"))
    var format: GraphFormat?

    @Flag(help: "With --format: each note's sections too.")
    var sections = false

    func validate() throws {
        if json && tree { throw ValidationError("--tree draws for people; leave it out with --json") }
        if format != nil && (json || tree) {
            throw ValidationError("--format prints the graph by itself; leave out --json and --tree")
        }
        if sections && format == nil { throw ValidationError("--sections goes with --format dot or mermaid") }
    }

    func run() throws {
        try reportingErrors {
            let database = try global.openDatabase()
            if let format {
                // One language: the notes are the same graph in both.
                let language = lang ?? GlobalOptions.readerLanguage(nil, database: database)
                let graph = TopicGraph(
                    topics: try database.topics(language: language, under: topic), all: try database.topics(language: language),
                    edges: try database.topicEdges(language: language, under: topic), sections: sections)
                print(format == .dot ? graph.dot : graph.mermaid, terminator: "")
                return
            }
            if json || tree {
                let topics = try database.topics(language: lang, under: topic)
                if json {
                    for topic in topics { try Console.printJSON(topic) }
                } else {
                    printTree(topics)
                }
                return
            }
            for topic in try database.topics(language: lang, under: topic, kind: .note) {
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
