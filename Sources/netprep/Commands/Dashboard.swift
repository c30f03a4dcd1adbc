import ArgumentParser
import Foundation
import Quiz
import Store

/// `netprep` with no arguments (the root command's default subcommand).
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "today", _superCommandName: Netprep.name,
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
    var newPerDay: Int = Self.defaultNewPerDay

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    static let defaultNewPerDay = 20

    func run() throws {
        try Self.show(database: try global.openDatabase(), newPerDay: newPerDay, json: json)
    }

    /// `netprep` and `netprep today` in their plain forms (`QuickArguments`); false for any other.
    static func quickRun(_ arguments: [String]) throws -> Bool {
        guard
            let quick = QuickArguments(
                arguments, flags: ["--json"], options: ["--new"], positionals: 0...0),
            let newPerDay = quick.value("--new", or: defaultNewPerDay)
        else { return false }
        try show(database: try GlobalOptions.openDatabase(quick), newPerDay: newPerDay, json: quick.flags.contains("--json"))
        return true
    }

    static func show(database: @autoclosure () throws -> AppDatabase, newPerDay: Int, json: Bool) throws {
        try reportingErrors {
            let database = try database()
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
