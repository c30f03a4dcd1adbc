import ArgumentParser
import Basics
import Foundation
import Models

extension JWTDemo: Demo {
    public static let summary = "token login with an HS256 JWT: expiry and tampering caught"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("What the client changes: none, payload, signature or alg-none.", valueName: "tamper"))
        var tamper = "none"
        @Option(help: ArgumentHelp("Token lifetime.", valueName: "seconds"))
        var ttl = 900
        @Option(help: ArgumentHelp("When the API call is made, after login.", valueName: "seconds"))
        var at = 60
        @Option(help: ArgumentHelp("Login time, Unix seconds.", valueName: "seconds"))
        var now = 1_767_225_600

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        Parameters(
            tamper: try OptionCheck.choice(options.tamper, "tamper") as JWTTamper,
            ttl: try OptionCheck.within(options.ttl, 1...31_536_000, "ttl"),
            at: try OptionCheck.within(options.at, 0...31_536_000, "at"),
            now: try OptionCheck.within(options.now, 0...4_102_444_800, "now"))
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
