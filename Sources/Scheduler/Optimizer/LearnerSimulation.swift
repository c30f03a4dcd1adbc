import Basics
import Foundation

/// A simulated learner: new cards each day, reviews when the scheduler says, and answers drawn
/// from a memory that follows FSRS-6 with its own weights. It gives the workload a desired
/// retention costs (`fsrs simulate`) and review histories with a known truth (tests, benchmarks).
public struct LearnerSimulation: Sendable {
    public struct Settings: Sendable {
        /// Cards not yet seen; at most `newPerDay` are introduced each day.
        public var newCards: Int
        public var days: Int
        public var newPerDay: Int
        public var desiredRetention: Double
        public var maximumInterval = 36_500
        /// How often each first answer is Again, Hard, Good, Easy (the reference simulator's
        /// defaults unless the learner's history says otherwise).
        public var firstRatingOdds = [0.24, 0.094, 0.495, 0.171]
        /// How often a recalled card is rated Hard, Good, Easy.
        public var recallRatingOdds = [0.224, 0.631, 0.145]
        /// Seconds a review takes by rating (Again ... Easy), for the first answer and later ones;
        /// nil when unknown.
        public var firstSeconds: [Double]?
        public var reviewSeconds: [Double]?
        public var seed: UInt64 = 1
        /// The first day's midnight, UTC, in milliseconds since the epoch (for the review log).
        public var start: Int64 = 1_700_000_000_000 / 86_400_000 * 86_400_000

        public init(newCards: Int, days: Int, newPerDay: Int, desiredRetention: Double) {
            self.newCards = newCards
            self.days = days
            self.newPerDay = newPerDay
            self.desiredRetention = desiredRetention
        }
    }

    public struct Day: Sendable, Hashable {
        /// Reviews of cards already seen (same-day steps included), and cards introduced.
        public var reviews = 0
        public var introduced = 0
        /// The expected number of introduced cards the learner would recall at the day's end.
        public var remembered = 0.0
        /// Time spent, when the settings give review durations.
        public var seconds = 0.0
    }

    /// The memory's true weights, and the weights the scheduler uses to choose intervals.
    public let memory: FSRSParameters
    public let schedule: FSRSParameters
    public let settings: Settings

    public init(memory: FSRSParameters, schedule: FSRSParameters, settings: Settings) {
        self.memory = memory
        self.schedule = schedule
        self.settings = settings
    }

    private struct Card {
        var id: Int64
        var truth = MemoryGradient.State()
        var believed = MemoryGradient.State()
        var lastDay = 0
        var due = 0
    }

    /// Runs the simulation; with `log`, also returns every review as a review-history row
    /// (card ids from 1, one review a minute from 10:00 UTC, same-day steps ten minutes apart).
    public func run(log: Bool = false) -> (days: [Day], reviews: [ReviewRecord]) {
        let truth = MemoryGradient(weights: memory.weights)
        let believed = MemoryGradient(weights: schedule.weights)
        var random = SplitMix64(seed: settings.seed)
        var cards: [Card] = []
        var due: [[Int]] = Array(repeating: [], count: settings.days)
        var days: [Day] = []
        var records: [ReviewRecord] = []
        let intervalScale = pow(settings.desiredRetention, 1 / believed.decay) - 1

        func draw(_ odds: [Double]) -> Int {
            let total = odds.reduce(0, +)
            var x = Double.random(in: 0..<total, using: &random)
            for (index, odd) in odds.enumerated() {
                if x < odd { return index }
                x -= odd
            }
            return odds.count - 1
        }

        for today in 0..<settings.days {
            var day = Day()
            var minute: Int64 = 0
            func record(_ card: Card, _ rating: Int, first: Bool, step: Int64) {
                if let costs = first ? settings.firstSeconds : settings.reviewSeconds { day.seconds += costs[rating - 1] }
                guard log else { return }
                let time = settings.start + Int64(today) * 86_400_000 + (10 * 60 + minute) * 60_000 + step * 600_000
                records.append(
                    ReviewRecord(line: records.count + 2, cardID: card.id, reviewTime: time, rating: Rating(rawValue: rating)!))
            }
            // Answers until the card is recalled, at most twice more on the same day.
            func sameDaySteps(_ card: inout Card, after rating: Int) {
                var rating = rating
                var step: Int64 = 0
                while rating <= 2 && step < 2 {
                    step += 1
                    let recalled = Double.random(in: 0..<1, using: &random) < 0.95
                    rating = recalled ? 3 : 1
                    day.reviews += 1
                    record(card, rating, first: false, step: step)
                    let none = (r: 1.0, byS: 0.0, byW20: 0.0)
                    truth.step(&card.truth, days: 0, rating: rating, recall: none, differentiate: false)
                    believed.step(&card.believed, days: 0, rating: rating, recall: none, differentiate: false)
                }
            }
            func schedule(_ card: inout Card) {
                let interval = (card.believed.s / believed.factor * intervalScale).rounded()
                let days = Int(min(max(interval, 1), Double(settings.maximumInterval)))
                card.lastDay = today
                card.due = today + days
                if card.due < settings.days { due[card.due].append(Int(card.id) - 1) }
            }

            for index in due[today] {
                var card = cards[index]
                let elapsed = today - card.lastDay
                let trueRecall = truth.recall(days: Double(elapsed), stability: card.truth.s)
                let recalled = Double.random(in: 0..<1, using: &random) < trueRecall.r
                let rating = recalled ? 2 + draw(settings.recallRatingOdds) : 1
                minute += 1
                day.reviews += 1
                record(card, rating, first: false, step: 0)
                let believedRecall = believed.recall(days: Double(elapsed), stability: card.believed.s)
                truth.step(&card.truth, days: elapsed, rating: rating, recall: trueRecall, differentiate: false)
                believed.step(&card.believed, days: elapsed, rating: rating, recall: believedRecall, differentiate: false)
                if rating == 1 { sameDaySteps(&card, after: rating) }
                schedule(&card)
                cards[index] = card
            }
            let introduce = min(settings.newPerDay, settings.newCards - cards.count)
            for _ in 0..<max(introduce, 0) {
                var card = Card(id: Int64(cards.count + 1))
                let rating = 1 + draw(settings.firstRatingOdds)
                minute += 1
                day.introduced += 1
                record(card, rating, first: true, step: 0)
                truth.start(&card.truth, rating: rating, differentiate: false)
                believed.start(&card.believed, rating: rating, differentiate: false)
                sameDaySteps(&card, after: rating)
                schedule(&card)
                cards.append(card)
            }
            for card in cards {
                day.remembered += truth.recall(days: Double(today + 1 - card.lastDay), stability: card.truth.s).r
            }
            days.append(day)
        }
        return (days, records)
    }
}
