import ArgumentParser
import Basics
import Foundation
import Models

extension SessionDemo: Demo {
    public static let summary = "cookie sessions: login, logout, session fixation, id rotation"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("An attacker plants a session id before login: none or fixation.", valueName: "attack"))
        var attack = "none"
        @Option(help: ArgumentHelp("The server issues a new id on login: yes or no.", valueName: "yes|no"))
        var rotate = "yes"

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let attack = options.attack
        guard ["none", "fixation"].contains(attack) else { throw DemoError.badOption("--attack takes none or fixation") }
        let rotate = options.rotate
        guard ["yes", "no"].contains(rotate) else { throw DemoError.badOption("--rotate takes yes or no") }
        return Parameters(attack: attack, rotate: rotate == "yes")
    }

    public static func render(_ trace: DemoTrace<Parameters, WebStep, Outcome>, style: RenderStyle) -> String {
        ladder(trace)!.text(.spread, style: style)
    }

    public static func ladder(_ trace: DemoTrace<Parameters, WebStep, Outcome>) -> Ladder? {
        let p = trace.params
        let fixation = p.attack == "fixation"
        let title =
            fixation
            ? "Session fixation against app.example, id rotation on login: \(p.rotate ? "yes" : "no")"
            : "A cookie session at app.example: login, account, logout"
        var footer: [(String, Bool?)] = []
        if fixation {
            footer.append(
                trace.result.hijacked
                    ? ("Hijacked: the id fixed before login was still valid after it.", false)
                    : ("Stopped: the server gave the victim a new id when she logged in.", true))
        } else {
            footer.append(("Sessions left on the server: \(trace.result.sessionsLeft.count)", nil))
        }
        return WebTranscript.ladder(
            parties: fixation ? ["attacker", "browser", "app"] : ["browser", "app"], steps: trace.trace,
            title: title, footer: footer)
    }
}
