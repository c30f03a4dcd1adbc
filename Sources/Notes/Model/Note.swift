import Basics

/// A Markdown file read into netprep's terms: its topics, cards, links and demos.
///
/// A `Note` is a pure value: parsing never touches the database or the file system beyond the
/// bytes it is given.
public struct Note: Sendable, Equatable, Codable {
    /// The file the note came from, as the importer named it (absolute for imports).
    public var file: String
    /// The note's id: front matter `id`, or one derived from its path.
    public var id: String
    public var title: String
    public var language: Language
    public var aliases: [String]
    public var tags: [String]
    /// Note ids this note assumes (front matter `prereq`).
    public var prerequisites: [String]
    /// Note ids worth reading alongside (front matter `related`).
    public var related: [String]
    /// Demo names listed in front matter (`demos`).
    public var demoNames: [String]
    /// Question generators named in front matter (`generate`).
    public var generators: [String]
    /// Every topic node in document order; `topics[0]` is the note itself.
    public var topics: [Topic]
    public var cards: [Card]
    public var links: [Link]
    public var demos: [DemoReference]
    public var warnings: [LintWarning]
    /// The Markdown body line for line as in the file (a topic's `line` finds its text), with
    /// line endings normalised to LF and front matter and other tools' metadata blanked.
    public var body: String
    /// The note has no title of its own (front matter, page property or sole `#` heading): its
    /// title is the file's name.
    public var titleFromFileName: Bool = false
}

/// A node of the topic tree: the note, a heading, or an outline list item with nested content.
public struct Topic: Sendable, Equatable, Codable {
    /// Stable key: the note id for the root, `noteID#slug` below it (an explicit `{#id}` wins).
    public var key: String
    /// The title with inline Markdown stripped.
    public var title: String
    /// Index of the parent in `Note.topics`; nil for the root.
    public var parent: Int?
    /// Titles from the root to this node, inclusive.
    public var path: [String]
    /// 1-based line in the file.
    public var line: Int
    public var kind: Kind
    /// The plain text that belongs to this node itself and to none of its children.
    public var text: String

    public enum Kind: String, Sendable, Codable {
        case note
        case heading
        case item
    }
}

/// A flashcard found in a note.
public struct Card: Sendable, Equatable, Codable {
    /// Stable id: `noteID#cardID` with an explicit `{#cardID}`, else derived from the question.
    public var id: String
    /// Whether the id was written in the note (and so is shared across languages).
    public var hasExplicitID: Bool
    public var kind: Kind
    /// Key of the topic the card belongs to.
    public var topic: String
    /// The question, Markdown (cloze: the text with its `{{c1::...}}` markers).
    public var prompt: String
    /// The answer, Markdown (cloze: the text with the deletions filled in).
    public var answer: String
    public var line: Int
    /// The demo attached to the answer, if any.
    public var demo: DemoReference?

    public enum Kind: String, Sendable, Codable {
        case basic
        case cloze
        case generated
    }
}

/// A link from a topic to something else.
public struct Link: Sendable, Equatable, Codable {
    /// Key of the topic the link sits in.
    public var from: String
    /// What it points at: a note id (`tcp.teardown`, `tcp.teardown#why`), or a path relative to
    /// the note's file (`../tcp/teardown.md`) when `isPath`.
    public var target: String
    public var isPath: Bool
    public var kind: Kind
    public var line: Int

    public enum Kind: String, Sendable, Codable {
        case link
        case prereq
        case related
    }
}

/// A fenced ```` ```demo NAME args ```` block.
public struct DemoReference: Sendable, Equatable, Codable {
    public var name: String
    public var arguments: [String]
    public var line: Int
    /// Key of the topic the block sits in.
    public var topic: String

    /// The demo to run, as the store keeps it and the quiz runs it.
    public var call: DemoCall { DemoCall(name: name, arguments: arguments) }
}

/// Something in a note worth fixing; the note is still imported.
public struct LintWarning: Sendable, Equatable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    /// What kind of problem it is: repeated warnings of one kind are summarised per file.
    public var kind: Kind
    /// How to fix it, in a line, when there is more to say than the message.
    public var fix: String?

    public init(file: String, line: Int, message: String, kind: Kind = .other, fix: String? = nil) {
        self.file = file
        self.line = line
        self.message = message
        self.kind = kind
        self.fix = fix
    }

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case headingSpace = "heading-space"
        case headingInList = "heading-in-list"
        case inlineCodeBlock = "inline-code-block"
        case frontMatter = "front-matter"
        case duplicateID = "duplicate-id"
        case demo
        case noAnswer = "no-answer"
        /// A title that reads as a question but has no question mark: a hint, not a problem.
        case questionMark = "question-mark"
        case other
    }

    /// Hints are shown by `netprep lint`, not by every import.
    public var isHint: Bool { kind == .questionMark }

    public var description: String { "\(file):\(line): \(isHint ? "hint" : "warning"): \(message)" }
}
