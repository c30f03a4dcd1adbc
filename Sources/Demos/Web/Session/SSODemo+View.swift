import ArgumentParser
import Basics
import Foundation
import Models

extension SSODemo: Demo {
    public static let summary = "CAS-style SSO: redirects, service tickets, validation, single logout"

    public struct Options: ParsableArguments {
        @Flag(help: "Someone replays app A's used service ticket.")
        var replay = false
        @Option(help: ArgumentHelp("End with single logout: yes or no.", valueName: "yes|no"))
        var logout = "yes"

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let replay = options.replay
        let logout = options.logout
        guard ["yes", "no"].contains(logout) else { throw DemoError.badOption("--logout takes yes or no") }
        return Parameters(replay: replay, logout: logout == "yes")
    }

    public static func render(_ trace: DemoTrace<Parameters, WebStep, Outcome>, style: RenderStyle) -> String {
        ladder(trace)!.text(.spread, style: style)
    }

    public static func ladder(_ trace: DemoTrace<Parameters, WebStep, Outcome>) -> Ladder? {
        let r = trace.result
        var footer: [(String, Bool?)] = [
            ("Password typed \(r.passwordPrompts) time(s) for two applications.", nil),
            ("Local sessions left: app-a \(r.sessionsLeft["app-a"] ?? 0), app-b \(r.sessionsLeft["app-b"] ?? 0).", nil),
        ]
        if let refused = r.replayRefused {
            footer.append(
                refused
                    ? ("Replayed ticket refused: service tickets are single use.", true)
                    : ("Replayed ticket ACCEPTED.", false))
        }
        return WebTranscript.ladder(
            parties: parties, steps: trace.trace, title: "CAS single sign-on: a.example and b.example via cas.example",
            footer: footer)
    }
}
