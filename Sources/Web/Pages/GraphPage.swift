import Basics
import Export
import Foundation
import Hummingbird
import Store
import Synchronization

extension WebApp {
    /// The topic graph: notes (with `sections=1` their sections too), prerequisites, related
    /// notes and links, laid out by Graphviz as SVG, each node a link to its page. `topic=`
    /// keeps what lies within `depth=` edges of that topic's notes.
    func graph(_ request: Request) throws -> Response {
        let language = language(of: request)
        let zh = language == .zh
        let parameters = request.uri.queryParameters
        let topic = parameters["topic"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let depth = parameters["depth"].flatMap { Int($0) }.map { min(max($0, 0), 6) } ?? 1
        let sections = parameters["sections"] == "1"
        let all = try database.topics(language: language)
        var graph = TopicGraph(topics: all, all: all, edges: try database.topicEdges(language: language), sections: sections)
        var message = ""
        var seeds = Set<String>()
        if let topic {
            let scope = TopicScope(topic)
            let under = all.filter { scope.contains($0.id) }
            if under.isEmpty {
                message = zh ? "没有主题 “\(topic)”。" : "No topic '\(topic)'."
            } else {
                seeds = Set(under.map { sections ? $0.id : ReviewStore.noteKey(of: $0.id) })
                graph = graph.neighbourhood(of: seeds, depth: depth)
            }
        }
        let picture: String
        if let dot = settings.dot {
            picture = try GraphLayout.svg(
                dot: dot, source: graph.dot(linking: { HTML.noteURL($0, language: language) }, page: true, highlighted: seeds))
        } else {
            picture =
                "<p class=\"notice\">\(zh ? "安装 Graphviz 后这里会画出图谱" : "Install Graphviz to see the graph drawn here"): "
                + "<code>sudo apt-get install graphviz</code>\(zh ? "，然后重新运行" : ", then restart") <code>netprep serve</code>.</p>"
        }
        var items = ""
        for node in graph.nodes {
            items +=
                "<li><a href=\"\(HTML.noteURL(node.id, language: language))\">\(HTML.escape(node.title))</a> <small>\(HTML.escape(node.id))</small></li>"
        }
        let form = """
            <form class="graph-filter" action="/graph" method="get">
            <label>\(zh ? "主题" : "Topic") <input name="topic" value="\(HTML.escape(topic ?? ""))" placeholder="tcp"></label>
            <label>\(zh ? "深度" : "Depth") <input name="depth" type="number" min="0" max="6" value="\(depth)"></label>
            <label><input name="sections" type="checkbox" value="1"\(sections ? " checked" : "")> \(zh ? "小节" : "Sections")</label>
            <input type="hidden" name="lang" value="\(language.rawValue)">
            <button type="submit">\(zh ? "显示" : "Show")</button>
            </form>
            """
        let legend =
            zh
            ? "蓝色箭头：前置知识；虚线：相关；点线：正文中的链接。"
            : "Blue arrows: prerequisites (needs); dashed: related; dotted: links in the text."
        let body = """
            <h1>\(zh ? "主题图谱" : "Topic graph")</h1>
            \(form)
            \(message.isEmpty ? "" : "<p class=\"notice\">\(HTML.escape(message))</p>")
            <p class="muted">\(legend) \(graph.nodes.count) \(zh ? "个主题" : "topics").</p>
            <div id="graph" data-nodes="\(graph.nodes.count)">\(picture)</div>
            <details\(settings.dot == nil ? " open" : "")><summary>\(zh ? "列表" : "As a list")</summary><ul id="graph-list">\(items)</ul></details>
            """
        return .html(layout(zh ? "图谱" : "Graph", .graph, request).page(body))
    }
}

/// Graphviz's layout of a DOT source as an SVG element, kept for the next request with the
/// same source (the graph changes only with an import).
public enum GraphLayout {
    private static let cache = Mutex<[String: String]>([:])

    static func svg(dot: String, source: String) throws -> String {
        if let hit = cache.withLock({ $0[source] }) { return hit }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        // A force-directed layout (fdp) groups each theme's notes together where dot's ranks
        // spread them along one long axis; straight edges keep it fast (50 ms, not 2 s).
        process.arguments = ["-Kfdp", "-Goverlap=prism", "-Goverlap_scaling=-4", "-Gsep=+6", "-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Written from another thread so that a large graph cannot fill both pipes at once.
        let data = Data(source.utf8)
        let writer = Thread {
            input.fileHandleForWriting.write(data)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        _ = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, var text = String(data: svg, encoding: .utf8), let start = text.range(of: "<svg")
        else {
            return "<p class=\"notice\">Graphviz could not lay out this graph.</p>"
        }
        text = String(text[start.lowerBound...])
        // Graphviz sizes in points; as pixels the graph is three quarters as large and still
        // readable, and the page scrolls what does not fit.
        if let size = text.range(of: #"width="([0-9.]+)pt" height="([0-9.]+)pt""#, options: .regularExpression) {
            text.replaceSubrange(size, with: text[size].replacingOccurrences(of: "pt\"", with: "\""))
        }
        cache.withLock { cache in
            if cache.count > 64 { cache.removeAll() }
            cache[source] = text
        }
        return text
    }

    /// Graphviz's `dot` on the PATH, or nil.
    public static func findDot() -> String? {
        ProcessEnvironment.executable(named: "dot")
    }
}
