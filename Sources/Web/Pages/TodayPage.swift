import Basics
import Foundation
import Hummingbird
import Quiz
import Store

extension WebApp {
    func addPages(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try self.today(request) }
        router.get("search") { request, _ in try self.searchResults(request) }
        router.get("note/:id") { request, context in
            // A section's key carries `#`, sent as %23; the router leaves it encoded.
            let id = try context.parameters.require("id")
            return try self.note(id.removingPercentEncoding ?? id, request: request)
        }
        router.get("graph") { request, _ in try self.graph(request) }
        router.get("demos") { request, _ in self.demoList(request) }
        router.get("demo/:name") { request, context in try self.demoPage(context.parameters.require("name"), request: request) }
        router.get("demo/:name/run") { request, context in try self.runDemo(context.parameters.require("name"), request: request)
        }
        router.get("demo/:name/svg") { request, context in try self.demoSVG(context.parameters.require("name"), request: request)
        }
        router.get("stats") { request, _ in try self.stats(request) }
    }

    func layout(_ title: String, _ section: Layout.Section?, _ request: Request) -> Layout {
        // The page again without `lang=`, for the header's switch to the other language.
        var query = request.uri.queryParameters.filter { $0.key != "lang" }
            .map { "\($0.key)=\(HTML.component(String($0.value)))" }.joined(separator: "&")
        if !query.isEmpty { query = "?" + query }
        return Layout(
            title: title, section: section, token: token, language: language(of: request), path: request.uri.path + query)
    }

    /// Today: what is due, the streak, the weakest topics, and the search box.
    func today(_ request: Request) throws -> Response {
        let zh = language(of: request) == .zh
        let summary = try QuizStatistics.dashboard(
            store: ReviewStore(database), scheduler: settings.scheduler, at: Date(), newPerDay: settings.newPerDay)
        func figure(_ id: String, _ value: Int, _ label: String) -> String {
            "<div class=\"figure\"><span id=\"\(id)\">\(value)</span><small>\(label)</small></div>"
        }
        var weakest = ""
        let titles = summary.weakest.isEmpty ? [:] : try topicTitles(language: language(of: request))
        for topic in summary.weakest {
            weakest +=
                "<li><a href=\"\(HTML.noteURL(topic.topic))\">\(HTML.escape(titles[topic.topic] ?? topic.topic))</a> "
                + "<meter min=\"0\" max=\"1\" value=\"\(topic.mastery)\"></meter> \(Int((topic.mastery * 100).rounded()))%</li>"
        }
        let body = """
            <section class="search">
            <form action="/search" method="get" role="search">
            <input id="search" name="q" type="search" autocomplete="off" autofocus
             placeholder="\(zh ? "搜索：三次握手、TIME_WAIT、SSO…" : "Search: handshake, TIME_WAIT, 三次握手…")">
            </form>
            <ol id="results" class="hits" aria-live="polite"></ol>
            </section>
            <section class="figures">
            \(figure("due", summary.dueNow, zh ? "到期" : "due now"))
            \(figure("due-today", summary.dueToday, zh ? "今天到期" : "due today"))
            \(figure("new", summary.newAvailable, zh ? "新卡片" : "new"))
            \(figure("learning", summary.learning, zh ? "学习中" : "learning"))
            \(figure("streak", summary.streak, zh ? "连续天数" : "day streak"))
            </section>
            <p><a class="button" href="/quiz">\(zh ? "开始测验" : "Start the quiz") →</a></p>
            <h2>\(zh ? "最薄弱的主题" : "Weakest topics")</h2>
            \(weakest.isEmpty ? "<p class=\"muted\">\(zh ? "还没有复习记录。" : "No reviews yet.")</p>" : "<ol id=\"weakest\">\(weakest)</ol>")
            """
        return .html(layout(zh ? "今天" : "Today", .today, request).page(body))
    }

    /// `/search?q=`: the hits as a list (what the search box fills in as you type) or, for a
    /// browser without scripts, as a page.
    func searchResults(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters["q"].map(String.init) ?? ""
        let language = language(of: request)
        var items = ""
        var message = ""
        if !query.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let hits = try database.search(query, limit: 20, reader: language)
                for hit in hits {
                    let snippet = HTML.marked(hit.snippet, start: SearchHit.matchStart, end: SearchHit.matchEnd)
                    items +=
                        "<li><a class=\"hit\" href=\"\(HTML.noteURL(hit.id, language: hit.lang))\">"
                        + "<strong>\(HTML.escape(hit.title))</strong> <small>\(HTML.escape(hit.path.dropLast().joined(separator: " › ")))</small>"
                        + "<span class=\"snippet\">\(snippet)</span></a></li>"
                }
                if hits.isEmpty { message = language == .zh ? "没有找到。" : "Nothing found." }
            } catch let error as StoreError {
                message = error.description
            }
        }
        if !message.isEmpty { items = "<li class=\"muted\">\(HTML.escape(message))</li>" }
        if request.headers[.accept]?.contains("text/html-fragment") == true {
            return .html(items)
        }
        let body = """
            <form action="/search" method="get" role="search">
            <input id="search" name="q" type="search" value="\(HTML.escape(query))" autocomplete="off">
            </form>
            <ol id="results" class="hits">\(items)</ol>
            """
        return .html(layout(query, .today, request).page(body))
    }
}
