import ArgumentParser
import Basics
import Foundation
import Models

extension CSRFDemo: Demo {
    public static let summary = "CSRF on a simulated bank: token, SameSite and Origin defences"

    public struct Options: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "How evil.example forges the transfer: form-post, img-get or link-get.", valueName: "variant"))
        var variant = "form-post"
        @Option(
            help: ArgumentHelp(
                "The bank's defence: none, token, samesite-lax, samesite-strict or origin.", valueName: "defence"))
        var defence = "none"

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        return Parameters(
            variant: try OptionCheck.choice(options.variant, "variant") as CSRFVariant,
            defence: try OptionCheck.choice(options.defence, "defence") as CSRFDefence)
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
