import Foundation

/// FSRS-6 scheduling, computed as the reference implementation py-fsrs 6.x computes it.
///
/// A scheduler is a pure value: every method takes the time as a parameter and never reads the
/// clock; randomness (the optional fuzz) comes from a generator the caller passes in.
///
/// Time rules, as in the reference: the days elapsed since the last review are whole days,
/// rounded down (a review 23 h 59 min after the previous one is on the "same day" and takes the
/// short-term stability formula); review intervals are whole days rounded half to even, at least
/// 1 and at most `maximumInterval`; learning and relearning intervals are the configured steps.
public struct Scheduler: Sendable {
    /// The settings this scheduler follows.
    public let configuration: SchedulerConfiguration
    let model: MemoryModel

    /// A scheduler following `configuration`.
    ///
    /// - Complexity: O(1); the constants of the memory model are worked out here once.
    public init(configuration: SchedulerConfiguration = .default) {
        self.configuration = configuration
        self.model = MemoryModel(
            parameters: configuration.parameters, desiredRetention: configuration.desiredRetention)
    }

    /// The card after a review with `rating` at `date`, with fuzz when the configuration enables
    /// it, drawn from `generator` (at most one 64-bit draw per review, and only when a review card
    /// gets an interval of 3 days or more).
    ///
    /// - Complexity: O(1).
    public func review(
        _ card: MemoryCard, rating: Rating, at date: Date, using generator: inout some RandomNumberGenerator
    ) -> MemoryCard {
        var (next, interval) = transition(card, rating: rating, at: date)
        if configuration.enableFuzzing, next.state == .review, case .days(let days) = interval {
            let fuzzed = fuzzedInterval(days: days) { generator.nextUnitInterval() }
            next.due = date.addingTimeInterval(Double(fuzzed) * Self.secondsPerDay)
        }
        return next
    }

    /// The card after a review with `rating` at `date`, never fuzzed (whatever `enableFuzzing`
    /// says): the reference with fuzzing off.
    ///
    /// - Complexity: O(1).
    public func review(_ card: MemoryCard, rating: Rating, at date: Date) -> MemoryCard {
        transition(card, rating: rating, at: date).card
    }

    /// What each of the four answers would do to `card` at `date`, without fuzz: the intervals
    /// the buttons offer are `result[rating].due - date`.
    ///
    /// - Complexity: O(1) (four reviews).
    public func preview(_ card: MemoryCard, at date: Date) -> [Rating: MemoryCard] {
        var outcomes: [Rating: MemoryCard] = [:]
        for rating in Rating.allCases {
            outcomes[rating] = review(card, rating: rating, at: date)
        }
        return outcomes
    }

    /// How long, in seconds, each answer would put off `card` reviewed at `date`, without fuzz:
    /// what the four buttons show.
    ///
    /// - Complexity: O(1) (four reviews).
    public func intervals(for card: MemoryCard, at date: Date) -> [Rating: TimeInterval] {
        preview(card, at: date).mapValues { $0.due.timeIntervalSince(date) }
    }

    /// The predicted probability, in 0 ... 1, that `card` is recalled at `date`: the forgetting
    /// curve at the whole days elapsed since the last review (0 if the card has never been
    /// reviewed; 1 on the day of the last review).
    ///
    /// - Complexity: O(1).
    public func retrievability(of card: MemoryCard, at date: Date) -> Double {
        guard let lastReview = card.lastReview, let stability = card.stability else { return 0 }
        let days = max(0, Self.elapsedDays(from: lastReview, to: date))
        return model.retrievability(elapsedDays: days, stability: stability)
    }

    /// The review interval in whole days for a stability in days, before fuzz: rounded half to
    /// even, within 1 ... `maximumInterval`.
    ///
    /// - Complexity: O(1).
    public func interval(forStability stability: Double) -> Int {
        model.interval(stability: stability, maximumInterval: configuration.maximumInterval)
    }

    // MARK: - The state machine

    /// How long until the next review: whole days in review, a step otherwise.
    enum Interval: Equatable {
        case days(Int)
        case seconds(TimeInterval)
    }

    static let secondsPerDay: TimeInterval = 86_400

    /// Whole days from `start` to `end`, rounded down, as Python's `timedelta.days` counts them.
    ///
    /// The difference is first rounded to the millisecond: a `Date` holds seconds since 2001 as a
    /// `Double`, which centuries away no longer resolves a microsecond, and a review exactly one day
    /// after another must count as one day whatever the rounding of either `Date`. Review times
    /// are whole milliseconds in every history this replays.
    static func elapsedDays(from start: Date, to end: Date) -> Int {
        let milliseconds = Int64((end.timeIntervalSince(start) * 1000).rounded(.toNearestOrEven))
        let perDay: Int64 = 86_400_000
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: perDay)
        return Int(remainder < 0 ? quotient - 1 : quotient)
    }

    /// The card after a review without fuzz, and the interval that set its due time.
    func transition(_ card: MemoryCard, rating: Rating, at date: Date) -> (card: MemoryCard, interval: Interval) {
        var next = card
        let elapsed = card.lastReview.map { Self.elapsedDays(from: $0, to: date) }
        updateMemory(&next, rating: rating, elapsedDays: elapsed)

        let interval: Interval
        switch card.state {
        case .learning:
            interval = advanceThroughSteps(&next, rating: rating, steps: configuration.learningSteps)
        case .relearning:
            interval = advanceThroughSteps(&next, rating: rating, steps: configuration.relearningSteps)
        case .review:
            if rating == .again, let firstStep = configuration.relearningSteps.first {
                next.state = .relearning
                next.step = 0
                interval = .seconds(firstStep)
            } else {
                interval = .days(
                    model.interval(stability: next.stability!, maximumInterval: configuration.maximumInterval))
            }
        }
        switch interval {
        case .days(let days): next.due = date.addingTimeInterval(Double(days) * Self.secondsPerDay)
        case .seconds(let seconds): next.due = date.addingTimeInterval(seconds)
        }
        next.lastReview = date
        return (next, interval)
    }

    /// New stability and difficulty. A first review takes the initial values; a review less than
    /// a day after the previous one the short-term formula; any other the long-term formulas,
    /// with the retrievability the card had at this review.
    private func updateMemory(_ card: inout MemoryCard, rating: Rating, elapsedDays: Int?) {
        guard let stability = card.stability, let difficulty = card.difficulty else {
            let index = rating.rawValue - 1
            card.stability = model.initialStability[index]
            card.difficulty = model.initialDifficulty[index]
            return
        }
        if let elapsedDays, elapsedDays < 1 {
            card.stability = model.shortTermStability(stability: stability, rating: rating)
        } else {
            // The reference's retrievability: 0 without a last review, else at the whole days elapsed.
            let recall = elapsedDays.map { model.retrievability(elapsedDays: max(0, $0), stability: stability) } ?? 0
            card.stability = model.nextStability(
                difficulty: difficulty, stability: stability, retrievability: recall, rating: rating)
        }
        card.difficulty = model.nextDifficulty(difficulty: difficulty, rating: rating)
    }

    /// The reference's step rules for a learning or relearning card (`card.step` is its step
    /// before this review): Again goes back to the first step; Hard stays, waiting 1.5 times the
    /// only step or the mean of the first two at step 0; Good moves to the next step or
    /// graduates after the last; Easy graduates. With no steps, or a step beyond the list (the
    /// steps were shortened since), any answer but Again graduates; with no steps at all, Again
    /// graduates too.
    private func advanceThroughSteps(_ card: inout MemoryCard, rating: Rating, steps: [TimeInterval]) -> Interval {
        let step = card.step ?? 0
        let graduatesAnyway = steps.isEmpty || (step >= steps.count && rating != .again)
        if !graduatesAnyway {
            switch rating {
            case .again:
                card.step = 0
                return .seconds(steps[0])
            case .hard where step == 0:
                return .seconds(steps.count == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2)
            case .hard:
                return .seconds(steps[step])
            case .good where step + 1 < steps.count:
                card.step = step + 1
                return .seconds(steps[step + 1])
            case .good, .easy:
                break
            }
        }
        card.state = .review
        card.step = nil
        return .days(model.interval(stability: card.stability!, maximumInterval: configuration.maximumInterval))
    }
}
