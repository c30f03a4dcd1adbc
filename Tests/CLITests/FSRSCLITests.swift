import Foundation
import Scheduler
import Store
import Testing

/// `fsrs optimize`, `fsrs simulate` and the saved scheduling preferences, as a learner uses them.
@Suite struct FSRSCLITests {
    /// A database with the built-in cards and a year of a simulated learner's reviews on them.
    static func databaseWithHistory() throws -> (folder: URL, db: String, cards: [String]) {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("learner.sqlite").path
        let listed = try CLI.run(["cards", "--db", db, "--json"])
        #expect(listed.status == 0)
        let cards = try CLI.jsonLines(listed.stdout).compactMap { $0["id"] as? String }.filter { !$0.contains("generate") }
        let weights = [
            0.4, 1.6, 3.4, 12.0, 6.9, 0.6, 2.2, 0.02, 1.6, 0.25, 1.1, 1.8, 0.09, 0.35, 1.3, 0.45, 2.4, 0.6, 0.25, 0.1,
            0.25,
        ]
        let settings = LearnerSimulation.Settings(newCards: 300, days: 365, newPerDay: 5, desiredRetention: 0.85)
        let simulation = LearnerSimulation(memory: try FSRSParameters(weights), schedule: .default, settings: settings)
        let store = ReviewStore(try AppDatabase(path: db))
        for record in simulation.run(log: true).reviews.sorted(by: { $0.reviewTime < $1.reviewTime }) {
            let time = record.reviewTime
            try store.record(cardID: cards[Int(record.cardID) - 1], at: time, rating: record.rating.rawValue) { before in
                StoredCardState(
                    state: .review, step: nil, stability: 2, difficulty: 5, due: time + 86_400_000, lastReview: time,
                    reps: (before?.reps ?? 0) + 1, lapses: 0)
            }
        }
        return (folder, db, cards)
    }

    @Test func optimizeFitsYourReviewsAndSavingChangesTheIntervals() throws {
        let (folder, db, cards) = try Self.databaseWithHistory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fitted = try CLI.run(["fsrs", "optimize", "--db", db, "--json", "--timezone", "UTC"])
        #expect(fitted.status == 0, "\(fitted.stderr)")
        let report = try #require(try CLI.jsonLines(fitted.stdout).first)
        let parameters = try #require(report["parameters"] as? [Double])
        #expect(parameters.count == 21)
        #expect((report["items"] as? Int ?? 0) >= 400)
        #expect((report["log_loss"] as! Double) < (report["default_log_loss"] as! Double))
        #expect(report["saved"] as? Bool == false)

        // The same card answered the same way on the same day, before and after saving.
        let before = folder.appendingPathComponent("before.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: before)
        let saved = try CLI.run(["fsrs", "optimize", "--db", db, "--save", "--timezone", "UTC"])
        #expect(saved.status == 0 && saved.stdout.contains("Saved"), "\(saved.stderr)")
        let config = try CLI.run(["config", "parameters", "--db", db])
        #expect(config.stdout.contains("(saved)") && config.stdout.contains(String(format: "%.4f", parameters[3])))
        let answer = ["review", cards[0], "good", "--at", "2030-01-01T10:00:00Z", "--seed", "1"]
        let withDefaults = try CLI.run(answer + ["--db", before])
        let withFitted = try CLI.run(answer + ["--db", db])
        #expect(withDefaults.status == 0 && withFitted.status == 0)
        #expect(withDefaults.stdout != withFitted.stdout, "\(withFitted.stdout)")

        // Back to the defaults; then a lower desired retention gives a longer interval.
        #expect(try CLI.run(["config", "parameters", "default", "--db", db]).stdout.contains("(FSRS-6 defaults)"))
        #expect(try CLI.run(["config", "retention", "0.7", "--db", before]).status == 0)
        let relaxed = try CLI.run(["review", cards[1], "good", "--at", "2030-01-01T10:00:00Z", "--seed", "1", "--db", before])
        let usual = try CLI.run(["review", cards[1], "good", "--at", "2030-01-01T10:00:00Z", "--seed", "1", "--db", db])
        #expect(Self.dueDate(relaxed.stdout) > Self.dueDate(usual.stdout), "\(relaxed.stdout) \(usual.stdout)")
        let once = try CLI.run(["quiz", "--db", db, "--retention", "1.5"])
        #expect(once.status == 64 && once.stderr.contains("--retention"))
    }

    static func dueDate(_ line: String) -> String {
        line.components(separatedBy: "due ").last?.prefix(20).description ?? ""
    }

    @Test func simulateShowsWorkloadRisingWithRetention() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("new.sqlite").path
        let result = try CLI.run([
            "fsrs", "simulate", "--db", db, "--json", "--retention", "0.75,0.85,0.95", "--days", "200", "--cards", "400",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try CLI.jsonLines(result.stdout)
        #expect(rows.map { $0["retention"] as? Double } == [0.75, 0.85, 0.95])
        let reviews = rows.map { $0["reviews_per_day"] as! Double }
        let remembered = rows.map { $0["remembered"] as! Double }
        #expect(reviews[0] < reviews[1] && reviews[1] < reviews[2], "\(reviews)")
        #expect(remembered[0] < remembered[2], "\(remembered)")
        let table = try CLI.run(["fsrs", "simulate", "--db", db, "--days", "30", "--cards", "100"])
        #expect(table.stdout.contains("reviews/day") && table.stdout.contains("netprep config retention"))
        let bad = try CLI.run(["fsrs", "simulate", "--db", db, "--retention", "0.9:0.8:0.05"])
        #expect(bad.status == 64 && bad.stderr.contains("FROM:TO:STEP"))
    }

    @Test func aBadRowOrTooLittleHistoryIsReportedClearly() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.csv")
        try "card_id,review_time,review_rating\n1,1700000000000,3\n1,1700086400000,five\n".write(
            to: bad, atomically: true, encoding: .utf8)
        let badRun = try CLI.run(["fsrs", "optimize", bad.path])
        #expect(badRun.status == 1)
        #expect(badRun.stderr.contains("bad.csv:3: review_rating 'five'"), "\(badRun.stderr)")

        let short = folder.appendingPathComponent("short.csv")
        var text = "card_id,review_time,review_rating\n"
        for card in 1...30 {
            for day in 0..<4 { text += "\(card),\(1_700_000_000_000 + Int64(day) * 86_400_000 * 3),3\n" }
        }
        try text.write(to: short, atomically: true, encoding: .utf8)
        let shortRun = try CLI.run(["fsrs", "optimize", short.path, "--timezone", "UTC"])
        #expect(shortRun.status == 1)
        #expect(shortRun.stderr.contains("90 reviews came a day or more after"), "\(shortRun.stderr)")
        #expect(shortRun.stderr.contains("keeping the current parameters"))
    }
}
