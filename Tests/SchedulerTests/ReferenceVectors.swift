import Basics
import Foundation
import Testing

@testable import Scheduler

/// Histories replayed by the reference py-fsrs 6.3.2, from Fixtures/ (made by
/// scripts/fsrs/make_vectors.py; its docstring describes the layout).
struct ReferenceFixture {
    struct Review {
        let time: Int64
        let rating: Rating
        let state: CardState
        let step: Int?
        let stability: Double
        let difficulty: Double
        let due: Int64
        let draw: UInt64?
    }

    struct History {
        let start: Int64
        let reviews: [Review]
    }

    let configuration: SchedulerConfiguration
    let histories: [History]

    static func load(_ name: String) throws -> ReferenceFixture {
        let object = try loadJSON(name) as! [String: Any]
        let config = object["config"] as! [String: Any]
        let configuration = try SchedulerConfiguration(
            parameters: FSRSParameters((config["parameters"] as! [NSNumber]).map(\.doubleValue)),
            desiredRetention: (config["desired_retention"] as! NSNumber).doubleValue,
            learningSteps: (config["learning_steps"] as! [NSNumber]).map(\.doubleValue),
            relearningSteps: (config["relearning_steps"] as! [NSNumber]).map(\.doubleValue),
            maximumInterval: (config["maximum_interval"] as! NSNumber).intValue,
            enableFuzzing: config["enable_fuzzing"] as! Bool
        )
        let states: [Int: CardState] = [1: .learning, 2: .review, 3: .relearning]
        let histories = (object["histories"] as! [[Any]]).map { entry in
            let start = (entry[0] as! NSNumber).int64Value
            let reviews = (entry[1] as! [[Any]]).map { row in
                Review(
                    time: (row[0] as! NSNumber).int64Value,
                    rating: Rating(rawValue: (row[1] as! NSNumber).intValue)!,
                    state: states[(row[2] as! NSNumber).intValue]!,
                    step: (row[3] as? NSNumber)?.intValue,
                    stability: (row[4] as! NSNumber).doubleValue,
                    difficulty: (row[5] as! NSNumber).doubleValue,
                    due: (row[6] as! NSNumber).int64Value,
                    draw: (row[7] as? NSNumber)?.uint64Value
                )
            }
            return History(start: start, reviews: reviews)
        }
        return ReferenceFixture(configuration: configuration, histories: histories)
    }

    static func loadJSON(_ name: String) throws -> Any {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    }
}

func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
}

func relativelyClose(_ a: Double, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b))
}

/// Compares one review of ours with the reference's; nil when they agree.
func disagreement(_ card: MemoryCard, _ expected: ReferenceFixture.Review, start: Int64, where place: String)
    -> String?
{
    let due = milliseconds(card.due) - start
    let agrees =
        card.state == expected.state && card.step == expected.step
        && relativelyClose(card.stability!, expected.stability)
        && relativelyClose(card.difficulty!, expected.difficulty)
        && due == expected.due
    if agrees { return nil }
    return "\(place): got \(card.state) step \(card.step.map(String.init) ?? "nil") "
        + "S=\(card.stability!) D=\(card.difficulty!) due +\(due) ms; reference \(expected.state) "
        + "step \(expected.step.map(String.init) ?? "nil") S=\(expected.stability) D=\(expected.difficulty) "
        + "due +\(expected.due) ms"
}

/// A generator that hands out the reference's recorded fuzz draws, k << 11 for the uniform
/// k / 2^53, and counts how often it is asked.
struct RecordedDraws: RandomNumberGenerator {
    var pending: UInt64?
    var unexpected = 0

    mutating func next() -> UInt64 {
        guard let value = pending else {
            unexpected += 1
            return 0
        }
        pending = nil
        return value << 11
    }
}

@Suite("Agreement with py-fsrs 6.x")
struct ReferenceVectorTests {
    @Test(
        "Replaying random histories gives the reference's state, step, stability, difficulty and due",
        arguments: ["default", "no-steps", "custom-steps", "exhaustive-custom-steps", "custom-parameters"])
    func randomHistoriesMatchTheReference(fixtureName: String) throws {
        let fixture = try ReferenceFixture.load(fixtureName)
        #expect(!fixture.configuration.enableFuzzing)
        let scheduler = Scheduler(configuration: fixture.configuration)
        var failures: [String] = []
        var reviews = 0
        for (number, history) in fixture.histories.enumerated() {
            var card = MemoryCard.new(at: Date(millisecondsSince1970: history.start))
            for (position, expected) in history.reviews.enumerated() {
                card = scheduler.review(
                    card, rating: expected.rating, at: Date(millisecondsSince1970: history.start + expected.time))
                reviews += 1
                if let problem = disagreement(
                    card, expected, start: history.start, where: "history \(number) review \(position)")
                {
                    failures.append(problem)
                }
            }
        }
        #expect(reviews > 3000)
        #expect(failures.isEmpty, "\(failures.count) of \(reviews) reviews differ; first: \(failures.prefix(3))")
    }

    @Test("With fuzzing on, the same draws give the reference's fuzzed due times")
    func fuzzedHistoriesMatchTheReferenceDraws() throws {
        let fixture = try ReferenceFixture.load("fuzz")
        #expect(fixture.configuration.enableFuzzing)
        let scheduler = Scheduler(configuration: fixture.configuration)
        var failures: [String] = []
        var draws = 0
        for (number, history) in fixture.histories.enumerated() {
            var card = MemoryCard.new(at: Date(millisecondsSince1970: history.start))
            for (position, expected) in history.reviews.enumerated() {
                var generator = RecordedDraws(pending: expected.draw)
                card = scheduler.review(
                    card, rating: expected.rating, at: Date(millisecondsSince1970: history.start + expected.time),
                    using: &generator)
                let place = "history \(number) review \(position)"
                if generator.unexpected > 0 || generator.pending != nil {
                    failures.append(
                        "\(place): drew \(generator.unexpected > 0 ? "when" : "not when") the reference did")
                }
                if let problem = disagreement(card, expected, start: history.start, where: place) {
                    failures.append(problem)
                }
                if expected.draw != nil { draws += 1 }
            }
        }
        #expect(draws > 500)
        #expect(failures.isEmpty, "\(failures.count) differ; first: \(failures.prefix(3))")
    }
}
