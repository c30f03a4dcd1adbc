import ArgumentParser
import Foundation
import Notes

@main
struct Netprep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netprep",
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

    /// `netprep search` in its plain forms skips the parser of every command (see
    /// `SearchCommand.quickRun`); everything else goes through ArgumentParser.
    ///
    /// `--version` is answered here, only as the first word: ArgumentParser's own version flag
    /// would also catch it after `demo run NAME`, where it is a demo's option (`tls.handshake
    /// --version 1.2`, `http.versions --version 2`).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] {
            print("netprep \(version)")
            return
        }
        if arguments.first == "search" { SearchCommand.quickRun(Array(arguments.dropFirst())) }
        if DemoCommand.printHelpIfAsked(arguments) { return }
        await main(nil)
    }
}

/// `netprep bench`: the speed goals, measured in one run each (build with -c release).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed goals (build with -c release --static-swift-stdlib first).",
        subcommands: [BenchSearchCommand.self, BenchQuizCommand.self, BenchGossipCommand.self, BenchServeCommand.self]
    )
}
