import Benchmarks
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `netprep serve` over real HTTP: its safety rules, its pages and the quiz's answers.
@Suite(.serialized) struct ServeCLITests {
    /// A running `netprep serve --port 0`, stopped with SIGINT as a person's Ctrl-C.
    final class Server {
        let process = Process()
        let port: Int
        let db: String
        private let output = Pipe()

        init(db: String, arguments: [String] = [], environment extra: [String: String] = [:]) throws {
            self.db = db
            process.executableURL = CLI.binary
            process.arguments = ["serve", "--port", "0", "--db", db] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["NO_COLOR"] = "1"
            environment["LANG"] = "en_US.UTF-8"
            for (name, value) in extra { environment[name] = value }
            process.environment = environment
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            var text = ""
            let handle = output.fileHandleForReading
            while !text.contains("\n") {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) else {
                process.terminate()
                throw ServeError.noAddress(text)
            }
            port = Int(text[range].split(separator: ":").last!.dropLast())!
        }

        /// Ctrl-C; returns the exit status and what it printed after its address.
        func stop() -> (status: Int32, output: String) {
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return (process.terminationStatus, rest)
        }

        deinit { if process.isRunning { process.terminate() } }

        /// One request on its own connection, the Host header as given.
        func request(
            _ method: String, _ path: String, host: String? = nil, headers: [String: String] = [:], body: String = ""
        ) throws -> LoopbackHTTP.Reply {
            try LoopbackHTTP.request(port: port, method: method, path: path, host: host, headers: headers, body: body)
        }

        /// The token a page carries in `<meta name="netprep-token">`.
        func token() throws -> String {
            let page = try request("GET", "/").body
            let marker = "<meta name=\"netprep-token\" content=\""
            let start = try #require(page.range(of: marker))
            return String(page[start.upperBound...].prefix { $0 != "\"" })
        }
    }

    enum ServeError: Error {
        case noAddress(String)
    }

    static func database() throws -> String {
        try CLI.temporaryDirectory().appendingPathComponent("serve.sqlite").path
    }

    @Test func answersOnlyItsOwnHostAndStopsOnCtrlC() throws {
        let server = try Server(db: try Self.database())
        let own = try server.request("GET", "/")
        #expect(own.status == 200)
        #expect(own.body.contains("id=\"search\""))
        #expect(try server.request("GET", "/", host: "localhost:\(server.port)").status == 200)
        // DNS rebinding: a hostile name resolving to 127.0.0.1 arrives with its own Host.
        for host in ["evil.example:\(server.port)", "evil.example", "127.0.0.1:1", "", "127.0.0.1.evil.example:\(server.port)"] {
            let reply = try server.request("GET", "/note/tcp.handshake", host: host)
            #expect(reply.status == 421, "Host \(host)")
            #expect(!reply.body.contains("three-way"), "Host \(host)")
            #expect(reply.headers["content-security-policy"] != nil)
        }
        let stopped = server.stop()
        #expect(stopped.status == 0)
        #expect(stopped.output.contains("stopped"))
    }

    @Test func changesNeedThePagesToken() throws {
        let server = try Server(db: try Self.database())
        defer { _ = server.stop() }
        let token = try server.token()
        #expect(token.count == 64)
        let body = #"{"limit": 1}"#
        #expect(try server.request("POST", "/api/quiz", body: body).status == 403)
        #expect(
            try server.request("POST", "/api/quiz", headers: ["X-Netprep-Token": String(repeating: "0", count: 64)], body: body)
                .status == 403)
        // A form posted from another site carries no custom header at all.
        let form = try server.request(
            "POST", "/api/quiz", headers: ["Content-Type": "application/x-www-form-urlencoded", "Origin": "http://evil.example"],
            body: "limit=1")
        #expect(form.status == 403)
        let allowed = try server.request("POST", "/api/quiz", headers: ["X-Netprep-Token": token], body: body)
        #expect(allowed.status == 200, "\(allowed.body)")
        #expect(allowed.body.contains("\"session\""))
        // Every response forbids scripts from anywhere else and inline.
        let policy = try #require(try server.request("GET", "/").headers["content-security-policy"])
        #expect(
            policy.contains("script-src 'self'") && !policy.contains("unsafe-inline") && policy.contains("frame-ancestors 'none'")
        )
    }

    @Test func aHostileNoteRendersInert() throws {
        let folder = try CLI.temporaryDirectory()
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try """
        ---
        id: hostile
        title: Hostile
        ---
        # Hostile

        <script>window.pwned = 1</script>

        Text <img src=x onerror="window.pwned = 2"> and [a link](javascript:window.pwned=3) and
        [another](JaVa\tScRiPt:alert(1)) and <a href="javascript:alert(4)">raw</a>.

        | a | b |
        |---|---|
        | 1 | 2 |

        ```
        <script>in code</script>
        ```

        See [[tcp.handshake]], [the other note](other.md), [why three](tcp.handshake#why-three)
        and [a page](https://example.com/a.md).
        """.write(to: notes.appendingPathComponent("hostile.md"), atomically: true, encoding: .utf8)
        try "---\nid: other\ntitle: Other\n---\n# Other\n\nText.\n".write(
            to: notes.appendingPathComponent("other.md"), atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("db.sqlite").path
        #expect(try CLI.run(["import", notes.path, "--db", db]).status == 0)
        let server = try Server(db: db)
        defer { _ = server.stop() }
        let page = try server.request("GET", "/note/hostile")
        #expect(page.status == 200)
        let article = try #require(page.body.range(of: "<article").map { String(page.body[$0.lowerBound...]) })
        #expect(!article.contains("<script"))
        #expect(!article.lowercased().contains("javascript:"))
        #expect(!article.contains("onerror"))
        #expect(article.contains("&lt;script&gt;in code&lt;/script&gt;"))
        #expect(article.contains("<table>"))
        // The wiki link leads to the note's page in the app.
        #expect(article.contains("href=\"/note/tcp.handshake\">TCP three-way handshake</a>"))
        // Links written as files or ids lead there too; a section to its own page.
        #expect(article.contains("<a href=\"/note/other\">the other note</a>"))
        #expect(article.contains("<a href=\"/note/tcp.handshake%23why-three\">why three</a>"))
        #expect(article.contains("<a href=\"https://example.com/a.md\">a page</a>"))
        #expect(try server.request("GET", "/note/tcp.handshake%23why-three").status == 200)
    }

    @Test func pagesSearchGraphDemosAndStats() throws {
        let server = try Server(db: try Self.database())
        defer { _ = server.stop() }
        let hits = try server.request("GET", "/search?q=%E6%8F%A1%E6%89%8B", headers: ["Accept": "text/html-fragment"])
        #expect(hits.status == 200)
        #expect(hits.body.hasPrefix("<li><a class=\"hit\""))
        #expect(hits.body.contains("<mark>握手</mark>"))
        let broken = try server.request("GET", "/search?q=%22", headers: ["Accept": "text/html-fragment"])
        #expect(broken.status == 200 && broken.body.contains("muted"))
        let note = try server.request("GET", "/note/tcp.handshake")
        #expect(note.body.contains("<form class=\"demo\"") && note.body.contains("id=\"prerequisites\""))
        #expect(note.body.contains("id=\"cards\""))
        #expect(try server.request("GET", "/note/no.such.note").status == 404)
        let graph = try server.request("GET", "/graph?topic=tcp.handshake&depth=1&lang=en")
        #expect(graph.status == 200)
        let listed = graph.body.components(separatedBy: "<li><a href=\"/note/").count - 1
        #expect(graph.body.contains("data-nodes=\"\(listed)\""))
        #expect(listed >= 3)
        let svg = try server.request("GET", "/demo/tcp.handshake/svg?args=--loss%200.5%20--seed%203")
        #expect(svg.status == 200)
        #expect(svg.headers["content-type"] == "image/svg+xml")
        #expect(svg.body.hasPrefix("<svg"))
        // A demo's page lists its options as `demo run NAME --help` does, escaped.
        let congestion = try server.request("GET", "/demo/tcp.congestion?args=--algorithm%20cubic").body
        #expect(congestion.contains("--algorithm &lt;algorithm&gt;") && congestion.contains("--seed &lt;n&gt;"))
        #expect(!congestion.contains("--help"))
        #expect(congestion.contains("value=\"--algorithm cubic\""))
        let bad = try server.request("GET", "/demo/tcp.handshake/run?args=--nope")
        #expect(bad.status == 400)
        #expect(bad.body.contains("demo-text error"))
        #expect(try server.request("GET", "/demo/no.such/svg").status == 400)
        let stats = try server.request("GET", "/stats")
        #expect(stats.body.contains("id=\"reviews-chart\"") && stats.body.contains("id=\"mastery-chart\""))
    }

    @Test func aQuizInTheBrowserStoresEachAnswerAndUndoes() throws {
        let db = try Self.database()
        let server = try Server(db: db)
        let token = try server.token()
        let headers = ["X-Netprep-Token": token, "Content-Type": "application/json"]
        let start = try server.request("POST", "/api/quiz", headers: headers, body: #"{"limit": 2, "topic": "tcp"}"#)
        #expect(start.status == 200, "\(start.body)")
        let state = try JSONSerialization.jsonObject(with: Data(start.body.utf8)) as! [String: Any]
        let session = state["session"] as! String
        let card = try #require(state["card"] as? [String: Any])
        #expect((card["topic"] as? String)?.hasPrefix("tcp") == true)
        #expect((card["intervals"] as? [String])?.count == 4)
        func post(_ path: String, _ body: String) throws -> [String: Any] {
            let reply = try server.request("POST", "/api/quiz/\(session)/\(path)", headers: headers, body: body)
            #expect(reply.status == 200, "\(path): \(reply.body)")
            return try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as! [String: Any]
        }
        let afterFirst = try post("answer", #"{"rating": 3}"#)
        #expect(afterFirst["answered"] as? Int == 1)
        let undone = try post("undo", "{}")
        #expect(undone["answered"] as? Int == 0)
        #expect((undone["card"] as? [String: Any])?["id"] as? String == card["id"] as? String)
        _ = try post("answer", #"{"rating": 3}"#)
        let last = try post("answer", #"{"rating": 1}"#)
        #expect(last["answered"] as? Int == 2)
        let wrong = try server.request("POST", "/api/quiz/\(session)/answer", headers: headers, body: #"{"rating": 9}"#)
        #expect(wrong.status == 400 || wrong.status == 409)
        _ = server.stop()
        // What the command line reads afterwards: two reviews today, the undone one gone.
        let stats = try CLI.run(["stats", "--json", "--db", db])
        let report = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [String: Any]
        let days = report["reviewsPerDay"] as! [[String: Any]]
        #expect(days.last?["reviews"] as? Int == 2)
        #expect(days.last?["again"] as? Int == 1)
    }
    @Test func theCommandLineKeepsWorkingMeanwhile() throws {
        let db = try Self.database()
        let server = try Server(db: db)
        defer { _ = server.stop() }
        #expect(try server.request("GET", "/stats").body.contains("<span id=\"reviews-total\">0</span>"))
        // The same database, written by another process while the app has it open.
        let review = try CLI.run(["review", "tcp.handshake#why-three", "good", "--db", db])
        #expect(review.status == 0, "\(review.stderr)")
        let stats = try server.request("GET", "/stats").body
        #expect(stats.contains("<span id=\"reviews-total\">1</span>"))
        // Today's square in the year's calendar, the last one.
        let days = stats.components(separatedBy: "<rect class=\"day\" ").dropFirst()
        #expect(days.count >= 365 && days.count <= 371)
        #expect(days.last?.contains("data-value=\"1\"") == true)
        #expect(try CLI.run(["search", "握手", "--db", db]).status == 0)
    }
    @Test func withoutGraphvizTheGraphIsAListThatSaysHowToDrawIt() throws {
        let server = try Server(db: try Self.database(), environment: ["PATH": "/nonexistent"])
        defer { _ = server.stop() }
        let graph = try server.request("GET", "/graph?topic=tcp.handshake&depth=1")
        #expect(graph.status == 200)
        #expect(graph.body.contains("sudo apt-get install graphviz"))
        #expect(!graph.body.contains("<svg"))
        let listed = graph.body.components(separatedBy: "<li><a href=\"/note/").count - 1
        #expect(listed >= 3)
        #expect(graph.body.contains("<details open>"))
    }
    @Test func theLanguagePickedInTheHeaderStaysAndRedirectsOnlyHere() throws {
        let server = try Server(db: try Self.database())
        defer { _ = server.stop() }
        let page = try server.request("GET", "/stats")
        #expect(page.body.contains("href=\"/lang/zh?back=%2Fstats\""))
        let picked = try server.request("GET", "/lang/zh?back=%2Fstats")
        #expect(picked.status == 303)
        #expect(picked.headers["location"] == "/stats")
        let cookie = try #require(picked.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        #expect(cookie == "netprep-lang=zh")
        let chinese = try server.request("GET", "/stats", headers: ["Cookie": cookie])
        #expect(chinese.body.contains("<h1>统计</h1>"))
        // ?lang= still wins for one page.
        #expect(try server.request("GET", "/stats?lang=en", headers: ["Cookie": cookie]).body.contains("<h1>Stats</h1>"))
        // Never a redirect to another site.
        for back in ["%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example"] {
            #expect(try server.request("GET", "/lang/en?back=\(back)").headers["location"] == "/", "\(back)")
        }
        #expect(try server.request("GET", "/lang/fr").status == 404)
    }
    @Test func aBrokenDatabaseGetsAnErrorInWordsAndTheServerGoesOn() throws {
        let db = try Self.database()
        let server = try Server(db: db)
        defer { _ = server.stop() }
        #expect(try server.request("GET", "/stats").status == 200)
        // Another program takes a table away while the app has the database open.
        let dropped = try CLI.runProgram(
            "python3", ["-c", "import sqlite3; sqlite3.connect('\(db)').execute('DROP TABLE card_state')"])
        #expect(dropped.status == 0, "\(dropped.stderr)")
        let broken = try server.request("GET", "/stats")
        #expect(broken.status == 500)
        #expect(broken.body.contains("netprep could not answer this"))
        #expect(broken.body.contains("netprep doctor"))
        #expect(try server.request("GET", "/static/app.css").status == 200)
    }
}
