import Basics
import Foundation
import Models

extension SessionDemo: Demo {
    public static let summary = "cookie sessions: login, logout, session fixation, id rotation"

    public static let usage = [
        "--attack none|fixation   an attacker plants a session id before login (none)",
        "--rotate yes|no          the server issues a new id on login (yes)",
    ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        let attack = options.string("attack", default: "none")
        guard ["none", "fixation"].contains(attack) else { throw DemoError.badOption("--attack takes none or fixation") }
        let rotate = options.string("rotate", default: "yes")
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
