import Basics
import Foundation
import Hummingbird
import Logging
import NIOCore
import Scheduler
import Store

/// `netprep serve`: the local web app over the same database as the command line.
///
/// Every page is rendered here from the database and the models; the browser gets HTML, SVG
/// and two small static files (`/static/app.css`, `/static/app.js`), nothing from elsewhere.
public struct WebApp: Sendable {
    public struct Settings: Sendable {
        /// The reader's language, for pages that show one (a `?lang=` query picks the other).
        public var language: Language
        public var scheduler: Scheduler
        /// New cards a day in the browser's quiz, as for `netprep quiz --new`.
        public var newPerDay: Int
        /// Graphviz's `dot`, to lay out the topic graph; nil shows a list instead.
        public var dot: String?

        public init(language: Language, scheduler: Scheduler, newPerDay: Int = 20, dot: String?) {
            self.language = language
            self.scheduler = scheduler
            self.newPerDay = newPerDay
            self.dot = dot
        }
    }

    let database: AppDatabase
    let settings: Settings
    /// Sent with every page and required on every request that changes something.
    let token: String
    let safety: Safety
    let quizzes = QuizSessions()

    public init(database: AppDatabase, settings: Settings, token: String = WebApp.newToken()) {
        self.database = database
        self.settings = settings
        self.token = token
        self.safety = Safety(token: token)
    }

    /// 32 random bytes as hex.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Serves on 127.0.0.1:`port` (0 picks a free one) until SIGINT or SIGTERM;
    /// `started` gets the address actually bound.
    public func run(port: Int, started: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "netprep.serve")
        logger.logLevel = .critical
        let safety = self.safety
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                safety.allow(port: bound)
                started("http://127.0.0.1:\(bound)/")
            },
            logger: logger
        )
        try await app.runService()
    }

    /// Every route of the app, behind the safety rules.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: safety)
        addPages(to: router)
        addQuiz(to: router)
        router.get("static/app.css") { _, _ in Self.asset(Assets.css, type: "text/css; charset=utf-8") }
        router.get("static/app.js") { _, _ in Self.asset(Assets.javascript, type: "text/javascript; charset=utf-8") }
        router.get("favicon.ico") { _, _ in Response(status: .noContent) }
        return router
    }

    static func asset(_ text: String, type: String) -> Response {
        var response = Response.text(text, type: type)
        response.headers[.cacheControl] = "max-age=3600"
        return response
    }

    /// The language a request asks for with `?lang=`, else the reader's.
    func language(of request: Request) -> Language {
        request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) } ?? settings.language
    }
}

extension Response {
    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: type],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        text(html, type: "text/html; charset=utf-8", status: status)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return text(String(decoding: try encoder.encode(value), as: UTF8.self), type: "application/json", status: status)
    }
}
