import ArgumentParser
import Benchmarks
import Foundation
import Quiz
import Store

struct BenchQuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Time the quiz on a synthetic database (1,000,000 cards, 5,000,000 reviews by default).",
        discussion: """
            Builds the database in a temporary folder with bulk inserts, then measures how long \
            a session takes from opening the file to its first card, and how long each answer \
            takes to commit. Build in release for meaningful numbers.

            Examples:
              netprep bench quiz
              netprep bench quiz --notes 1000 --reviews 500000 --json
            """
    )

    @Option(help: "Notes in the database.") var notes = 10_000
    @Option(help: "Cards per note.") var cardsPerNote = 100
    @Option(help: "Reviews in the log.") var reviews = 5_000_000
    @Option(help: "Session starts to time.") var runs = 5
    @Option(help: "Answers to time.") var answers = 200
    @Flag(help: "Put the unreviewed cards in the last notes (the slow case for finding new cards).")
    var newCardsLast = false
    @Flag(help: "Keep the database file.") var keep = false
    @Option(help: "Build the database here and keep it; measure it as it is if it exists.")
    var database: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let shape = BenchmarkShape(
            notes: notes, cardsPerNote: cardsPerNote, reviews: reviews, newCardsInLastNotes: newCardsLast)
        let result = try QuizBenchmark.run(shape: shape, database: database, runs: runs, answers: answers, keep: keep) { line in
            try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print(QuizBenchmark.describe(result))
        }
    }
}
