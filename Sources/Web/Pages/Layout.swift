import Basics
import Export
import Foundation

/// HTML text: everything from the database or the user is escaped on the way in.
enum HTML {
    static func escape(_ text: String) -> String { MarkdownHTML.escape(text).replacingOccurrences(of: "'", with: "&#39;") }

    /// A path segment or query value, percent-encoded.
    static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    /// The page of a topic: `/note/tcp.handshake`, a section as `/note/tcp.handshake%23why-three`.
    static func noteURL(_ key: String, language: Language? = nil) -> String {
        "/note/" + component(key) + (language.map { "?lang=\($0.rawValue)" } ?? "")
    }

    /// A snippet with the search's match markers as `<mark>`.
    static func marked(_ snippet: String, start: String, end: String) -> String {
        escape(snippet).replacingOccurrences(of: start, with: "<mark>").replacingOccurrences(of: end, with: "</mark>")
    }
}

/// The frame around every page: the navigation, the token scripts send back, the assets.
struct Layout {
    enum Section: String, CaseIterable {
        case today, quiz, graph, demos, stats
    }

    var title: String
    var section: Section?
    var token: String
    var language: Language
    /// This page's path and query, for the switch to the other language.
    var path: String = "/"

    /// A link to this page in the other language, remembered for the next pages.
    var languageSwitch: String {
        let other: Language = language == .zh ? .en : .zh
        return
            "<a class=\"lang\" id=\"language\" href=\"/lang/\(other.rawValue)?back=\(HTML.component(path))\">\(other == .zh ? "中文" : "English")</a>"
    }

    func page(_ body: String) -> String {
        let labels: [(Section, String, String)] = [
            (.today, "/", language == .zh ? "今天" : "Today"),
            (.quiz, "/quiz", language == .zh ? "测验" : "Quiz"),
            (.graph, "/graph", language == .zh ? "图谱" : "Graph"),
            (.demos, "/demos", language == .zh ? "演示" : "Demos"),
            (.stats, "/stats", language == .zh ? "统计" : "Stats"),
        ]
        let nav = labels.map { section, href, label in
            "<a href=\"\(href)\"\(section == self.section ? " aria-current=\"page\"" : "")>\(label)</a>"
        }.joined()
        return """
            <!doctype html>
            <html lang="\(language == .zh ? "zh-Hans" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="netprep-token" content="\(HTML.escape(token))">
            <title>\(HTML.escape(title)) · netprep</title>
            <link rel="stylesheet" href="/static/app.css">
            <script src="/static/app.js" defer></script>
            </head>
            <body>
            <header><a class="brand" href="/">netprep</a><nav>\(nav)</nav>\(languageSwitch)</header>
            <main>
            \(body)
            </main>
            </body>
            </html>

            """
    }
}
