import Basics
import Foundation

/// A CAS-style central authentication service (Apereo CAS protocol 3.0): a ticket-granting
/// ticket in a cookie at the centre, one-time service tickets for the applications, ticket
/// validation over the back channel, and single logout.
struct CASServer {
    static let host = "cas.example"
    private var generator: SplitMix64
    /// Tickets issued so far, by prefix, to number them as CAS does (ST-1, ST-2, TGT-1).
    private var counters: [String: Int] = [:]
    /// TGT -> user.
    private(set) var grantingTickets: [String: String] = [:]
    /// ST -> (service, TGT, already validated).
    private(set) var serviceTickets: [String: (service: String, tgt: String, used: Bool)] = [:]

    init(generator: SplitMix64) {
        self.generator = generator
    }

    private mutating func ticket(_ prefix: String) -> String {
        counters[prefix, default: 0] += 1
        return "\(prefix)-\(counters[prefix]!)-" + Bytes.base64URL(Bytes.random(12, using: &generator))
    }

    /// What CAS does for a request: answer the browser, and possibly call applications on the
    /// back channel first (single logout).
    enum Action {
        case respond(WebMessage)
        case notifyThenRespond([(service: String, request: WebMessage)], WebMessage)
    }

    private mutating func redirectWithTicket(service: String, tgt: String, setCookie: Bool) -> WebMessage {
        let st = ticket("ST")
        serviceTickets[st] = (service, tgt, false)
        var headers = [("Location", service + "?ticket=" + st)]
        if setCookie { headers.append(("Set-Cookie", SetCookie(name: "CASTGC", value: tgt, sameSite: nil).headerValue)) }
        return .response(302, headers: headers)
    }

    mutating func handle(_ request: WebMessage) -> Action {
        let parts = request.target.split(separator: "?", maxSplits: 1).map(String.init)
        let query = formFields(parts.count > 1 ? parts[1] : "")
        let tgt = cookieValue("CASTGC", in: request).flatMap { grantingTickets[$0] != nil ? $0 : nil }
        switch (request.method, parts[0]) {
        case ("GET", "/login"):
            guard let service = query["service"] else { return .respond(.response(400, body: "no service")) }
            if let tgt { return .respond(redirectWithTicket(service: service, tgt: tgt, setCookie: false)) }
            return .respond(.response(200, headers: [("Content-Type", "text/html")], body: "login form"))
        case ("POST", "/login"):
            let fields = formFields(request.body)
            guard let service = query["service"], let user = fields["username"], fields["password"] == "hunter2" else {
                return .respond(.response(401, body: "wrong credentials"))
            }
            let newTGT = ticket("TGT")
            grantingTickets[newTGT] = user
            return .respond(redirectWithTicket(service: service, tgt: newTGT, setCookie: true))
        case ("GET", "/serviceValidate"):
            guard let st = query["ticket"], let service = query["service"], let entry = serviceTickets[st],
                !entry.used, let user = grantingTickets[entry.tgt]
            else { return .respond(Self.validationFailure("INVALID_TICKET")) }
            serviceTickets[st]!.used = true
            guard entry.service == service else { return .respond(Self.validationFailure("INVALID_SERVICE")) }
            return .respond(
                .response(
                    200, headers: [("Content-Type", "application/xml")],
                    body:
                        "<cas:serviceResponse><cas:authenticationSuccess><cas:user>\(user)</cas:user>"
                        + "</cas:authenticationSuccess></cas:serviceResponse>"))
        case ("GET", "/logout"):
            let deletion = ("Set-Cookie", SetCookie.deletion("CASTGC").headerValue)
            guard let tgt else { return .respond(.response(200, headers: [deletion], body: "logged out")) }
            grantingTickets[tgt] = nil
            let issued = serviceTickets.filter { $0.value.tgt == tgt }.sorted { $0.key < $1.key }
            let notices = issued.map { st, entry in
                (
                    entry.service,
                    WebMessage.request(
                        "POST", "/", host: URL(string: entry.service)?.host ?? "",
                        headers: [("Content-Type", "application/x-www-form-urlencoded")],
                        body:
                            "logoutRequest=<samlp:LogoutRequest><samlp:SessionIndex>\(st)</samlp:SessionIndex></samlp:LogoutRequest>"
                    )
                )
            }
            return .notifyThenRespond(notices, .response(200, headers: [deletion], body: "logged out"))
        default:
            return .respond(.response(400, body: "no such route"))
        }
    }

    static func validationFailure(_ code: String) -> WebMessage {
        .response(
            200, headers: [("Content-Type", "application/xml")],
            body:
                "<cas:serviceResponse><cas:authenticationFailure code=\"\(code)\"/></cas:serviceResponse>")
    }
}

/// An application protected by CAS, with its own local sessions.
struct CASApplication {
    let host: String
    let cookieName: String
    var service: String { "https://\(host)/" }
    private var generator: SplitMix64
    /// Local session id -> (user, the service ticket that created it, for single logout).
    private(set) var sessions: [String: (user: String, ticket: String)] = [:]

    init(host: String, cookieName: String, generator: SplitMix64) {
        self.host = host
        self.cookieName = cookieName
        self.generator = generator
    }

    enum Action {
        case respond(WebMessage)
        /// Ask CAS whether this ticket is good before answering (back channel).
        case validate(ticket: String)
    }

    mutating func handle(_ request: WebMessage) -> Action {
        if request.method == "POST" {
            // Single logout notice from CAS.
            let body = request.body
            if let start = body.range(of: "<samlp:SessionIndex>"), let end = body.range(of: "</samlp:SessionIndex>") {
                let st = String(body[start.upperBound..<end.lowerBound])
                sessions = sessions.filter { $0.value.ticket != st }
            }
            return .respond(.response(200))
        }
        if let id = cookieValue(cookieName, in: request), let session = sessions[id] {
            return .respond(.response(200, body: "hello \(session.user), from \(host)"))
        }
        let query = request.target.split(separator: "?", maxSplits: 1).dropFirst().first.map { formFields(String($0)) } ?? [:]
        if let ticket = query["ticket"] { return .validate(ticket: ticket) }
        return .respond(
            .response(
                302,
                headers: [
                    ("Location", "https://\(CASServer.host)/login?service=" + percentEncoded(service))
                ]))
    }

    /// The back-channel answer arrived: open a local session, or refuse.
    mutating func validated(_ validation: WebMessage, ticket: String) -> WebMessage {
        let body = validation.body
        guard let start = body.range(of: "<cas:user>"), let end = body.range(of: "</cas:user>") else {
            return .response(403, body: "ticket rejected by CAS")
        }
        let id = Bytes.base64URL(Bytes.random(16, using: &generator))
        sessions[id] = (String(body[start.upperBound..<end.lowerBound]), ticket)
        // Redirect to drop the ticket from the address bar.
        return .response(302, headers: [("Location", "/"), ("Set-Cookie", SetCookie(name: cookieName, value: id).headerValue)])
    }
}

/// `web.sso`: single sign-on across two applications with one CAS-style auth centre.
public enum SSODemo: Sendable {
    public static let name = "web.sso"

    public struct Parameters: Codable, Sendable, Equatable {
        public var replay: Bool
        public var logout: Bool
        public init(replay: Bool = false, logout: Bool = true) {
            self.replay = replay
            self.logout = logout
        }
    }

    public struct Outcome: Codable, Sendable, Equatable {
        /// How many times the user typed a password.
        public var passwordPrompts: Int
        /// Local sessions alive at the end, per application.
        public var sessionsLeft: [String: Int]
        /// A replayed ticket was refused.
        public var replayRefused: Bool?
        /// Short names of the steps, in order (used by the quiz).
        public var phases: [String]
    }

    package static let parties = ["browser", "app-a", "cas", "app-b"]

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, WebStep, Outcome> {
        var generator = SplitMix64(seed: seed)
        var cas = CASServer(generator: SplitMix64(seed: generator.next()))
        var apps = [
            "app-a": CASApplication(host: "a.example", cookieName: "ASESSION", generator: SplitMix64(seed: generator.next())),
            "app-b": CASApplication(host: "b.example", cookieName: "BSESSION", generator: SplitMix64(seed: generator.next())),
        ]
        var jar = CookieJar()
        var log = WebTranscript(parties: parties)
        var phases: [String] = []
        var prompts = 0

        func hostOf(_ party: String) -> String { party == "cas" ? CASServer.host : apps[party]!.host }

        /// One browser request to `party`, following the protocol's back-channel calls.
        @discardableResult
        func browse(
            _ party: String, _ method: String, _ target: String, body: String = "", phase: String,
            notes: [String] = [], useCookies: Bool = true
        ) -> WebMessage {
            let host = hostOf(party)
            var headers: [(String, String)] = []
            if useCookies, let cookie = jar.header(for: host, method: method, context: .sameSite) {
                headers.append(("Cookie", cookie))
            }
            if method == "POST" { headers.append(("Content-Type", "application/x-www-form-urlencoded")) }
            let request = WebMessage.request(method, target, host: host, headers: headers, body: body)
            log.request("browser", party, request, notes: notes)
            phases.append(phase)
            var response: WebMessage
            if party == "cas" {
                switch cas.handle(request) {
                case .respond(let answer):
                    response = answer
                case .notifyThenRespond(let notices, let answer):
                    for (service, notice) in notices {
                        let app = apps.first { $0.value.service == service }!.key
                        log.request("cas", app, notice, notes: ["single logout: back channel"])
                        phases.append("logout notice")
                        guard case .respond(let ack) = apps[app]!.handle(notice) else { continue }
                        log.response(app, "cas", ack, notes: ["local session destroyed"])
                        phases.append("logout acknowledged")
                    }
                    response = answer
                }
            } else {
                switch apps[party]!.handle(request) {
                case .respond(let answer):
                    response = answer
                case .validate(let ticket):
                    let service = apps[party]!.service
                    let check = WebMessage.request(
                        "GET", "/serviceValidate?service=\(percentEncoded(service))&ticket=\(ticket)", host: CASServer.host)
                    log.request(party, "cas", check, notes: ["back channel, server to server"])
                    phases.append("validate ticket")
                    guard case .respond(let validation) = cas.handle(check) else { fatalError("validation never notifies") }
                    log.response(
                        "cas", party, validation,
                        notes: [validation.body.contains("Success") ? "user: alice" : "refused: ticket already used"])
                    phases.append(validation.body.contains("Success") ? "validation success" : "validation failure")
                    response = apps[party]!.validated(validation, ticket: ticket)
                }
            }
            if useCookies { jar.receive(response, from: host) }
            log.response(party, "browser", response)
            phases.append(responsePhase(response))
            return response
        }

        func responsePhase(_ response: WebMessage) -> String {
            let location = response.header("Location") ?? ""
            if response.status == 302 && location.contains("/login?service=") { return "redirect to cas" }
            if response.status == 302 && location.contains("ticket=") { return "redirect with ticket" }
            if response.status == 302 && location == "/" { return "local session created" }
            if response.body == "login form" { return "login form" }
            if response.body == "logged out" { return "logged out" }
            if response.status == 200 { return "page served" }
            return "refused"
        }

        /// Follows a redirect; a relative Location stays with the party that sent it.
        func follow(_ response: WebMessage, from sender: String, phase: String, notes: [String] = []) -> WebMessage {
            let location = response.header("Location")!
            let url = URL(string: location)!
            let hosts = ["cas.example": "cas", "a.example": "app-a", "b.example": "app-b"]
            let party = url.host.flatMap { hosts[$0] } ?? sender
            let target = url.path + (url.query.map { "?" + $0 } ?? "")
            return browse(party, "GET", target.isEmpty ? "/" : target, phase: phase, notes: notes)
        }

        // First application: full login at the centre.
        let toCAS = browse("app-a", "GET", "/", phase: "visit app a", notes: ["no local session at A"])
        _ = follow(toCAS, from: "app-a", phase: "open cas login")
        let loginTarget = URL(string: toCAS.header("Location")!).map { $0.path + "?" + ($0.query ?? "") }!
        prompts += 1
        let withTicket = browse(
            "cas", "POST", loginTarget, body: "username=alice&password=hunter2",
            phase: "submit credentials", notes: ["alice types her password"])
        let ticketA = String(withTicket.header("Location")!.split(separator: "=").last!)
        let toA = follow(withTicket, from: "cas", phase: "present ticket")
        _ = follow(toA, from: "app-a", phase: "visit app a")

        if parameters.replay {
            let replay = browse(
                "app-a", "GET", "/?ticket=\(ticketA)", phase: "replay ticket",
                notes: ["another browser replays ST seen in a log"], useCookies: false)
            _ = replay
        }

        // Second application: the TGT cookie at CAS signs alice in without a password.
        let toCAS2 = browse("app-b", "GET", "/", phase: "visit app b", notes: ["no local session at B"])
        let withTicket2 = follow(toCAS2, from: "app-b", phase: "open cas login", notes: ["CASTGC cookie: no password asked"])
        let toB = follow(withTicket2, from: "cas", phase: "present ticket")
        _ = follow(toB, from: "app-b", phase: "visit app b")

        if parameters.logout {
            browse("cas", "GET", "/logout", phase: "logout at cas", notes: ["single logout"])
            let again = browse("app-a", "GET", "/", phase: "visit app a", notes: ["A's session is gone"])
            _ = follow(again, from: "app-a", phase: "open cas login", notes: ["no TGT: the password is needed again"])
        }

        let replayRefused: Bool? =
            parameters.replay
            ? log.steps.contains { $0.http?.body.contains("ticket rejected") ?? false } : nil
        let outcome = Outcome(
            passwordPrompts: prompts,
            sessionsLeft: ["app-a": apps["app-a"]!.sessions.count, "app-b": apps["app-b"]!.sessions.count],
            replayRefused: replayRefused, phases: phases)
        return DemoTrace(demo: name, params: parameters, trace: log.steps, result: outcome)
    }

}
