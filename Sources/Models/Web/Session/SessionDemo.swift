import Basics
import Foundation

/// A web application that keeps sessions on the server and names them with a cookie
/// (RFC 6265 §3; OWASP Session Management): each request is an event, the response the action.
struct SessionServer {
    enum Session: Equatable, Sendable {
        case anonymous
        case authenticated(user: String)
    }

    static let host = "app.example"
    static let cookieName = "SID"
    static let password = "correct horse"

    /// The session store: id -> state.
    private(set) var sessions: [String: Session] = [:]
    /// Issue a fresh id when the user logs in: the defence against session fixation.
    let rotateOnLogin: Bool
    private var generator: SplitMix64

    init(rotateOnLogin: Bool, generator: SplitMix64) {
        self.rotateOnLogin = rotateOnLogin
        self.generator = generator
    }

    private mutating func newID() -> String {
        Bytes.base64URL(Bytes.random(16, using: &generator))
    }

    private func cookie(_ id: String) -> (String, String) {
        ("Set-Cookie", SetCookie(name: Self.cookieName, value: id).headerValue)
    }

    mutating func handle(_ request: WebMessage) -> WebMessage {
        let id = cookieValue(Self.cookieName, in: request)
        let session = id.flatMap { sessions[$0] }
        switch (request.method, request.target) {
        case ("GET", "/login"):
            if session != nil { return .response(200, body: "login form") }
            let fresh = newID()
            sessions[fresh] = .anonymous
            return .response(200, headers: [cookie(fresh)], body: "login form")
        case ("POST", "/login"):
            let fields = formFields(request.body)
            guard let user = fields["user"], fields["password"] == Self.password else {
                return .response(401, body: "wrong user or password")
            }
            if rotateOnLogin || session == nil {
                if let id { sessions[id] = nil }
                let fresh = newID()
                sessions[fresh] = .authenticated(user: user)
                return .response(303, headers: [("Location", "/account"), cookie(fresh)])
            }
            sessions[id!] = .authenticated(user: user)
            return .response(303, headers: [("Location", "/account")])
        case ("GET", "/account"):
            if case .authenticated(let user) = session { return .response(200, body: "account of \(user)") }
            return .response(303, headers: [("Location", "/login")])
        case ("POST", "/logout"):
            if let id { sessions[id] = nil }
            return .response(
                303, headers: [("Location", "/login"), ("Set-Cookie", SetCookie.deletion(Self.cookieName).headerValue)])
        default:
            return .response(400, body: "no such route")
        }
    }
}

/// `web.session`: cookies naming server-side sessions, login, logout, and session fixation
/// with and without a new id on login.
public enum SessionDemo: Sendable {
    public static let name = "web.session"

    public struct Parameters: Codable, Sendable, Equatable {
        public var attack: String
        public var rotate: Bool
        public init(attack: String = "none", rotate: Bool = true) {
            self.attack = attack
            self.rotate = rotate
        }
    }

    public struct Outcome: Codable, Sendable, Equatable {
        /// The attacker read the victim's account.
        public var hijacked: Bool
        /// Session ids the server still holds at the end, with their users ("" = anonymous).
        public var sessionsLeft: [String: String]
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, WebStep, Outcome> {
        let host = SessionServer.host
        var server = SessionServer(rotateOnLogin: parameters.rotate, generator: SplitMix64(seed: seed))
        var browser = CookieJar()
        let fixation = parameters.attack == "fixation"
        var log = WebTranscript(parties: fixation ? ["attacker", "browser", "app"] : ["browser", "app"])

        func exchange(
            _ who: String, _ jar: inout CookieJar, _ method: String, _ path: String, body: String = "",
            notes: [String] = [], answerNotes: (WebMessage) -> [String] = { _ in [] }
        ) -> WebMessage {
            var headers: [(String, String)] = []
            if let cookie = jar.header(for: host, method: method, context: .sameSite) { headers.append(("Cookie", cookie)) }
            if method == "POST" { headers.append(("Content-Type", "application/x-www-form-urlencoded")) }
            let request = WebMessage.request(method, path, host: host, headers: headers, body: body)
            log.request(who, "app", request, notes: notes)
            let response = server.handle(request)
            jar.receive(response, from: host)
            log.response("app", who, response, notes: answerNotes(response))
            return response
        }

        var hijacked = false
        let credentials = "user=alice&password=correct%20horse"
        if fixation {
            var attacker = CookieJar()
            _ = exchange("attacker", &attacker, "GET", "/login", answerNotes: { _ in ["an anonymous session for the attacker"] })
            let planted = attacker.value(SessionServer.cookieName, for: host)!
            browser.plant(SetCookie(name: SessionServer.cookieName, value: planted), for: host)
            log.note(
                "attacker", "plants SID=\(planted) in the victim's browser",
                ["e.g. a cookie set from a sibling subdomain, or an id in a link"])
            _ = exchange(
                "browser", &browser, "POST", "/login", body: credentials,
                notes: ["the victim logs in with the planted id"],
                answerNotes: { response in
                    response.header("Set-Cookie") == nil
                        ? ["same id, now authenticated: the attacker knows it"]
                        : ["new id; the planted one is destroyed"]
                })
            let stolen = exchange("attacker", &attacker, "GET", "/account", notes: ["replays the planted id"])
            hijacked = stolen.status == 200
            log.note(
                "attacker",
                hijacked
                    ? "reads the victim's account: session fixation worked"
                    : "is sent to the login page: the id it knows is dead")
        } else {
            _ = exchange("browser", &browser, "GET", "/login", answerNotes: { _ in ["anonymous session created"] })
            _ = exchange(
                "browser", &browser, "POST", "/login", body: credentials,
                answerNotes: { response in
                    response.header("Set-Cookie") == nil
                        ? ["same id, now authenticated"]
                        : ["a fresh id for the logged-in session"]
                })
            _ = exchange("browser", &browser, "GET", "/account")
            _ = exchange("browser", &browser, "POST", "/logout", answerNotes: { _ in ["session destroyed on the server"] })
            _ = exchange("browser", &browser, "GET", "/account", notes: ["no cookie left"])
        }
        var left: [String: String] = [:]
        for (id, session) in server.sessions {
            if case .authenticated(let user) = session { left[id] = user } else { left[id] = "" }
        }
        return DemoTrace(
            demo: name, params: parameters, trace: log.steps,
            result: Outcome(hijacked: hijacked, sessionsLeft: left))
    }

}
