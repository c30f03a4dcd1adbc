import Basics
import Demos
import Export
import Foundation
import Hummingbird
import Quiz
import Store

extension WebApp {
    /// A note or section: its Markdown through cmark-gfm (raw HTML and unsafe URLs removed),
    /// links between notes followed in the app, its cards, its neighbours, and each demo it
    /// lists runnable in place.
    func note(_ key: String, request: Request) throws -> Response {
        let language = language(of: request)
        let detail: TopicDetail
        do {
            detail = try database.topic(key, language: language)
        } catch let error as StoreError {
            return .html(
                layout("Not found", nil, request).page("<h1>Not found</h1><p>\(HTML.escape(error.description))</p>"),
                status: .notFound)
        }
        let zh = language == .zh
        let titles = try topicTitles(language: detail.topic.lang)
        let prepared = NoteMarkdown(detail.markdown, titles: titles)
        var article = MarkdownHTML.render(prepared.markdown, localLink: { NoteMarkdown.link($0, titles: titles) })
        for (index, call) in prepared.demos.enumerated() {
            article = article.replacingOccurrences(of: "<p>\(NoteMarkdown.placeholder(index))</p>", with: demoWidget(call))
        }
        func list(_ id: String, _ label: String, _ keys: [String]) -> String {
            guard !keys.isEmpty else { return "" }
            let items = keys.map { "<li><a href=\"\(HTML.noteURL($0))\">\(HTML.escape(titles[$0] ?? $0))</a></li>" }.joined()
            return "<section><h3>\(label)</h3><ul id=\"\(id)\">\(items)</ul></section>"
        }
        var cards = ""
        for card in detail.cards {
            var prompt = card.kind == .cloze ? TerminalMarkdown.hidingClozes(card.prompt) : card.prompt
            if card.kind == .generated {
                prompt =
                    zh
                    ? "生成的题目（`\(card.prompt)`）：每次测验一个新的情形，由模型算出答案。"
                    : "A generated question (`\(card.prompt)`): a new case each quiz, its answer computed by the model."
            }
            var demo = ""
            if let call = card.demo { demo = "<p><a href=\"\(Self.demoURL(call))\">▶ \(HTML.escape(call.text))</a></p>" }
            cards +=
                "<li><details><summary>\(MarkdownHTML.render(prompt))</summary>"
                + "<div class=\"answer\">\(MarkdownHTML.render(card.answer))\(demo)</div></details></li>"
        }
        let other: Language = detail.topic.lang == .zh ? .en : .zh
        let body = """
            <p class="crumbs">\(HTML.escape(detail.topic.path.joined(separator: " › ")))
             · <a href="\(HTML.noteURL(key, language: other))">\(other == .zh ? "中文" : "English")</a>
             · <a href="/graph?topic=\(HTML.component(key))">\(zh ? "图谱" : "graph")</a></p>
            <article class="note" lang="\(detail.topic.lang == .zh ? "zh-Hans" : "en")">
            \(article)
            </article>
            <aside class="neighbours">
            \(list("prerequisites", zh ? "前置知识" : "Prerequisites", detail.prerequisites))
            \(list("related", zh ? "相关" : "Related", detail.related))
            \(list("links", zh ? "链接到" : "Links", detail.links))
            \(list("backlinks", zh ? "被链接自" : "Linked from", detail.backlinks))
            \(list("children", zh ? "小节" : "Sections", detail.children))
            </aside>
            \(cards.isEmpty ? "" : "<section><h2>\(detail.cards.count) \(zh ? "张卡片" : detail.cards.count == 1 ? "card" : "cards")</h2><ol id=\"cards\">\(cards)</ol></section>")
            """
        return .html(layout(detail.topic.title, nil, request).page(body))
    }

    /// Every topic's title by key, in `language` (or the other when a topic has no copy).
    func topicTitles(language: Language) throws -> [String: String] {
        try database.topicTitles(language: language)
    }
}

/// A note's Markdown made ready for the page: `[[wiki links]]` and links to other notes point
/// at their pages, `{#id}` anchors leave the headings, and each demo block becomes a
/// placeholder paragraph for the demo's runner.
struct NoteMarkdown {
    var markdown = ""
    var demos: [DemoCall] = []

    static func placeholder(_ index: Int) -> String { "NETPREPDEMO\(index)X" }

    init(_ source: String, titles: [String: String]) {
        var demos: [DemoCall] = []
        markdown = ReadableMarkdown.prepare(
            source,
            demo: { call in
                demos.append(call)
                return ["", Self.placeholder(demos.count - 1), ""]
            },
            text: { $0.contains("[[") ? Self.wikiLinks($0, titles: titles) : $0 })
        self.demos = demos
    }

    /// A link written in a note to another note (`tcp.handshake`, `handshake.md`,
    /// `../tcp/handshake.md#why-three`, `Other%20Note.md`) as its page in the app; nil leaves
    /// the link as written.
    static func link(_ url: String, titles: [String: String]) -> String? {
        guard !url.hasPrefix("/"), !url.hasPrefix("#") else { return nil }
        var target = url
        var fragment = ""
        if let hash = target.firstIndex(of: "#") {
            fragment = String(target[hash...])
            target = String(target[..<hash])
        }
        target = target.removingPercentEncoding ?? target
        // A section is a page of its own (`tcp.handshake#why-three`); else the note's.
        func page(_ key: String) -> String { HTML.noteURL(titles[key + fragment] != nil ? key + fragment : key) }
        if titles[target] != nil { return page(target) }
        guard target.lowercased().hasSuffix(".md") else { return nil }
        let name = String((target as NSString).lastPathComponent.dropLast(3))
        if titles[name] != nil { return page(name) }
        // A file name is the note's last id part (`handshake.md` for `tcp.handshake`) or its title.
        let lowered = name.lowercased()
        let match = titles.keys.filter { !$0.contains("#") }.sorted().first { key in
            key.split(separator: ".").last.map { String($0).lowercased() == lowered } == true
                || titles[key]?.lowercased() == lowered
        }
        return match.map(page)
    }

    /// `[[key]]` and `[[key|label]]` as Markdown links to the note's page; a name that is no
    /// note here stays text. Code spans are left alone.
    static func wikiLinks(_ line: String, titles: [String: String]) -> String {
        var output = ""
        var rest = Substring(line)
        var inCode = false
        while !rest.isEmpty {
            if rest.first == "`" {
                inCode.toggle()
                output.append("`")
                rest = rest.dropFirst()
                continue
            }
            if !inCode, rest.hasPrefix("[["), let close = rest.range(of: "]]") {
                let inner = rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound]
                let parts = inner.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                let target = parts.first ?? ""
                let key = titles[target] != nil ? target : titles.first { $0.value.lowercased() == target.lowercased() }?.key
                if let key, !target.isEmpty {
                    let label = parts.count > 1 ? parts[1] : (titles[key] ?? target)
                    output += "[\(label.replacingOccurrences(of: "]", with: "\\]"))](\(HTML.noteURL(key)))"
                    rest = rest[close.upperBound...]
                    continue
                }
            }
            output.append(rest.first!)
            rest = rest.dropFirst()
        }
        return output
    }
}
