import ArgumentParser
import Basics
import Foundation
import Models

extension HTTPMethodsDemo: Demo {
    public static let summary = "GET vs POST: safe, idempotent, cacheable; back/forward and retry after a drop"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("One method's row and its retry scenario (all rows without it).", valueName: "method"))
        var method: String?
        @Option(help: ArgumentHelp("Back-forward, retry or all.", valueName: "scenario"))
        var scenario = "all"
        @Flag(help: "The shop answers its POST with 303 See Other (Post/Redirect/Get).")
        var prg = false

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        let method = options.method ?? ""
        if !method.isEmpty, HTTPMethodTraits.named(method) == nil {
            throw DemoError.badOption(
                "--method takes one of " + HTTPMethodTraits.all.map(\.method).joined(separator: ", "))
        }
        let scenario = options.scenario
        guard ["all", "back-forward", "retry"].contains(scenario) else {
            throw DemoError.badOption("--scenario takes back-forward, retry or all")
        }
        return Parameters(
            method: method.isEmpty ? nil : method.uppercased(), scenario: scenario, postRedirectGet: options.prg)
    }

    /// The table of methods, then each scenario as a numbered list of events with the request
    /// lines sent and the number of effects on the server.
    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        var lines = [HTTPText.bold("\(name): request methods (RFC 9110 §9)", style), ""]
        let table = Table([
            .init("method", 9, overflow: .mark), .init("safe", 6, overflow: .mark), .init("idempotent", 12, overflow: .mark),
            .init("cacheable", 11, overflow: .mark), .init("auto-retry", 12, overflow: .mark),
            .init("prefetch", 10, overflow: .mark), .init("defined in", 0),
        ])
        lines.append(table.header)
        func yes(_ value: Bool) -> String { value ? "yes" : "no" }
        for step in trace.trace where step.kind == .method {
            let t = step.traits!
            let row = table.row([
                t.method, yes(t.safe), yes(t.idempotent), t.cacheable, yes(t.autoRetry), yes(t.prefetch), t.section,
            ])
            lines.append(t.safe ? row : HTTPText.colour(row, HTTPText.yellow, style))
        }
        var scenario = ""
        var number = 0
        for step in trace.trace where step.kind == .event {
            if step.scenario != scenario {
                scenario = step.scenario ?? ""
                number = 0
                lines.append("")
                lines.append(HTTPText.bold(scenario == "retry" ? "retry after a dropped connection" : "back and forward", style))
            }
            number += 1
            let lead = HTTPText.padLeft("\(number).", 4) + " " + HTTPText.pad(step.actor ?? "", 8)
            let wrapped = HTTPText.wrap(step.text ?? "", 80 - lead.count - 1)
            for (index, line) in wrapped.enumerated() {
                lines.append((index == 0 ? lead : String(repeating: " ", count: lead.count)) + " " + line)
            }
            if let bytes = step.bytes {
                let requestLine = String(decoding: bytes.bytes.prefix { $0 != 0x0d }, as: UTF8.self)
                let effects = step.serverEffects.map { "  [server effects: \($0)]" } ?? ""
                lines.append(
                    String(repeating: " ", count: lead.count + 1) + HTTPText.colour(requestLine, HTTPText.cyan, style) + effects)
            }
        }
        let r = trace.result
        for key in r.intended.keys.sorted() {
            let (want, got) = (r.intended[key]!, r.recorded[key]!)
            let verdict = want == got ? "as intended" : HTTPText.colour("not what the user meant", HTTPText.red, style)
            lines.append("")
            lines.append("\(key): the user meant \(want) effect\(want == 1 ? "" : "s"), the server has \(got): \(verdict)")
        }
        return lines.joined(separator: "\n")
    }
}
