import ArgumentParser
import Foundation
import Notes
import Store

/// `netprep lint`: a file as netprep reads it, so a person can see and correct how their notes
/// were understood. Nothing is imported.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint", _superCommandName: Netprep.name,
        abstract: "Show how netprep reads your notes: topics, cards and warnings with fixes.",
        discussion: """
            Prints each file's tree of titles with line numbers, marks the cards, and lists every
            warning and hint with a one-line fix. Nothing is imported. `netprep import --explain`
            is the same.

            Examples:
              netprep lint 网络面试.md
              netprep lint ~/notes --json
            """
    )

    @Argument(help: "Markdown files or folders.", completion: .file())
    var paths: [String]

    @Flag(help: "Print one JSON object per file: topics, cards, warnings.")
    var json = false

    func run() throws {
        try reportingErrors {
            try Self.explain(paths, json: json)
        }
    }

    /// Parses and prints the files; a file that is not text is reported and the rest go on.
    static func explain(_ paths: [String], json: Bool) throws {
        var first = true
        for source in try Importer.sources(paths) {
            for file in source.files {
                try explain(file: file, root: source.root, isDirectory: source.isDirectory, json: json, first: &first)
            }
        }
    }

    private static func explain(file: String, root: String, isDirectory: Bool, json: Bool, first: inout Bool) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            Console.warn("\(file): cannot read it")
            return
        }
        var note: Note
        do {
            note = try NoteParser().parse(
                bytes: [UInt8](data), file: file, defaultID: Importer.defaultID(file: file, root: root, isDirectory: isDirectory))
        } catch {
            Console.warn(error.description)
            return
        }
        note.warnings += Importer.demoWarnings(in: note, file: file, problem: DemoNames.problem)
        if json {
            try Console.printJSON(Explanation(note: note))
        } else {
            if !first { print("") }
            print(NoteOutline.render(note))
        }
        first = false
    }

    /// The JSON form: what the text form shows.
    struct Explanation: Encodable {
        var file: String
        var id: String
        var title: String
        var lang: String
        var topics: [TopicLine]
        var cards: [CardLine]
        var warnings: [LintWarning]

        struct TopicLine: Encodable {
            var id: String
            var title: String
            var line: Int
            var depth: Int
            var kind: String
        }

        struct CardLine: Encodable {
            var id: String
            var topic: String
            var kind: String
            var line: Int
            var prompt: String
            var answer: String
        }

        init(note: Note) {
            file = note.file
            id = note.id
            title = note.title
            lang = note.language.rawValue
            topics = note.topics.map {
                TopicLine(id: $0.key, title: $0.title, line: $0.line, depth: $0.path.count - 1, kind: $0.kind.rawValue)
            }
            cards = note.cards.map {
                CardLine(id: $0.id, topic: $0.topic, kind: $0.kind.rawValue, line: $0.line, prompt: $0.prompt, answer: $0.answer)
            }
            warnings = note.warnings
        }
    }
}

/// A note drawn as its outline: every topic with its line, the cards under the topic they
/// belong to, then the warnings with their fixes.
enum NoteOutline {
    static func render(_ note: Note) -> String {
        let bold = Console.bold, dim = Console.dim, accent = Console.accent

        let cardCount = note.cards.filter { $0.kind != .generated }.count
        let problems = note.warnings.filter { !$0.isHint }.count
        let hints = note.warnings.count - problems
        var summary = "\(note.language.rawValue), \(plural(note.topics.count, "topic")), \(plural(cardCount, "card"))"
        if problems > 0 { summary += ", \(plural(problems, "warning"))" }
        if hints > 0 { summary += ", \(plural(hints, "hint"))" }
        var lines = ["\(bold(note.file))  \(dim("id \(note.id) · \(summary)"))"]

        let allLines = note.topics.map(\.line) + note.cards.map(\.line) + note.warnings.map(\.line)
        let width = String(allLines.max() ?? 1).count
        func number(_ line: Int) -> String {
            dim(String(repeating: " ", count: max(0, width - String(line).count)) + String(line))
        }
        let depths = Dictionary(note.topics.map { ($0.key, $0.path.count - 1) }, uniquingKeysWith: { first, _ in first })
        // Topics and the cards under them, in the order of the file.
        var rows: [(line: Int, order: Int, text: String)] = []
        for (order, topic) in note.topics.enumerated() {
            let depth = topic.path.count - 1
            let ownCard = note.cards.contains { $0.topic == topic.key && $0.line == topic.line && $0.prompt == topic.title }
            let indent = String(repeating: "  ", count: max(0, depth - 1))
            var text = depth == 0 ? bold(topic.title) : "\(indent)- \(topic.title)"
            if ownCard { text += "  " + accent("[card]") }
            rows.append((topic.line, order, text))
        }
        for card in note.cards where card.kind != .generated {
            let depth = depths[card.topic] ?? 0
            if let topic = note.topics.first(where: { $0.key == card.topic }), topic.line == card.line, topic.title == card.prompt
            {
                continue
            }
            let kind = card.kind == .cloze ? "cloze" : "card"
            let answer = card.kind == .cloze ? "" : " → " + oneLine(card.answer, limit: 40)
            let indent = String(repeating: "  ", count: depth)
            rows.append(
                (
                    card.line, note.topics.count + rows.count,
                    "\(indent)\(accent("[\(kind)]")) \(oneLine(card.prompt, limit: 60))\(dim(answer))"
                ))
        }
        for row in rows.sorted(by: { ($0.line, $0.order) < ($1.line, $1.order) }) {
            lines.append("\(number(row.line))  \(row.text)")
        }
        for warning in note.warnings {
            let label = warning.isHint ? dim("hint") : bold("warning")
            lines.append("\(number(warning.line))  \(label): \(warning.message)")
            if let fix = warning.fix { lines.append(String(repeating: " ", count: width + 2) + dim("fix: \(fix)")) }
        }
        return lines.joined(separator: "\n")
    }

    static func oneLine(_ text: String, limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }

    private static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
}

/// Lint warnings for people: repeated warnings of one kind in one file become one line with
/// the count and the lines (`--verbose` lists every one); hints are left to `netprep lint`.
enum WarningSummary {
    static func lines(_ warnings: [LintWarning], verbose: Bool) -> [String] {
        let problems = warnings.filter { !$0.isHint }
        if verbose { return problems.map(\.description) }
        var output: [String] = []
        var index = 0
        let grouped = Dictionary(grouping: problems, by: { GroupKey(file: $0.file, kind: $0.kind) })
        var done: Set<GroupKey> = []
        while index < problems.count {
            let warning = problems[index]
            index += 1
            let key = GroupKey(file: warning.file, kind: warning.kind)
            let group = grouped[key] ?? []
            if group.count < 4 || warning.kind == .other {
                output.append(warning.description)
                continue
            }
            guard !done.contains(key) else { continue }
            done.insert(key)
            let shown = group.prefix(8).map { String($0.line) }.joined(separator: ", ")
            let more = group.count > 8 ? ", …" : ""
            output.append(
                "\(warning.file):\(warning.line): warning: \(warning.message) (and \(group.count - 1) more like it: lines \(shown)\(more); --verbose lists them)"
            )
        }
        return output
    }

    private struct GroupKey: Hashable {
        var file: String
        var kind: LintWarning.Kind
    }
}
