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
        router.get("lang/:lang") { request, context in try self.pickLanguage(context.parameters.require("lang"), request: request)
        }
        return router
    }

    static func asset(_ text: String, type: String) -> Response {
        var response = Response.text(text, type: type)
        response.headers[.cacheControl] = "max-age=3600"
        return response
    }

    /// The language a request asks for with `?lang=`, else the one picked in the header (a
    /// cookie), else the reader's.
    func language(of request: Request) -> Language {
        if let asked = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) { return asked }
        if let picked = request.cookies[Self.languageCookie].flatMap({ Language(rawValue: $0.value) }) { return picked }
        return settings.language
    }

    static let languageCookie = "netprep-lang"

    /// `/lang/zh?back=/stats`: remembers the pick in a cookie and goes back to that page of
    /// this app (a path, never another site).
    func pickLanguage(_ code: String, request: Request) -> Response {
        guard let language = Language(rawValue: code) else {
            return .text("a language is en or zh\n", type: "text/plain", status: .notFound)
        }
        let back = request.uri.queryParameters["back"].map(String.init) ?? "/"
        let local = back.hasPrefix("/") && !back.hasPrefix("//") && !back.contains("\\") ? back : "/"
        var response = Response(status: .seeOther, headers: [.location: local])
        response.headers[.setCookie] =
            "\(Self.languageCookie)=\(language.rawValue); Path=/; Max-Age=31536000; SameSite=Strict; HttpOnly"
        return response
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
