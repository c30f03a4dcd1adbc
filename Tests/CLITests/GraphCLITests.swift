import Foundation
import TestSupport
import Testing

/// `netprep topics --format dot|mermaid`: the topic graph for Graphviz and Mermaid.
@Suite struct GraphCLITests {
    @Test func dotNamesEachNoteAndItsEdges() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("graph.sqlite").path
        let result = try CLI.run(["topics", "--format", "dot", "--topic", "tcp.handshake", "--lang", "en", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let dot = result.stdout
        #expect(dot.hasPrefix("digraph netprep {\n") && dot.hasSuffix("}\n"))
        #expect(dot.contains("  \"tcp.handshake\" [label=\"TCP three-way handshake\\ntcp.handshake\"];"))
        // Its prerequisites (front matter) lie outside the view: drawn, dashed.
        #expect(dot.contains("  \"tcp.handshake\" -> \"tcp.header\" [label=\"needs\", color=\"#1f6feb\"];"))
        #expect(dot.contains("  \"tcp.header\" [label=\"") && dot.contains("style=\"rounded,dashed\""))
        #expect(dot.contains("  \"tcp.handshake\" -> \"tcp.teardown\" [style=dashed, dir=none"))
        #expect(!dot.contains("#why-three"))
        // tcp.congestion and tcp.reliability name each other as related: one line.
        let whole = try CLI.run(["topics", "--format", "dot", "--lang", "en", "--db", db]).stdout
        let pair = whole.split(separator: "\n").filter {
            ($0.contains("\"tcp.congestion\" -> \"tcp.reliability\"")
                || $0.contains("\"tcp.reliability\" -> \"tcp.congestion\""))
                && $0.contains("dir=none")
        }
        #expect(pair.count == 1, "\(pair)")
        let sections = try CLI.run(
            ["topics", "--format", "dot", "--sections", "--topic", "tcp.handshake", "--lang", "en", "--db", db]).stdout
        #expect(sections.contains("  \"tcp.handshake\" -> \"tcp.handshake#why-three\" [arrowhead=none"))
        let wrong = try CLI.run(["topics", "--format", "dot", "--json", "--db", db])
        #expect(wrong.status == 64)
    }

    @Test func titlesAreEscapedForBothFormats() throws {
        let folder = try CLI.temporaryDirectory()
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try """
        ---
        id: quoting
        title: Say "hi" <now> \\ done
        prereq: [basics]
        ---
        # Say "hi" <now> \\ done

        See [the basics](basics.md).
        """.write(to: notes.appendingPathComponent("quoting.md"), atomically: true, encoding: .utf8)
        try "# Basics\n\nThe ground floor.\n".write(
            to: notes.appendingPathComponent("basics.md"), atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("kb.sqlite").path
        let environment = ["NETPREP_BUILTIN": "0"]
        #expect(try CLI.run(["import", notes.path, "--db", db], environment: environment).status == 0)
        let mermaid = try CLI.run(["topics", "--format", "mermaid", "--db", db], environment: environment).stdout
        #expect(mermaid.hasPrefix("flowchart LR\n"))
        #expect(mermaid.contains("[\"Say #quot;hi#quot; #lt;now#gt; \\ done<br/><small>quoting</small>\"]"))
        #expect(mermaid.contains(" -->|needs| ") && mermaid.contains(" -.-> "))
        let dot = try CLI.run(["topics", "--format", "dot", "--db", db], environment: environment).stdout
        #expect(dot.contains("[label=\"Say \\\"hi\\\" <now> \\\\ done\\nquoting\"]"))
        #expect(dot.contains("\"quoting\" -> \"basics\" [label=\"needs\""))
    }

    @Test(.enabled(if: Checker.runs(Checker.program("dot")), "needs Graphviz's dot (apt-get install graphviz)"))
    func graphvizLaysOutTheWholeGraph() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("graph.sqlite").path
        let graph = folder.appendingPathComponent("all.dot")
        let result = try CLI.run(["topics", "--format", "dot", "--db", db])
        #expect(result.status == 0)
        try result.stdout.write(to: graph, atomically: true, encoding: .utf8)
        let layout = try CLI.runProgram("dot", ["-Tsvg", graph.path])
        #expect(layout.status == 0, "\(layout.stderr.prefix(500))")
        #expect(layout.stdout.contains("<svg") && layout.stdout.contains(">tcp.handshake</text>"))
        // One box per note, in the reader's language.
        let notes = try CLI.jsonLines(try CLI.run(["topics", "--json", "--lang", "en", "--db", db]).stdout)
            .filter { $0["kind"] as? String == "note" }
        #expect(layout.stdout.components(separatedBy: "class=\"node\"").count - 1 >= notes.count)
    }
}
