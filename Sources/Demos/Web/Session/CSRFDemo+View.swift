import Basics
import Foundation
import Models

extension CSRFDemo: Demo {
    public static let summary = "CSRF on a simulated bank: token, SameSite and Origin defences"

    public static let usage = [
        "--variant form-post|img-get|link-get   how evil.example forges the transfer (form-post)",
        "--defence none|token|samesite-lax|samesite-strict|origin   the bank's defence (none)",
    ]

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        return Parameters(
            variant: try options.choice("variant", default: CSRFVariant.formPost),
            defence: try options.choice("defence", default: CSRFDefence.none))
    }

    public static func render(_ trace: DemoTrace<Parameters, WebStep, Outcome>, style: RenderStyle) -> String {
        ladder(trace)!.text(.spread, style: style)
    }

    public static func ladder(_ trace: DemoTrace<Parameters, WebStep, Outcome>) -> Ladder? {
        let p = trace.params
        let r = trace.result
        var footer: [(String, Bool?)] = []
        if r.forgedTransferDone {
            footer.append(("Forged transfer DONE: mallory has \(r.balances["mallory"] ?? 0).", false))
        } else {
            footer.append(("Forged transfer stopped (\(r.stoppedBy ?? "?")).", true))
        }
        footer.append(
            (
                "alice's own transfer \(r.legitimateTransferDone ? "worked" : "FAILED") with this defence.",
                r.legitimateTransferDone ? nil : false
            ))
        return WebTranscript.ladder(
            parties: ["browser", "bank", "evil"], steps: trace.trace,
            title: "CSRF via \(p.variant.rawValue) against bank.example, defence: \(p.defence.rawValue)", footer: footer)
    }
}
