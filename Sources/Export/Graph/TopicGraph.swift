import Notes
import Store

/// The topic graph written for other tools: Graphviz's DOT or a Mermaid flowchart.
///
/// Nodes are the notes in view (and their sections with `sections`); edges are prerequisites
/// (`needs`), related notes, links written in the text and, with sections, a section's place
/// under its parent. A section's edges start from its note when sections are not shown. A note
/// outside the view that an edge reaches is drawn too, dashed, so the edge has somewhere to go.
public struct TopicGraph: Sendable {
    public struct Node: Equatable, Sendable {
        public var id: String
        public var title: String
        public var outside: Bool
    }

    public struct Edge: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// A section under its note or parent section.
            case parent
            case link(Link.Kind)
        }

        public var from: String
        public var to: String
        public var kind: Kind
    }

    public var nodes: [Node] = []
    public var edges: [Edge] = []

    /// - Parameters:
    ///   - topics: the topics in view; `all`: every topic of the language, to name the notes
    ///     that edges reach outside the view.
    public init(topics: [TopicSummary], all: [TopicSummary], edges topicEdges: [TopicEdge], sections: Bool) {
        func node(of key: String) -> String { sections ? key : String(key.prefix { $0 != "#" }) }
        let shown = topics.filter { sections || $0.kind == .note }
        let inView = Set(shown.map(\.id))
        let titles = Dictionary(all.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        nodes = shown.map { Node(id: $0.id, title: $0.title, outside: false) }
        var seen = Set<Edge>()
        var reached = inView
        func add(_ edge: Edge) {
            // Related goes both ways: one line for a pair that names each other.
            let reverse = Edge(from: edge.to, to: edge.from, kind: edge.kind)
            if edge.kind == .link(.related), seen.contains(reverse) { return }
            guard edge.from != edge.to, seen.insert(edge).inserted else { return }
            if !reached.contains(edge.to) {
                reached.insert(edge.to)
                nodes.append(Node(id: edge.to, title: titles[edge.to] ?? edge.to, outside: true))
            }
            edges.append(edge)
        }
        if sections {
            for topic in shown {
                if let parent = topic.parent, inView.contains(parent) { add(Edge(from: parent, to: topic.id, kind: .parent)) }
            }
        }
        for edge in topicEdges {
            let from = node(of: edge.from)
            let to = node(of: edge.to)
            // A link to a web page or to a file that is no note here is not part of the graph.
            guard inView.contains(from), titles[to] != nil else { continue }
            add(Edge(from: from, to: to, kind: .link(edge.kind)))
        }
    }

    // MARK: - Graphviz

    public var dot: String { dot(linking: nil) }

    /// DOT whose nodes link to `url(id)` when given (Graphviz writes the links into its SVG).
    /// For a page (`page: true`), which explains the colours beside it and shows ids on hover:
    /// no `needs` labels or ids, edges drawn under opaque nodes, and the nodes in
    /// `highlighted` filled.
    public func dot(linking url: ((String) -> String)?, page: Bool = false, highlighted: Set<String> = []) -> String {
        let labels = !page
        var lines = [
            "digraph netprep {",
            "  graph [rankdir=LR, fontname=\"Helvetica\"\(page ? ", outputorder=edgesfirst" : "")];",
            "  node [shape=box, style=\"rounded\(page ? ",filled" : "")\", fontname=\"Helvetica\", fontsize=11\(page ? ", fillcolor=white" : "")];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
        ]
        for node in nodes {
            var style = node.outside ? ", style=\"rounded,dashed\(page ? ",filled" : "")\", fontcolor=\"#57606a\"" : ""
            if highlighted.contains(node.id) { style = ", style=\"rounded,filled\", fillcolor=\"#ddf4ff\"" }
            let link = url.map { ", URL=\(Self.quoted($0(node.id))), tooltip=\(Self.quoted(node.id))" } ?? ""
            lines.append(
                "  \(Self.quoted(node.id)) [label=\(Self.quoted(labels ? node.title + "\n" + node.id : node.title))\(style)\(link)];"
            )
        }
        for edge in edges {
            let attributes: String
            switch edge.kind {
            case .link(.prereq): attributes = (labels ? "label=\"needs\", " : "") + "color=\"#1f6feb\""
            // Only prerequisites and a section's place rank the nodes; the other edges are
            // drawn where the ranks put their ends, which keeps the layout compact.
            case .link(.related): attributes = "style=dashed, dir=none, color=\"#57606a\", constraint=false"
            case .parent: attributes = "arrowhead=none, color=\"#d0d7de\""
            case .link(.link): attributes = "style=dotted, color=\"#8c959f\", constraint=false"
            }
            lines.append("  \(Self.quoted(edge.from)) -> \(Self.quoted(edge.to)) [\(attributes)];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A DOT string: quotes and backslashes escaped, a newline as `\n`.
    static func quoted(_ text: String) -> String {
        var escaped = "\""
        for character in text {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": continue
            default: escaped.append(character)
            }
        }
        return escaped + "\""
    }

    // MARK: - Mermaid

    public var mermaid: String {
        var ids: [String: String] = [:]
        for (index, node) in nodes.enumerated() { ids[node.id] = "n\(index)" }
        var lines = ["flowchart LR"]
        for node in nodes {
            lines.append(
                "  \(ids[node.id]!)[\"\(Self.mermaidText(node.title))<br/><small>\(Self.mermaidText(node.id))</small>\"]")
        }
        for edge in edges {
            guard let from = ids[edge.from], let to = ids[edge.to] else { continue }
            switch edge.kind {
            case .link(.prereq): lines.append("  \(from) -->|needs| \(to)")
            case .link(.related): lines.append("  \(from) -.- \(to)")
            case .parent: lines.append("  \(from) --- \(to)")
            case .link(.link): lines.append("  \(from) -.-> \(to)")
            }
        }
        let outside = nodes.filter(\.outside).compactMap { ids[$0.id] }
        if !outside.isEmpty {
            lines.append("  classDef outside stroke-dasharray: 4 3,color:#57606a")
            lines.append("  class \(outside.joined(separator: ",")) outside")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text inside a quoted Mermaid label: its quotes and angle brackets as entity codes.
    static func mermaidText(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "#quot;"
            case "<": escaped += "#lt;"
            case ">": escaped += "#gt;"
            case "\n", "\r": escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

extension TopicGraph {
    /// The part of the graph within `depth` edges (either way) of the nodes `seeds` starts
    /// from; what lies further out is left out with its edges.
    ///
    /// - Complexity: O(nodes + edges × depth).
    public func neighbourhood(of seeds: Set<String>, depth: Int) -> TopicGraph {
        var reached = seeds.intersection(nodes.map(\.id))
        var frontier = reached
        for _ in 0..<max(0, depth) where !frontier.isEmpty {
            var next = Set<String>()
            for edge in edges {
                if frontier.contains(edge.from), !reached.contains(edge.to) { next.insert(edge.to) }
                if frontier.contains(edge.to), !reached.contains(edge.from) { next.insert(edge.from) }
            }
            reached.formUnion(next)
            frontier = next
        }
        var graph = self
        graph.nodes = nodes.filter { reached.contains($0.id) }
        graph.edges = edges.filter { reached.contains($0.from) && reached.contains($0.to) }
        return graph
    }
}
