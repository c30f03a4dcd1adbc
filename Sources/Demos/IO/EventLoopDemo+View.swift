import ArgumentParser
import Basics
import Foundation
import Models

extension EventLoopDemo: Demo {
    public static let summary = "one thread serving many connections: an event loop, its waits, and a blocking handler"

    public struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Connections served by the one loop.", valueName: "n"))
        var connections = 5
        @Option(help: ArgumentHelp("Requests on each connection.", valueName: "n"))
        var requests = 2
        @Option(
            help: ArgumentHelp(
                "Milliseconds a handler runs per request (try 20 for a blocking one).", valueName: "ms"))
        var service = 1.0
        @Option(help: ArgumentHelp("Requests arrive within this many milliseconds.", valueName: "ms"))
        var spread = 20.0

        public init() {}
    }

    public static func parameters(from options: Options) throws -> Parameters {
        Parameters(
            connections: try OptionCheck.within(options.connections, 1...1000, "connections"),
            requests: try OptionCheck.within(options.requests, 1...100, "requests"),
            service: try OptionCheck.within(options.service, 0...10_000, "service"),
            spread: try OptionCheck.within(options.spread, 0...1_000_000, "spread"))
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        let p = trace.params
        let r = trace.result
        func ms(_ value: Double) -> String { String(format: "%.1f", value) }
        var lines = [
            Paint(style).bold("One event loop, \(p.connections) connections, \(r.requests) requests"),
            "handler \(ms(p.service)) ms per request; requests arrive within \(ms(p.spread)) ms",
            "",
        ]
        let table = Table(
            [
                .init("arrived", 7, .right), .init("started", 7, .right), .init("finished", 8, .right), .init("conn", 4, .right),
                .init("waited", 6, .right),
            ], gap: "  ", indent: "  ")
        lines.append(table.header)
        for step in trace.trace.prefix(40) {
            let waited = step.started - step.arrived
            let line = table.row([
                ms(step.arrived), ms(step.started), ms(step.finished), String(step.connection), ms(waited),
            ])
            lines.append(waited > 2 * max(p.service, 0.1) ? Paint(style).yellow(line) : line)
        }
        if trace.trace.count > 40 { lines.append("  … \(trace.trace.count - 40) more") }
        lines.append("")
        lines.append(
            "1 thread served \(p.connections) connections; waits: mean \(ms(r.meanWait)) ms, worst \(ms(r.maxWait)) ms; "
                + "loop busy \(Int((r.busy * 100).rounded()))% of the time.")
        lines.append(
            r.meanWait > p.service
                ? "A request waits for every handler ahead of it: keep handlers short, move slow work off the loop."
                : "Handlers are short, so each connection waits little although they share one thread.")
        return lines.joined(separator: "\n") + "\n"
    }
}
