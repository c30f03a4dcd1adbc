import Basics
import Demos
import Foundation
import Hummingbird

extension WebApp {
    /// `/demo/NAME?args=...`: the page a demo's runner opens without scripts, and its link.
    static func demoURL(_ call: DemoCall) -> String {
        "/demo/\(HTML.component(call.name))"
            + (call.arguments.isEmpty ? "" : "?args=\(HTML.component(call.arguments.joined(separator: " ")))")
    }

    /// `/demo/NAME/run?args=...`: the output block of a run alone.
    static func demoRunURL(_ call: DemoCall) -> String {
        "/demo/\(HTML.component(call.name))/run?args=\(HTML.component(call.arguments.joined(separator: " ")))"
    }

    /// The call a request asks for: the demo's name and `?args=` split at spaces.
    func call(_ name: String, _ request: Request) -> DemoCall {
        let arguments =
            request.uri.queryParameters["args"].map { $0.split(whereSeparator: \.isWhitespace).map(String.init) } ?? []
        return DemoCall(name: name, arguments: arguments)
    }

    /// A demo's options and a Run button; the output (its text, and its picture when it draws
    /// one) appears below without leaving the page.
    func demoWidget(_ call: DemoCall, output: String = "") -> String {
        let draws = DemoPictures.draws(call.name)
        return """
            <form class="demo" action="/demo/\(HTML.component(call.name))" method="get" data-demo="\(HTML.escape(call.name))" data-picture="\(draws)">
            <label><code>netprep demo run \(HTML.escape(call.name))</code> <a class="muted" href="/demo/\(HTML.component(call.name))#options">options</a>
            <input name="args" value="\(HTML.escape(call.arguments.joined(separator: " ")))" spellcheck="false" autocomplete="off"></label>
            <button type="submit">▶ Run</button>
            <div class="demo-output">\(output)</div>
            </form>
            """
    }

    /// The output shown under a runner: the picture first, then the text.
    func demoOutput(_ call: DemoCall) -> (html: String, failed: Bool) {
        do {
            let text = try DemoCatalog.execute(call, style: RenderStyle(color: false, width: 100))
            var html = ""
            if DemoPictures.draws(call.name) {
                html +=
                    "<img class=\"demo-svg\" alt=\"\(HTML.escape(call.text))\" src=\"/demo/\(HTML.component(call.name))/svg?args=\(HTML.component(call.arguments.joined(separator: " ")))\">"
            }
            let pre = "<pre class=\"demo-text\">\(HTML.escape(text))</pre>"
            // Under a picture the terminal's drawing of the same run is there to read, folded.
            return (
                html.isEmpty ? pre : html + "<details class=\"demo-details\"><summary>Text output</summary>\(pre)</details>",
                false
            )
        } catch {
            return ("<pre class=\"demo-text error\">\(HTML.escape("\(error)"))</pre>", true)
        }
    }

    func demoList(_ request: Request) -> Response {
        let zh = language(of: request) == .zh
        var rows = ""
        for demo in DemoCatalog.all {
            let name = demo.name
            rows +=
                "<li><a href=\"/demo/\(HTML.component(name))\">\(HTML.escape(name))</a> \(DemoPictures.draws(name) ? "<span class=\"tag\">SVG</span>" : "") "
                + "<span class=\"muted\">\(HTML.escape(demo.summary))</span></li>"
        }
        let body = "<h1>\(zh ? "演示" : "Demos")</h1><ul id=\"demos\" class=\"demos\">\(rows)</ul>"
        return .html(layout(zh ? "演示" : "Demos", .demos, request).page(body))
    }

    /// One demo, run with the options asked for (its defaults when none).
    func demoPage(_ name: String, request: Request) throws -> Response {
        let demo: any Demo.Type
        do {
            demo = try DemoCatalog.demo(named: name)
        } catch {
            return .html(
                layout("Not found", .demos, request).page("<h1>Not found</h1><p>\(HTML.escape("\(error)"))</p>"),
                status: .notFound)
        }
        let call = call(name, request)
        let output = demoOutput(call)
        // What `demo run NAME --help` lists, but `--help` itself, and the seed every run takes.
        var help = ((try? DemoCatalog.optionsHelp(name: name)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("-h, --help") }.joined(separator: "\n")
        help += "\n  --seed <n>              The random seed; the same seed gives the same run. (default: 1)"
        let body = """
            <h1>\(HTML.escape(name))</h1>
            <p class="muted">\(HTML.escape(demo.summary))</p>
            <details id="options" class="demo-details"><summary>Its options</summary><pre>\(HTML.escape(help))</pre></details>
            \(demoWidget(call, output: output.html))
            """
        return .html(layout(name, .demos, request).page(body), status: output.failed ? .badRequest : .ok)
    }

    /// `/demo/NAME/run?args=`: the output block alone, for the runner's script.
    func runDemo(_ name: String, request: Request) throws -> Response {
        let output = demoOutput(call(name, request))
        return .html(output.html, status: output.failed ? .badRequest : .ok)
    }

    /// `/demo/NAME/svg?args=`: the run's ladder diagram or chart.
    func demoSVG(_ name: String, request: Request) throws -> Response {
        let call = call(name, request)
        do {
            guard let svg = try DemoCatalog.svg(call) else {
                return .text("demo \(name) draws no picture\n", type: "text/plain", status: .notFound)
            }
            var response = Response.text(svg, type: "image/svg+xml")
            response.headers[.cacheControl] = "max-age=300"
            return response
        } catch {
            return .text("\(error)\n", type: "text/plain", status: .badRequest)
        }
    }
}

/// Which demos draw a picture, found once by running each with its defaults.
enum DemoPictures {
    static let names: Set<String> = Set(DemoCatalog.pictureNames)

    static func draws(_ name: String) -> Bool { names.contains(name) }
}
