import Basics
import Foundation

/// The defences against cross-site request forgery the model can switch on (OWASP CSRF
/// Prevention Cheat Sheet).
public enum CSRFDefence: String, Codable, Sendable, CaseIterable {
    case none
    /// A per-session secret in every state-changing request (synchronizer token pattern).
    case token
    /// The session cookie is `SameSite=Lax` (RFC 6265bis §5.4.7).
    case samesiteLax = "samesite-lax"
    /// The session cookie is `SameSite=Strict`.
    case samesiteStrict = "samesite-strict"
    /// The server rejects a request whose `Origin` names another site (RFC 6454 §7).
    case origin
}

/// How the attacker's page makes the browser call the bank.
public enum CSRFVariant: String, Codable, Sendable, CaseIterable {
    /// An auto-submitted `<form method=POST>`: a cross-site top-level POST navigation.
    case formPost = "form-post"
    /// `<img src=".../transfer?to=...">`: a cross-site GET subresource.
    case imgGet = "img-get"
    /// A link the victim follows to `/transfer?to=...`: a cross-site top-level GET navigation.
    case linkGet = "link-get"
}

/// A bank at bank.example whose transfers can be made with POST or (carelessly) GET.
struct BankServer {
    static let host = "bank.example"
    static let origin = "https://bank.example"
    let defence: CSRFDefence
    private var generator: SplitMix64
    /// Session id -> (user, CSRF token).
    private(set) var sessions: [String: (user: String, token: String)] = [:]
    private(set) var balances = ["alice": 1000, "bob": 0, "mallory": 0]

    init(defence: CSRFDefence, generator: SplitMix64) {
        self.defence = defence
        self.generator = generator
    }

    var cookieSameSite: SetCookie.SameSite {
        switch defence {
        case .samesiteLax: return .lax
        case .samesiteStrict: return .strict
        default: return .none
        }
    }

    mutating func handle(_ request: WebMessage) -> WebMessage {
        let id = cookieValue("SID", in: request)
        let session = id.flatMap { sessions[$0] }
        let path = String(request.target.split(separator: "?").first ?? "")
        let query = request.target.contains("?") ? String(request.target.split(separator: "?")[1]) : ""
        switch (request.method, path) {
        case ("POST", "/login"):
            let fresh = Bytes.base64URL(Bytes.random(16, using: &generator))
            sessions[fresh] = (formFields(request.body)["user"] ?? "", Bytes.base64URL(Bytes.random(16, using: &generator)))
            let cookie = SetCookie(name: "SID", value: fresh, sameSite: cookieSameSite)
            return .response(303, headers: [("Location", "/"), ("Set-Cookie", cookie.headerValue)])
        case ("GET", "/transfer") where query.isEmpty:
            guard let session else { return .response(303, headers: [("Location", "/login")]) }
            let hidden = defence == .token ? "<input type=hidden name=csrf value=\(session.token)>" : ""
            return .response(
                200, headers: [("Content-Type", "text/html")],
                body: "<form method=POST action=/transfer>\(hidden)...</form>")
        case ("POST", "/transfer"), ("GET", "/transfer"):
            guard let session else { return .response(303, headers: [("Location", "/login")], body: "") }
            let fields = formFields(request.method == "POST" ? request.body : query)
            if defence == .token, fields["csrf"] != session.token {
                return .response(403, body: "missing or wrong CSRF token")
            }
            if defence == .origin, let origin = request.header("Origin"), origin != Self.origin {
                return .response(403, body: "Origin \(origin) not allowed")
            }
            guard let to = fields["to"], let amount = Int(fields["amount"] ?? ""), balances[to] != nil else {
                return .response(400, body: "bad transfer")
            }
            balances[session.user, default: 0] -= amount
            balances[to, default: 0] += amount
            return .response(200, body: "sent \(amount) to \(to)")
        default:
            return .response(400, body: "no such route")
        }
    }
}

/// `web.csrf`: a cross-site request forgery against a bank, and each defence stopping it (or
/// not).
public enum CSRFDemo: Sendable {
    public static let name = "web.csrf"

    public struct Parameters: Codable, Sendable, Equatable {
        public var variant: CSRFVariant
        public var defence: CSRFDefence
        public init(variant: CSRFVariant = .formPost, defence: CSRFDefence = .none) {
            self.variant = variant
            self.defence = defence
        }
    }

    public struct Outcome: Codable, Sendable, Equatable {
        /// The forged transfer went through.
        public var forgedTransferDone: Bool
        /// What stopped it: `no cookie sent`, `token`, `origin`; nil when it went through.
        public var stoppedBy: String?
        /// The victim's own transfer still works with the defence on.
        public var legitimateTransferDone: Bool
        public var balances: [String: Int]
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, WebStep, Outcome> {
        var bank = BankServer(defence: parameters.defence, generator: SplitMix64(seed: seed))
        var jar = CookieJar()
        var log = WebTranscript(parties: ["browser", "bank", "evil"])
        let host = BankServer.host

        func toBank(
            _ method: String, _ target: String, context: RequestContext, extra: [(String, String)] = [],
            body: String = "", notes: [String] = []
        ) -> WebMessage {
            var headers = extra
            if let cookie = jar.header(for: host, method: method, context: context) {
                headers.insert(("Cookie", cookie), at: 0)
            }
            if method == "POST" { headers.append(("Content-Type", "application/x-www-form-urlencoded")) }
            let request = WebMessage.request(method, target, host: host, headers: headers, body: body)
            var allNotes = notes
            if request.header("Cookie") == nil && context != .sameSite {
                allNotes.append("no Cookie: SameSite=\(bank.cookieSameSite.rawValue) keeps it home")
            }
            log.request("browser", "bank", request, notes: allNotes)
            let response = bank.handle(request)
            jar.receive(response, from: host)
            log.response("bank", "browser", response, notes: response.status == 200 ? [response.body] : [])
            return response
        }

        _ = toBank(
            "POST", "/login", context: .sameSite, extra: [("Origin", BankServer.origin)],
            body: "user=alice&password=hunter2", notes: ["alice logs in"])
        let form = toBank("GET", "/transfer", context: .sameSite)
        var legitimateBody = "to=bob&amount=20"
        if parameters.defence == .token, let range = form.body.range(of: "value=") {
            let token = form.body[range.upperBound...].prefix { $0 != ">" }
            legitimateBody = "csrf=\(token)&" + legitimateBody
        }
        let legitimate = toBank(
            "POST", "/transfer", context: .sameSite, extra: [("Origin", BankServer.origin)],
            body: legitimateBody, notes: ["alice pays bob from the bank's own form"])

        let evilPage: String
        switch parameters.variant {
        case .formPost:
            evilPage =
                "<form method=POST action=https://bank.example/transfer><input name=to value=mallory>"
                + "<input name=amount value=500></form><script>document.forms[0].submit()</script>"
        case .imgGet:
            evilPage = "<img src=\"https://bank.example/transfer?to=mallory&amount=500\">"
        case .linkGet:
            evilPage = "<a href=\"https://bank.example/transfer?to=mallory&amount=500\">You won a prize!</a>"
        }
        let pageRequest = WebMessage.request("GET", "/", host: "evil.example")
        log.request("browser", "evil", pageRequest, notes: ["alice visits another site, still logged in"])
        log.response(
            "evil", "browser", .response(200, headers: [("Content-Type", "text/html")], body: evilPage),
            notes: [evilPage])

        let forged: WebMessage
        switch parameters.variant {
        case .formPost:
            forged = toBank(
                "POST", "/transfer", context: .crossSiteNavigation,
                extra: [("Origin", "https://evil.example"), ("Referer", "https://evil.example/")],
                body: "to=mallory&amount=500", notes: ["forged: the page submits itself"])
        case .imgGet:
            forged = toBank(
                "GET", "/transfer?to=mallory&amount=500", context: .crossSiteSubresource,
                extra: [("Referer", "https://evil.example/")],
                notes: ["forged: an image load, no Origin on a no-cors GET"])
        case .linkGet:
            forged = toBank(
                "GET", "/transfer?to=mallory&amount=500", context: .crossSiteNavigation,
                extra: [("Referer", "https://evil.example/")],
                notes: ["forged: alice clicks the link (top-level GET)"])
        }
        let done = forged.status == 200
        var stoppedBy: String?
        if !done {
            if forged.status == 303 {
                stoppedBy = "no cookie sent"
            } else if forged.body.contains("token") {
                stoppedBy = "token"
            } else {
                stoppedBy = "origin"
            }
        }
        return DemoTrace(
            demo: name, params: parameters, trace: log.steps,
            result: Outcome(
                forgedTransferDone: done, stoppedBy: stoppedBy, legitimateTransferDone: legitimate.status == 200,
                balances: bank.balances))
    }

}
