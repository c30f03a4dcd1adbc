import ArgumentParser
import Foundation
import Notes

@main
struct Netprep: AsyncParsableCommand {
    /// The tool's name, which every subcommand also names as its super-command (`runAsRoot`).
    static let name = "netprep"

    static let configuration = CommandConfiguration(
        commandName: name,
        abstract: "A knowledge base and quiz engine for networking interviews.",
        discussion: """
            Notes in Markdown (the built-in ones and yours) become a searchable topic
            graph, flashcards and runnable protocol demos.

            Examples:
              netprep                      # today: due cards, streak, weakest topics
              netprep quiz --topic tcp
              netprep search 三次握手
              netprep import ~/notes
              netprep topics --tree --topic tcp
              netprep demo run tcp.handshake
              netprep serve --open
              netprep --version
            """,
        subcommands: [
            DashboardCommand.self, QuizCommand.self, ReviewCommand.self, StatsCommand.self, SearchCommand.self,
            ImportCommand.self, LintCommand.self, TopicsCommand.self, CardsCommand.self, ShowCommand.self, DemoCommand.self,
            ExportCommand.self, FSRSCommand.self, ConfigCommand.self, BackupCommand.self, RestoreCommand.self,
            DoctorCommand.self, BenchCommand.self, ServeCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// The release; the notes parser's version says when files are read again.
    static let version = "0.3.0 (notes parser \(NoteParser.version))"

    /// The plain forms of `netprep`, `today`, `search`, `show` and `quiz` skip ArgumentParser
    /// (`quickRun`), `netprep --help` prints the help without parsing (`RootHelp`, kept as
    /// ArgumentParser writes it), and a command named first
    /// is parsed on its own (`runAsRoot`); everything else goes through ArgumentParser's parse of
    /// the whole tool.
    ///
    /// `--version` is answered here, only as the first word: ArgumentParser's own version flag
    /// would also catch it after `demo run NAME`, where it is a demo's option (`tls.handshake
    /// --version 1.2`, `http.versions --version 2`).
    ///
    /// On the main thread, as its helpers: a nonisolated `async` function would move the command
    /// to a worker thread of its own, whose fresh heap grows page by page (`netprep quiz`: four
    /// threads and 306 `mprotect` calls before its first card, against none and 10).
    @MainActor static func main() async {
        let arguments = GlobalOptions.movedAfterCommand(Array(CommandLine.arguments.dropFirst())) {
            subcommand(named: $0) != nil
        }
        await run(arguments)
        OpenDatabases.closeAll()
    }

    @MainActor private static func run(_ arguments: [String]) async {
        if arguments == ["--version"] {
            print("netprep \(version)")
            return
        }
        do {
            if try quickRun(arguments) { return }
        } catch {
            OpenDatabases.closeAll()
            exit(withError: error)
        }
        if DemoCommand.printHelpIfAsked(arguments) { return }
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            print(RootHelp.text(columns: Console.helpColumns) ?? helpMessage())
            return
        }
        if let command = arguments.first.flatMap(subcommand(named:)) {
            await runAsRoot(command, Array(arguments.dropFirst()))
        } else {
            await main(nil)
        }
    }

    /// The plain forms of the commands run most, read without ArgumentParser
    /// (`QuickArguments`); false for every other line.
    static func quickRun(_ arguments: [String]) throws -> Bool {
        let rest = Array(arguments.dropFirst())
        switch arguments.first {
        case nil: return try DashboardCommand.quickRun([])
        case "today": return try DashboardCommand.quickRun(rest)
        case "search": return try SearchCommand.quickRun(rest)
        case "show": return try ShowCommand.quickRun(rest)
        case "quiz": return try QuizCommand.quickRun(rest)
        default: return false
        }
    }

    /// The subcommand a first word names; nil for an option, `help` or a mistake, which the
    /// whole parser answers.
    static func subcommand(named name: String) -> ParsableCommand.Type? {
        configuration.subcommands.first { $0.configuration.commandName == name }
    }

    /// Runs a subcommand parsed as the root, as `AsyncParsableCommand.main` does.
    ///
    /// Parsed under `netprep`, every command would first be parsed again as a request for a
    /// completion script, a quarter of `netprep today`'s work (ArgumentParser builds those
    /// options by reflection, and each new type it meets costs a scan of the binary's
    /// conformances); a subcommand that names `netprep` as its super-command skips that. Its
    /// help reads the same either way; mistakes are parsed again under `netprep`, so their
    /// messages read exactly as before.
    @MainActor static func runAsRoot(_ type: ParsableCommand.Type, _ arguments: [String]) async {
        var command: ParsableCommand
        do {
            command = try type.parseAsRoot(arguments)
        } catch {
            // Help reads the same either way (the usage names `netprep` as the super-command).
            if type.exitCode(for: error) == .success { type.exit(withError: error) }
            await main(nil)
            return
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            OpenDatabases.closeAll()
            exit(withError: error)
        }
    }
}

/// `netprep bench`: the speed goals, measured in one run each (scripts/build-release.sh).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", _superCommandName: Netprep.name,
        abstract: "Measure the speed goals (build with scripts/build-release.sh first).",
        subcommands: [BenchSearchCommand.self, BenchQuizCommand.self, BenchGossipCommand.self, BenchServeCommand.self]
    )
}
