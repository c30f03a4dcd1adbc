import Basics
import Crypto
import Foundation

/// JSON Web Tokens signed with HMAC-SHA256 ("HS256"): RFC 7519 claims in an RFC 7515 JWS
/// compact serialization, `base64url(header).base64url(payload).base64url(signature)`.
public enum JWT {
    /// The claims this model issues, in a fixed key order so tokens reproduce.
    public struct Claims: Codable, Sendable, Equatable {
        public var sub: String
        public var role: String
        /// Issued at and expiry, Unix seconds (RFC 7519 §4.1.6, §4.1.4).
        public var iat: Int
        public var exp: Int

        var json: String {
            "{\"sub\":\"\(sub)\",\"role\":\"\(role)\",\"iat\":\(iat),\"exp\":\(exp)}"
        }
    }

    public static let hs256Header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}"

    /// Signs claims: HMAC-SHA256 over the ASCII of `header.payload` (RFC 7515 §5.1).
    public static func sign(_ claims: Claims, secret: [UInt8], header: String = hs256Header) -> String {
        let input = Bytes.base64URL(Array(header.utf8)) + "." + Bytes.base64URL(Array(claims.json.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: secret))
        return input + "." + Bytes.base64URL(Array(mac))
    }

    /// Why a token is refused.
    public enum Rejection: String, Error, Codable, Sendable, Equatable {
        case malformed
        /// Anything but HS256, `none` above all (RFC 8725 §3.1).
        case algorithmNotAllowed = "algorithm not allowed"
        case badSignature = "signature mismatch"
        case expired
    }

    /// Verifies a token at time `now`: structure, algorithm, MAC (compared in constant time),
    /// then expiry (RFC 7519 §7.2).
    public static func verify(_ token: String, secret: [UInt8], now: Int) -> Result<Claims, Rejection> {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerBytes = Bytes.fromBase64URL(parts[0]),
            let payloadBytes = Bytes.fromBase64URL(parts[1]), let signature = Bytes.fromBase64URL(parts[2]),
            let header = try? JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any]
        else { return .failure(.malformed) }
        guard header["alg"] as? String == "HS256" else { return .failure(.algorithmNotAllowed) }
        let input = Array((parts[0] + "." + parts[1]).utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: SymmetricKey(data: secret))
        else { return .failure(.badSignature) }
        guard let claims = try? JSONDecoder().decode(Claims.self, from: Data(payloadBytes)) else {
            return .failure(.malformed)
        }
        guard now < claims.exp else { return .failure(.expired) }
        return .success(claims)
    }
}

/// What the client does to its token before using it.
public enum JWTTamper: String, Codable, Sendable, CaseIterable {
    case none
    /// Re-encodes the payload with `"role":"admin"`, keeping the signature.
    case payload
    /// Flips one bit of the signature.
    case signature
    /// Sets `"alg":"none"`, drops the signature and claims admin (RFC 7519 §6 "unsecured JWT").
    case algNone = "alg-none"
}

/// `web.jwt`: token login. The API signs a JWT at login; the client presents it as a bearer
/// token (RFC 6750 §2.1); the API verifies signature and expiry.
public enum JWTDemo: Sendable {
    public static let name = "web.jwt"

    public struct Parameters: Codable, Sendable, Equatable {
        public var tamper: JWTTamper
        public var ttl: Int
        public var at: Int
        public var now: Int
        public init(tamper: JWTTamper = .none, ttl: Int = 900, at: Int = 60, now: Int = 1_767_225_600) {
            self.tamper = tamper
            self.ttl = ttl
            self.at = at
            self.now = now
        }
    }

    public struct Outcome: Codable, Sendable, Equatable {
        /// The token the API issued and the one the client presented.
        public var issued: String
        public var presented: String
        /// The HMAC key, hex, so another implementation can check the token.
        public var secret: String
        public var accepted: Bool
        public var rejection: JWT.Rejection?
        public var claims: JWT.Claims?
    }

    /// The token as the client alters it.
    static func tampered(_ token: String, claims: JWT.Claims, how: JWTTamper) -> String {
        let parts = token.split(separator: ".").map(String.init)
        var admin = claims
        admin.role = "admin"
        switch how {
        case .none:
            return token
        case .payload:
            return parts[0] + "." + Bytes.base64URL(Array(admin.json.utf8)) + "." + parts[2]
        case .signature:
            var signature = Bytes.fromBase64URL(parts[2])!
            signature[0] ^= 0x01
            return parts[0] + "." + parts[1] + "." + Bytes.base64URL(signature)
        case .algNone:
            return Bytes.base64URL(Array("{\"alg\":\"none\",\"typ\":\"JWT\"}".utf8)) + "."
                + Bytes.base64URL(Array(admin.json.utf8)) + "."
        }
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, WebStep, Outcome> {
        var generator = SplitMix64(seed: seed)
        let secret = Bytes.random(32, using: &generator)
        let host = "api.example"
        var log = WebTranscript(parties: ["client", "api"])
        let body = "{\"user\":\"alice\",\"password\":\"hunter2\"}"
        log.request(
            "client", "api", .request("POST", "/login", host: host, headers: [("Content-Type", "application/json")], body: body))
        let claims = JWT.Claims(sub: "alice", role: "user", iat: parameters.now, exp: parameters.now + parameters.ttl)
        let token = JWT.sign(claims, secret: secret)
        log.note(
            "api", "signs a JWT with HMAC-SHA256",
            [
                "header  " + JWT.hs256Header, "payload " + claims.json, "key     " + Bytes.abbreviated(Hex.string(secret)),
            ])
        log.response(
            "api", "client",
            .response(
                200, headers: [("Content-Type", "application/json")],
                body: "{\"token\":\"\(token)\"}"))
        let presented = tampered(token, claims: claims, how: parameters.tamper)
        switch parameters.tamper {
        case .none: break
        case .payload: log.note("client", "rewrites the payload to role admin, keeps the signature")
        case .signature: log.note("client", "flips one bit of the signature")
        case .algNone: log.note("client", "sets alg none, role admin, and drops the signature")
        }
        let callTime = parameters.now + parameters.at
        log.note(
            "client", "calls the API \(parameters.at) s after login",
            ["token expires \(parameters.ttl) s after login"])
        let request = WebMessage.request("GET", "/me", host: host, headers: [("Authorization", "Bearer " + presented)])
        log.request("client", "api", request)
        let verdict = JWT.verify(presented, secret: secret, now: callTime)
        var outcome = Outcome(
            issued: token, presented: presented, secret: Hex.string(secret), accepted: false,
            rejection: nil, claims: nil)
        switch verdict {
        case .success(let checked):
            outcome.accepted = true
            outcome.claims = checked
            log.response(
                "api", "client",
                .response(
                    200, headers: [("Content-Type", "application/json")],
                    body: "{\"sub\":\"\(checked.sub)\",\"role\":\"\(checked.role)\"}"),
                notes: ["signature valid, not expired"])
        case .failure(let rejection):
            outcome.rejection = rejection
            // RFC 6750 §3: the error goes in WWW-Authenticate.
            log.response(
                "api", "client",
                .response(
                    401,
                    headers: [
                        ("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"\(rejection.rawValue)\"")
                    ]))
        }
        return DemoTrace(demo: name, params: parameters, trace: log.steps, result: outcome)
    }

}
