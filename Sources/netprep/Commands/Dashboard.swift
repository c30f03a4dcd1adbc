import ArgumentParser
import Foundation
import Quiz
import Store

/// `netprep` with no arguments (the root command's default subcommand).
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "today", _superCommandName: "netprep",
        abstract: "Today at a glance: due cards, new cards, learning, streak, weakest topics.",
        discussion: """
            What `netprep` with no arguments shows.

            Examples:
              netprep
              netprep today --json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("new"), help: "New cards a day, as for netprep quiz.")
    var newPerDay: Int = 20

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    func run() throws {
        try reportingErrors {
            let database = try global.openDatabase()
            let summary = try QuizStatistics.dashboard(
                store: ReviewStore(database), scheduler: try SchedulingPreferences.scheduler(database), at: Date(),
                newPerDay: newPerDay)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } else {
                print(StatisticsRendering.dashboard(summary, color: Terminal.colorEnabled))
            }
        }
    }
}
