import ArgumentParser
import Basics
import Foundation
import Models

extension StatesDemo: Demo {
    public static let summary = "RFC 9293 state machine: 11 states driven by scripted events"

    public struct Options: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "The scenario: client, server, simultaneous-open, simultaneous-close, reset.", valueName: "scenario"))
        var scenario = "client"
        @Option(
            help: ArgumentHelp(
                "A script instead: passive-open, active-open, send, close, abort, rcv-syn, rcv-syn-ack, rcv-ack, rcv-fin, rcv-fin-ack, rcv-rst, timeout.",
                valueName: "event,..."))
        var events: String?
        @Option(help: ArgumentHelp("The state the script starts in (default: CLOSED).", valueName: "state"))
        var from: String?
        @Flag(help: "Print every transition of the diagram instead.")
        var table = false

        public init() {}
    }

    /// Ready-made scripts.
    public static let scenarios: [String: (TCPState, [TCPEvent])] = [
        "client": (.closed, [.activeOpen, .receiveSYNACK, .close, .receiveACK, .receiveFIN, .timeout]),
        "server": (.closed, [.passiveOpen, .receiveSYN, .receiveACK, .receiveFIN, .close, .receiveACK]),
        "simultaneous-open": (.closed, [.activeOpen, .receiveSYN, .receiveACK]),
        "simultaneous-close": (.established, [.close, .receiveFIN, .receiveACK, .timeout]),
        "reset": (.closed, [.passiveOpen, .receiveSYN, .receiveRST, .receiveSYN, .receiveACK, .receiveRST]),
    ]

    public static func parameters(from options: Options) throws -> Parameters {
        let table = options.table
        let names = OptionCheck.list(options.events)
        let scenarioName = options.scenario
        let fromName = options.from ?? ""
        var from: TCPState = .closed
        var events: [TCPEvent]
        if names.isEmpty {
            guard let scenario = scenarios[scenarioName] else {
                throw DemoError.badOption(
                    "--scenario must be one of \(scenarios.keys.sorted().joined(separator: ", ")), not '\(scenarioName)'")
            }
            (from, events) = scenario
        } else {
            events = try names.map { name in
                guard let event = TCPEvent(rawValue: name.lowercased()) else {
                    throw DemoError.badOption(
                        "no event '\(name)'; events are \(TCPEvent.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return event
            }
        }
        if !fromName.isEmpty {
            guard let state = TCPState(name: fromName) else {
                throw DemoError.badOption(
                    "no state '\(fromName)'; states are \(TCPState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            from = state
        }
        return Parameters(from: from, events: events, table: table)
    }

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        var lines: [String] = []
        let title = trace.params.table ? "Every transition of RFC 9293's state diagram" : "TCP state machine (RFC 9293 §3.3.2)"
        lines.append(Paint(style).bold(title))
        lines.append("")
        let table = Table(
            [
                .init("state", 13, overflow: .cut), .init("event", 13, overflow: .cut), .init("next state", 13, overflow: .cut),
                .init("action", 0),
            ])
        lines.append(table.header)
        lines.append(String(repeating: "-", count: min(style.width, 78)))
        for step in trace.trace {
            let changed = step.from != step.to
            lines.append(
                table.row([step.from.rawValue, step.event.rawValue, step.to.rawValue, step.action]) { index, cell in
                    index == 2 && changed ? Paint(style).bold(cell) : cell
                })
        }
        lines.append("")
        lines.append(
            trace.params.table
                ? "\(trace.result.transitions) transitions; any other event is impossible in its state."
                : "final state: \(trace.result.final) after \(trace.result.transitions) events")
        return lines.joined(separator: "\n") + "\n"
    }
}
