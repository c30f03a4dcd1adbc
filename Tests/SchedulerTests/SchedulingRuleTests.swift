import Basics
import Foundation
import Testing

@testable import Scheduler

private let start = Date(millisecondsSince1970: 1_700_000_000_000)
private let minute: TimeInterval = 60
private let day: TimeInterval = 86_400

@Suite("Scheduling rules")
struct SchedulingRuleTests {
    let scheduler = Scheduler(configuration: try! SchedulerConfiguration(enableFuzzing: false))

    @Test("Intervals round half to even and stay within 1 ... maximum interval, as the reference's")
    func intervalsMatchTheReferenceRounding() throws {
        let scalars = try ReferenceFixture.loadJSON("scalars") as! [String: Any]
        let custom = Scheduler(
            configuration: try SchedulerConfiguration(
                desiredRetention: 0.85, maximumInterval: 365, enableFuzzing: false))
        for case let row as [NSNumber] in scalars["intervals"] as! [Any] {
            let stability = row[0].doubleValue
            #expect(scheduler.interval(forStability: stability) == row[1].intValue, "stability \(stability)")
            #expect(custom.interval(forStability: stability) == row[2].intValue, "stability \(stability), custom")
        }
        // With retention 0.9 the interval equals the stability, so the halves show the rounding.
        #expect([0.5, 1.5, 2.5, 3.5, 4.5].map(scheduler.interval(forStability:)) == [1, 2, 2, 4, 4])
    }

    @Test("Retrievability counts whole elapsed days, rounded down, as the reference's")
    func retrievabilityMatchesTheReference() throws {
        let scalars = try ReferenceFixture.loadJSON("scalars") as! [String: Any]
        let reviewed = Date(millisecondsSince1970: 1_700_000_000_123)
        for case let row as [NSNumber] in scalars["retrievability"] as! [Any] {
            let card = MemoryCard(
                state: .review, step: nil, stability: row[0].doubleValue, difficulty: 5, due: reviewed,
                lastReview: reviewed)
            let later = Date(millisecondsSince1970: 1_700_000_000_123 + row[1].int64Value)
            let got = scheduler.retrievability(of: card, at: later)
            #expect(relativelyClose(got, row[2].doubleValue, tolerance: 1e-12), "S \(row[0]) after \(row[1]) ms")
        }
        #expect(scheduler.retrievability(of: .new(at: start), at: start) == 0)
    }

    @Test("Elapsed days are floored: a millisecond short of a day is the same day")
    func elapsedDaysAreFloored() {
        let day: Int64 = 86_400_000
        let base: Int64 = 1_700_000_000_000
        func days(_ offset: Int64) -> Int {
            Scheduler.elapsedDays(
                from: Date(millisecondsSince1970: base), to: Date(millisecondsSince1970: base + offset))
        }
        let counted: [Int] = [days(0), days(day - 1), days(day), days(2 * day - 1), days(36500 * day)]
        #expect(counted == [0, 0, 1, 1, 36500])
        #expect(days(-1) == -1)
    }

    @Test("A new card follows the learning steps: Again 1 min, Hard 5.5 min, Good 10 min, Easy graduates")
    func newCardUsesLearningSteps() {
        let card = MemoryCard.new(at: start)
        let outcomes = scheduler.preview(card, at: start)
        #expect(outcomes[.again]!.due == start + minute)
        #expect(outcomes[.hard]!.due == start + 5.5 * minute)
        #expect(outcomes[.good]!.due == start + 10 * minute)
        #expect(outcomes[.good]!.step == 1)
        let easy = outcomes[.easy]!
        #expect(easy.state == .review && easy.step == nil)
        #expect(easy.stability == FSRSParameters.default[3])
        #expect(easy.due == start + 8 * day)  // round(8.2956) days
        #expect(scheduler.intervals(for: card, at: start) == [.again: 60, .hard: 330, .good: 600, .easy: 8 * day])
        for rating in Rating.allCases {
            #expect(outcomes[rating] == scheduler.review(card, rating: rating, at: start))
            #expect(outcomes[rating]!.lastReview == start)
        }
    }

    @Test("Without steps a new card goes straight to review whatever the answer, and a lapse stays in review")
    func noStepsGoStraightToReview() throws {
        let bare = Scheduler(
            configuration: try SchedulerConfiguration(learningSteps: [], relearningSteps: [], enableFuzzing: false))
        for rating in Rating.allCases {
            let card = bare.review(.new(at: start), rating: rating, at: start)
            #expect(card.state == .review && card.step == nil)
        }
        let reviewCard = bare.review(.new(at: start), rating: .good, at: start)
        let lapsed = bare.review(reviewCard, rating: .again, at: reviewCard.due)
        #expect(lapsed.state == .review)
        #expect(lapsed.due.timeIntervalSince(reviewCard.due) >= day)
    }

    @Test("A lapse goes to relearning at step 0; one relearning step: Hard waits 1.5 times it")
    func lapseUsesRelearningSteps() {
        let learnt = scheduler.review(.new(at: start), rating: .easy, at: start)
        let lapsed = scheduler.review(learnt, rating: .again, at: learnt.due)
        #expect(lapsed.state == .relearning && lapsed.step == 0)
        #expect(lapsed.due == learnt.due + 10 * minute)
        #expect(lapsed.stability! < learnt.stability!)
        let hard = scheduler.review(lapsed, rating: .hard, at: lapsed.due)
        #expect(hard.state == .relearning && hard.due == lapsed.due + 15 * minute)
        let good = scheduler.review(lapsed, rating: .good, at: lapsed.due)
        #expect(good.state == .review && good.step == nil)
    }

    @Test("A step beyond the configured steps graduates on Hard, Good and Easy, and restarts on Again")
    func stepBeyondTheStepsGraduates() {
        let card = MemoryCard(
            state: .learning, step: 5, stability: 3, difficulty: 5, due: start, lastReview: start - 600)
        for rating in [Rating.hard, .good, .easy] {
            #expect(scheduler.review(card, rating: rating, at: start).state == .review)
        }
        let again = scheduler.review(card, rating: .again, at: start)
        #expect(again.state == .learning && again.step == 0 && again.due == start + minute)
    }

    @Test("Stability never falls below 0.001 days and difficulty stays within 1 ... 10")
    func clampsHold() {
        var generator = SplitMix64(seed: 3)
        var card = MemoryCard.new(at: start)
        var now = start
        for _ in 0..<2000 {
            let rating = Rating(rawValue: Int(generator.next() % 4) + 1)!
            card = scheduler.review(card, rating: rating, at: now)
            #expect(card.stability! >= 0.001)
            #expect((1...10).contains(card.difficulty!))
            now = now + Double(generator.next() % 3) * day + 1
        }
    }
}
