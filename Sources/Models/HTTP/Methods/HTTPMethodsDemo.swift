import Basics

/// What RFC 9110 says of one request method, and what a browser may therefore do with it.
public struct HTTPMethodTraits: Codable, Sendable, Equatable {
    public var method: String
    /// Read-only by definition: a client may send it without asking the user (RFC 9110 §9.2.1).
    public var safe: Bool
    /// Sending it twice has the effect of sending it once (RFC 9110 §9.2.2).
    public var idempotent: Bool
    /// Responses may be stored by caches (RFC 9110 §9.2.3): `yes`, `no` or `rarely` (POST, only
    /// with explicit freshness and a Content-Location, and no browser does).
    public var cacheable: String
    /// What a request body means: `none`, `no defined meaning`, `yes`.
    public var requestBody: String
    /// A browser may resend it by itself after a dropped connection (RFC 9110 §9.2.2,
    /// RFC 9112 §9.3.1): only when idempotent.
    public var autoRetry: Bool { idempotent }
    /// Prefetching, link crawling and preloading are acceptable only for safe methods.
    public var prefetch: Bool { safe }
    /// Where it is defined.
    public var section: String

    /// The methods of RFC 9110 §9.3, and PATCH (RFC 5789 §2).
    public static let all: [HTTPMethodTraits] = [
        .init(
            method: "GET", safe: true, idempotent: true, cacheable: "yes", requestBody: "no defined meaning",
            section: "RFC 9110 §9.3.1"),
        .init(
            method: "HEAD", safe: true, idempotent: true, cacheable: "yes", requestBody: "no defined meaning",
            section: "RFC 9110 §9.3.2"),
        .init(
            method: "POST", safe: false, idempotent: false, cacheable: "rarely", requestBody: "yes", section: "RFC 9110 §9.3.3"),
        .init(method: "PUT", safe: false, idempotent: true, cacheable: "no", requestBody: "yes", section: "RFC 9110 §9.3.4"),
        .init(
            method: "DELETE", safe: false, idempotent: true, cacheable: "no", requestBody: "no defined meaning",
            section: "RFC 9110 §9.3.5"),
        .init(
            method: "CONNECT", safe: false, idempotent: false, cacheable: "no", requestBody: "no defined meaning",
            section: "RFC 9110 §9.3.6"),
        .init(
            method: "OPTIONS", safe: true, idempotent: true, cacheable: "no", requestBody: "no defined meaning",
            section: "RFC 9110 §9.3.7"),
        .init(method: "TRACE", safe: true, idempotent: true, cacheable: "no", requestBody: "none", section: "RFC 9110 §9.3.8"),
        .init(method: "PATCH", safe: false, idempotent: false, cacheable: "no", requestBody: "yes", section: "RFC 5789 §2"),
    ]

    public static func named(_ method: String) -> HTTPMethodTraits? {
        all.first { $0.method == method.uppercased() }
    }
}

/// `http.methods`: safety and idempotence per method, then what they mean in a browser: going
/// back to a page that was the answer to a POST, and a connection that drops before the answer.
public enum HTTPMethodsDemo: Sendable {
    public static let name = "http.methods"

    public struct Parameters: Codable, Sendable, Equatable {
        public var method: String?
        public var scenario: String
        public var postRedirectGet: Bool

        public init(method: String? = nil, scenario: String, postRedirectGet: Bool) {
            self.method = method
            self.scenario = scenario
            self.postRedirectGet = postRedirectGet
        }
    }

    public struct Step: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            /// One method's row of the table.
            case method
            /// One event of a scenario.
            case event
        }
        public var kind: Kind
        public var traits: HTTPMethodTraits?
        public var scenario: String?
        /// `user`, `browser`, `server` or `network`.
        public var actor: String?
        public var text: String?
        /// The HTTP/1.1 request the browser sends at this point.
        public var bytes: HTTPBytes?
        /// Orders (or other effects) the server has recorded so far.
        public var serverEffects: Int?
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var safe: [String]
        public var idempotent: [String]
        /// Effects the user meant, and what the server ended with, per scenario.
        public var intended: [String: Int]
        public var recorded: [String: Int]
    }

    static func request(_ method: String, _ target: String, body: String = "") -> HTTPBytes {
        var fields = [HTTPField("Host", "shop.example")]
        if !body.isEmpty { fields.append(HTTPField("Content-Type", "application/x-www-form-urlencoded")) }
        return HTTPBytes(HTTP1Writer.serialize(.request(method, target, fields: fields), body: Array(body.utf8)))
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var random = SplitMix64(seed: seed)
        let rows = parameters.method.flatMap(HTTPMethodTraits.named).map { [$0] } ?? HTTPMethodTraits.all
        var steps = rows.map { Step(kind: .method, traits: $0) }
        var intended: [String: Int] = [:]
        var recorded: [String: Int] = [:]

        if parameters.scenario != "retry" {
            // Back and forward: the browser re-requests what is not in its cache; for a page
            // that answered a POST, it must ask before sending the POST again.
            var orders = 0
            func event(_ actor: String, _ text: String, _ bytes: HTTPBytes? = nil) {
                steps.append(
                    Step(kind: .event, scenario: "back-forward", actor: actor, text: text, bytes: bytes, serverEffects: orders))
            }
            event("user", "opens the cart", request("GET", "/cart"))
            event("server", "200 OK, the cart page")
            event("user", "presses Order", request("POST", "/orders", body: "item=7&qty=1"))
            orders += 1
            if parameters.postRedirectGet {
                event("server", "records order 1; 303 See Other, Location: /orders/1")
                event("browser", "follows the redirect with GET, as 303 requires", request("GET", "/orders/1"))
                event("server", "200 OK, the receipt; history now holds GET /orders/1, not the POST")
            } else {
                event("server", "records order 1; 200 OK with the receipt as the POST's answer")
            }
            event("user", "goes on to the home page", request("GET", "/"))
            event("user", "presses Back")
            if parameters.postRedirectGet {
                event("browser", "re-requests the receipt: GET is safe, no question asked", request("GET", "/orders/1"))
            } else {
                event("browser", "the receipt was the answer to a POST: asks 'Confirm form resubmission?'")
                let confirms = Bool.random(using: &random)
                if confirms {
                    event("user", "confirms", request("POST", "/orders", body: "item=7&qty=1"))
                    orders += 1
                    event("server", "records order \(orders): the same order twice")
                } else {
                    event("user", "cancels; nothing is sent")
                }
            }
            intended["back-forward"] = 1
            recorded["back-forward"] = orders
        }

        if parameters.scenario != "back-forward" {
            // A dropped connection: the browser cannot know whether the server acted.
            let method = parameters.method ?? ["GET", "PUT", "POST", "DELETE", "PATCH"].randomElement(using: &random)!
            let traits = HTTPMethodTraits.named(method)!
            // CONNECT names an authority, not a path (RFC 9112 §3.2.3).
            let target = method == "POST" ? "/orders" : method == "CONNECT" ? "shop.example:443" : "/cart/items/7"
            let body = traits.requestBody == "yes" ? (method == "POST" ? "item=7&qty=1" : "qty=2") : ""
            let processed = Bool.random(using: &random)
            let changes = !traits.safe
            var effects = 0
            func event(_ actor: String, _ text: String, _ bytes: HTTPBytes? = nil) {
                steps.append(
                    Step(kind: .event, scenario: "retry", actor: actor, text: text, bytes: bytes, serverEffects: effects))
            }
            event("browser", "sends \(method) \(target)", request(method, target, body: body))
            if processed {
                if changes { effects += 1 }
                event("server", changes ? "acts on it (effect \(effects)), starts the response" : "reads, starts the response")
            } else {
                event("server", "has not read it yet")
            }
            event("network", "the connection drops before any response arrives")
            if traits.autoRetry {
                event(
                    "browser", "\(method) is idempotent: resends it on a new connection (RFC 9112 §9.3.1)",
                    request(method, target, body: body))
                if changes {
                    // PUT and DELETE set a state: doing it again leaves the same state.
                    effects = 1
                    event("server", "same state as after one \(method): \(processed ? "no change" : "applied once")")
                } else {
                    event("server", "answers; nothing changed")
                }
            } else {
                event("browser", "\(method) is not idempotent: shows an error instead of resending")
                if Bool.random(using: &random) {
                    event("user", "retries by hand", request(method, target, body: body))
                    effects += 1
                    event("server", processed ? "acts again: effect \(effects), a duplicate" : "acts: effect \(effects)")
                } else {
                    event("user", processed ? "gives up, unaware the order went through" : "gives up")
                }
            }
            intended["retry"] = changes ? 1 : 0
            recorded["retry"] = effects
        }

        let outcome = Outcome(
            safe: rows.filter(\.safe).map(\.method), idempotent: rows.filter(\.idempotent).map(\.method),
            intended: intended, recorded: recorded)
        return DemoTrace(demo: name, params: parameters, trace: steps, result: outcome)
    }

}
