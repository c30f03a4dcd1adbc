import Foundation
import Quiz
import Scheduler
import Store

/// Times the quiz on a large synthetic database: how long from opening the file until the
/// first card is ready to draw, and how long each answer takes to commit.
public enum QuizBenchmark {
    public struct Result: Sendable, Codable {
        public var cards: Int
        public var reviews: Int
        public var newCardsInLastNotes: Bool
        public var buildSeconds: Double
        public var databaseBytes: Int64
        /// Open the database, plan the session, fetch and render the first card, one per run.
        public var firstCardMilliseconds: [Double]
        /// Each answer's commit (review row and new state in one transaction).
        public var answerMilliseconds: [Double]
    }

    /// Builds the database in a temporary folder (removed afterwards unless `keep`), or at
    /// `database` (kept; an existing file there is measured as it is), then measures `runs`
    /// session starts and `answers` answers.
    public static func run(
        shape: BenchmarkShape = BenchmarkShape(), database: String? = nil, runs: Int = 5, answers: Int = 100,
        keep: Bool = false, log: (String) -> Void = { _ in }
    ) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-bench-\(getpid())")
        let path: String
        if let database {
            path = database
        } else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("bench.sqlite").path
        }
        defer { if !keep && database == nil { try? FileManager.default.removeItem(at: folder) } }
        let now = Date()

        var buildSeconds = 0.0
        if !FileManager.default.fileExists(atPath: path) {
            log("building \(shape.cards) cards and \(shape.reviews) reviews in \(path)")
            let buildStart = DispatchTime.now()
            let database = try AppDatabase(path: path)
            try ReviewStore(database).fillForBenchmark(shape, now: now.milliseconds)
            buildSeconds = seconds(since: buildStart)
            log(String(format: "built in %.1f s", buildSeconds))
        } else {
            log("measuring the existing \(path)")
        }
        let reviewCount = try ReviewStore(AppDatabase(path: path)).reviewCount()

        var firstCard: [Double] = []
        let markdown = TerminalMarkdown(color: true, width: 80)
        for run in 0..<runs {
            let start = DispatchTime.now()
            let store = ReviewStore(try AppDatabase(path: path))
            var session = try QuizSession(store: store, options: QuizOptions(), at: now, seed: UInt64(run))
            guard let item = try session.next(at: now) else { throw ReviewError.noSuchCard("(benchmark queue is empty)") }
            _ = markdown.render(item.card.prompt) + markdown.render(item.card.answer)
            _ = try session.intervals(at: now)
            firstCard.append(seconds(since: start) * 1000)
        }

        let store = ReviewStore(try AppDatabase(path: path))
        var session = try QuizSession(store: store, options: QuizOptions(), at: now, seed: 99)
        var answerTimes: [Double] = []
        let ratings: [Rating] = [.good, .good, .hard, .easy, .again]
        for index in 0..<answers {
            guard try session.next(at: now) != nil else { break }
            let start = DispatchTime.now()
            try session.answer(ratings[index % ratings.count], at: now)
            answerTimes.append(seconds(since: start) * 1000)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        return Result(
            cards: shape.cards, reviews: reviewCount, newCardsInLastNotes: shape.newCardsInLastNotes,
            buildSeconds: buildSeconds, databaseBytes: size, firstCardMilliseconds: firstCard,
            answerMilliseconds: answerTimes)
    }

    /// A summary a person reads.
    public static func describe(_ result: Result) -> String {
        func stats(_ values: [Double]) -> String {
            guard !values.isEmpty else { return "none" }
            let sorted = values.sorted()
            let median = sorted[sorted.count / 2]
            let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
            return String(format: "median %.2f ms, p95 %.2f ms, max %.2f ms (n=%d)", median, p95, sorted.last!, values.count)
        }
        return """
            database: \(result.cards) cards, \(result.reviews) reviews, \(result.databaseBytes / 1_048_576) MiB, built in \(String(format: "%.1f", result.buildSeconds)) s\(result.newCardsInLastNotes ? " (new cards only in the last notes)" : "")
            first card: \(stats(result.firstCardMilliseconds)); runs: \(result.firstCardMilliseconds.map { String(format: "%.1f", $0) }.joined(separator: ", ")) ms
            answer stored: \(stats(result.answerMilliseconds))
            """
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
