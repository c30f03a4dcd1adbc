import ArgumentParser
import Foundation
import Quiz
import Store

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", _superCommandName: Netprep.name,
        abstract: "Reviews per day, true retention, the due forecast and mastery per topic.",
        discussion: """
            Examples:
              netprep stats
              netprep stats --json | jq .trueRetention
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        try reportingErrors {
            let database = try global.openDatabase()
            let report = try QuizStatistics.report(
                store: ReviewStore(database), scheduler: try SchedulingPreferences.scheduler(database), at: Date())
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(StatisticsRendering.report(report, color: Terminal.colorEnabled, width: Terminal.size().width))
            }
        }
    }
}
