import ArgumentParser
import Demos
import Foundation
import LiveDemos
import Models

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `netprep demo`: lists the protocol models and runs one, as a terminal drawing or JSON.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", _superCommandName: Netprep.name,
        abstract: "Run the protocol models behind the answers.",
        discussion: """
            Every demo is a deterministic model: the same options and seed give the same run.
            Options after the demo's name belong to the demo; `netprep demo list NAME` shows them.

            Examples:
              netprep demo list
              netprep demo run tcp.handshake --lose syn
              netprep demo run tcp.congestion --algorithm reno --losses 8:dup,12:timeout
              netprep demo run tcp.checksum --json | python3 scripts/tcp/check_bytes.py
              netprep demo run tcp.framing --live
            """,
        subcommands: [List.self, Run.self]
    )
}

extension DemoCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the demos, one per line, or show one demo's options.",
            discussion: """
                With --json, prints JSON Lines: {"live": Bool, "name": String, "summary": String}.

                Examples:
                  netprep demo list
                  netprep demo list --json
                  netprep demo list tcp.rto
                """
        )

        @Argument(help: "A demo whose options to show.")
        var name: String?

        @Flag(help: "Print JSON Lines instead of a table.")
        var json = false

        func run() throws {
            if let name {
                let demo = try DemoCommand.catching { try DemoCatalog.demo(named: name) }
                if json {
                    let entry = ListEntry(demo: demo)
                    print(try DemoCommand.jsonLine(entry))
                    return
                }
                print(DemoCommand.help(demo), terminator: "")
                return
            }
            let entries = DemoCatalog.all.map(ListEntry.init(demo:))
            if json {
                for entry in entries { print(try DemoCommand.jsonLine(entry)) }
                return
            }
            let nameWidth = entries.map(\.name.count).max() ?? 0
            for entry in entries {
                let padded = entry.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                print("\(padded)  \(entry.summary)\(entry.live ? " (--live)" : "")")
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run one demo and draw its trace, or print it as JSON.",
            discussion: """
                Options the demo takes follow its name; `netprep demo run NAME --help` lists them.
                A bad option exits with status 64, any other failure with status 1.

                Examples:
                  netprep demo run tcp.states --events active-open,rcv-syn-ack
                  netprep demo run tcp.rto --samples 1.0,1.2,3.0 --json
                  netprep demo run tcp.self-connect --live
                  netprep demo run tls.handshake --svg tls.svg
                """
        )

        @Argument(help: "The demo to run (netprep demo list).")
        var name: String

        @Option(help: "The random seed; the same seed gives the same run.")
        var seed: UInt64 = 1

        @Flag(help: "Print {demo, params, trace, result} as one JSON object.")
        var json = false

        @Flag(help: "Run the live variant on real sockets over loopback.")
        var live = false

        @Option(help: ArgumentHelp("Also draw the run (its ladder diagram or chart) to FILE as SVG.", valueName: "file"))
        var svg: String?

        @Argument(parsing: .allUnrecognized, help: "The demo's own options.")
        var options: [String] = []

        func run() async throws {
            let terminal = DemoTerminal.current
            let style = RenderStyle(color: terminal.color && !json, width: terminal.width)
            // `--` may separate the demo's options from netprep's; the demo never sees it.
            let options = self.options.filter { $0 != "--" }
            let output: String
            if let svg { try DemoCommand.writeSVG(name: name, arguments: options, seed: seed, live: live, to: svg) }
            if live {
                guard let demo = LiveCatalog.demo(named: name) else {
                    let names = LiveCatalog.all.map { $0.name }.joined(separator: ", ")
                    _ = try DemoCommand.catching { try DemoCatalog.demo(named: name) }
                    DemoCommand.fail("demo '\(name)' has no live variant (live demos: \(names))", status: .failure)
                }
                output = try await DemoCommand.runLive(demo, arguments: options, json: json, style: style)
            } else {
                output = try DemoCommand.catching {
                    try DemoCatalog.execute(name: name, arguments: options, seed: seed, json: json, style: style)
                }
            }
            print(output, terminator: output.hasSuffix("\n") ? "" : "\n")
        }
    }

    /// One line of `netprep demo list --json`.
    struct ListEntry: Encodable {
        var name: String
        var summary: String
        var live: Bool

        init(demo: any Demo.Type) {
            name = demo.name
            summary = demo.summary
            live = LiveCatalog.demo(named: demo.name) != nil
        }
    }

    static func jsonLine(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Maps a model's `DemoError` to `netprep: message` on stderr and the exit status.
    static func catching<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DemoError {
            report(error)
        }
    }

    /// Runs a live demo, its options parsed and checked.
    static func runLive(_ demo: any LiveDemo.Type, arguments: [String], json: Bool, style: RenderStyle) async throws -> String {
        do {
            return try await runLive(opening: demo, arguments: arguments, json: json, style: style)
        } catch let error as DemoError {
            report(error)
        } catch {
            fail("live demo \(demo.name) failed: \(error)", status: .failure)
        }
    }

    // Generic so that the demo's type is opened here: Swift 6.3's SILGen crashes on an async
    // requirement called on an existential metatype.
    private static func runLive<D: LiveDemo>(opening demo: D.Type, arguments: [String], json: Bool, style: RenderStyle)
        async throws -> String
    {
        try await D.run(arguments: arguments, json: json, style: style)
    }

    private static func report(_ error: DemoError) -> Never {
        let report = Failure.report(for: error)!
        fail(report.message, status: report.status)
    }

    /// `--svg FILE`: the run's ladder diagram or chart as SVG, written whole or not at all.
    static func writeSVG(name: String, arguments: [String], seed: UInt64, live: Bool, to path: String) throws {
        if live { fail("--svg draws the simulated run; leave out --live", status: .validationFailure) }
        guard let svg = try catching({ try DemoCatalog.svg(name: name, arguments: arguments, seed: seed) }) else {
            let names = DemoCatalog.pictureNames.joined(separator: ", ")
            fail("demo '\(name)' draws no picture to put in an SVG (these do: \(names))", status: .failure)
        }
        do {
            try Data(svg.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            fail("cannot write \(path): \(error.localizedDescription)", status: .failure)
        }
    }

    /// `netprep demo run NAME --help`: the demo's own options rather than the generic help.
    /// Returns false when the words are not that (a typo in NAME gets the usual suggestion).
    static func printHelpIfAsked(_ arguments: [String]) -> Bool {
        guard arguments.count >= 4, arguments[0] == "demo", arguments[1] == "run", !arguments[2].hasPrefix("-"),
            arguments.dropFirst(3).contains(where: { $0 == "--help" || $0 == "-h" }),
            let demo = try? DemoCatalog.demo(named: arguments[2])
        else { return false }
        if arguments.contains("--live"), let live = LiveCatalog.demo(named: demo.name) {
            print(liveHelp(live), terminator: "")
        } else {
            print(help(demo), terminator: "")
        }
        return true
    }

    static func fail(_ message: String, status: ExitCode) -> Never {
        try? FileHandle.standardError.write(contentsOf: Data("netprep: \(message)\n".utf8))
        Self.exit(withError: status)
    }
}

/// What the output terminal allows: colour and width, as `Console` decides them for every command.
private struct DemoTerminal {
    var color: Bool
    var width: Int

    static var current: DemoTerminal { DemoTerminal(color: Console.useColor, width: Console.width) }
}

/// `netprep demo run NAME --help`: the demo's own options, as swift-argument-parser writes
/// them from its `Options`, and netprep's options for every run.
struct DemoHelp<D: Demo>: ParsableCommand {
    static var configuration: CommandConfiguration {
        var notes: [String] = []
        if LiveCatalog.demo(named: D.name) != nil {
            notes.append(
                "Add --live to run it on real sockets over loopback (netprep demo run \(D.name) --live --help lists that run's options)."
            )
        }
        if DemoCatalog.drawsPicture(D.self) {
            notes.append("Add --svg FILE to draw the run to FILE as SVG as well.")
        }
        return CommandConfiguration(
            commandName: "netprep demo run \(D.name)", abstract: D.summary, discussion: notes.joined(separator: "\n"))
    }

    @OptionGroup var options: D.Options

    @Option(help: "The random seed; the same seed gives the same run.")
    var seed: UInt64 = 1

    @Flag(help: "Print {demo, params, trace, result} as one JSON object.")
    var json = false

    init() {}
}

/// `netprep demo run NAME --live --help`.
struct LiveDemoHelp<D: LiveDemo>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "netprep demo run \(D.name) --live", abstract: D.summary)
    }

    @OptionGroup var options: D.Options

    @Flag(help: "Print the run as one JSON object.")
    var json = false

    init() {}
}

extension DemoCommand {
    static func help<D: Demo>(_ demo: D.Type) -> String {
        DemoHelp<D>.helpMessage(columns: Console.width)
    }

    static func liveHelp<D: LiveDemo>(_ demo: D.Type) -> String {
        LiveDemoHelp<D>.helpMessage(columns: Console.width)
    }
}
