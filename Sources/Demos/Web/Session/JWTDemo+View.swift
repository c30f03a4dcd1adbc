import Basics
import Foundation
import Models

extension JWTDemo: Demo {
    public static let summary = "token login with an HS256 JWT: expiry and tampering caught"

    public static let usage = [
        "--tamper none|payload|signature|alg-none   what the client changes (none)",
        "--ttl SECONDS            token lifetime (900)",
        "--at SECONDS             when the API call is made, after login (60)",
        "--now SECONDS            login time, Unix seconds (1767225600)",
    ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        Parameters(
            tamper: try options.choice("tamper", default: JWTTamper.none),
            ttl: try options.int("ttl", default: 900, in: 1...31_536_000),
            at: try options.int("at", default: 60, in: 0...31_536_000),
            now: try options.int("now", default: 1_767_225_600, in: 0...4_102_444_800))
    }

    public static func render(_ trace: DemoTrace<Parameters, WebStep, Outcome>, style: RenderStyle) -> String {
        ladder(trace)!.text(.spread, style: style)
    }

    public static func ladder(_ trace: DemoTrace<Parameters, WebStep, Outcome>) -> Ladder? {
        let r = trace.result
        var footer: [(String, Bool?)] = [("token: " + Bytes.abbreviated(r.presented, keep: 30), nil)]
        if r.accepted {
            footer.append(("Accepted: \(r.claims?.sub ?? "?") as \(r.claims?.role ?? "?").", true))
        } else {
            footer.append(("Rejected: \(r.rejection?.rawValue ?? "?").", trace.params.tamper == .none ? nil : true))
        }
        return WebTranscript.ladder(
            parties: ["client", "api"], steps: trace.trace,
            title: "JWT login at api.example, tamper: \(trace.params.tamper.rawValue)", footer: footer)
    }
}
