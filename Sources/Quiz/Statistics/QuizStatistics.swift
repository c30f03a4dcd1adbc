import Foundation
import Scheduler
import Store

/// How well a part of the topic tree is known.
public struct TopicMastery: Sendable, Equatable, Codable {
    public var topic: String
    public var cards: Int
    /// Cards reviewed at least once.
    public var reviewed: Int
    /// Mean predicted recall now, 0 ... 1 (new cards count as 0 in `mastery`, and are left out
    /// of `meanRetrievability`).
    public var meanRetrievability: Double
    /// Mean predicted recall over every card, new ones as 0.
    public var mastery: Double
}

/// `netprep` with no arguments: today at a glance.
public struct DashboardSummary: Sendable, Equatable, Codable {
    public var dueNow: Int
    public var dueToday: Int
    /// New cards a session today would introduce (the daily limit left, or fewer if fewer exist).
    public var newAvailable: Int
    public var learning: Int
    /// Consecutive days with at least one review, up to today (or yesterday while today has none).
    public var streak: Int
    /// The three notes with the lowest mean retrievability among their reviewed cards.
    public var weakest: [TopicMastery]
}

/// `netprep stats`.
public struct StatsReport: Sendable, Equatable, Codable {
    public struct Day: Sendable, Equatable, Codable {
        /// `yyyy-MM-dd`, local.
        public var date: String
        public var reviews: Int
        public var again: Int
    }

    /// The last 30 days, oldest first.
    public var reviewsPerDay: [Day]
    /// Of the reviews of graduated cards in the last 30 days, the share recalled; nil with none.
    public var trueRetention: Double?
    public var retentionReviews: Int
    /// Cards due on each of the next 30 days, today first (today includes every overdue card).
    public var forecast: [Int]
    /// Per top-level topic (`tcp`, `http`).
    public var mastery: [TopicMastery]
}

/// Dashboard and statistics, computed from the review log and card states.
public enum QuizStatistics {
    /// Today's summary at `now`.
    public static func dashboard(
        store: ReviewStore, scheduler: Scheduler = Scheduler(), at now: Date, timeZone: TimeZone = .current,
        newPerDay: Int = 20
    ) throws -> DashboardSummary {
        let start = QuizSession.startOfDay(now, in: timeZone)
        let end = nextDay(start, in: timeZone)
        let counts = try store.dueCounts(at: now.milliseconds, endOfDay: end.milliseconds, scope: nil)
        let allowance = max(0, newPerDay - (try store.newCardsIntroduced(since: start.milliseconds)))
        let newAvailable = try store.newCardCount(scope: nil, cap: allowance)
        return DashboardSummary(
            dueNow: counts.learningDue + counts.reviewDue, dueToday: counts.dueToday, newAvailable: newAvailable,
            learning: counts.learning, streak: try streak(store: store, at: now, timeZone: timeZone),
            weakest: try weakestNotes(store: store, scheduler: scheduler, at: now, count: 3))
    }

    /// The `count` notes with reviewed cards whose mean predicted recall is lowest, lowest
    /// first: `mastery` by note, read from the reviewed cards alone, with the cards of only the
    /// notes shown counted (the dashboard visited every card: 187,000 of them took 160 ms).
    ///
    /// - Complexity: O(r log r) in the reviewed cards, plus the cards of the notes returned.
    public static func weakestNotes(store: ReviewStore, scheduler: Scheduler, at now: Date, count: Int) throws
        -> [TopicMastery]
    {
        var sums: [String: Recall] = [:]
        try store.forEachReviewedCardMemory { memory in
            sums[ReviewStore.noteKey(of: memory.topic), default: Recall()].add(memory, scheduler: scheduler, at: now)
        }
        let weakest = sums.filter { $0.value.reviewed > 0 }
            .map { (note: $0.key, recall: $0.value) }
            .sorted { ($0.recall.mean, $0.note) < ($1.recall.mean, $1.note) }
            .prefix(count)
        return try weakest.map { note, recall in
            recall.mastery(of: note, cards: try store.quizzableCardCount(inNote: note))
        }
    }

    /// Predicted recall summed over a group's reviewed cards.
    struct Recall {
        var reviewed = 0
        var sum = 0.0

        /// Adds a card's recall now, if it has been reviewed.
        mutating func add(_ memory: CardMemory, scheduler: Scheduler, at now: Date) {
            guard let stability = memory.stability, let last = memory.lastReview else { return }
            let card = MemoryCard(
                state: .review, step: nil, stability: stability, difficulty: 5, due: now, lastReview: Date(milliseconds: last))
            reviewed += 1
            sum += scheduler.retrievability(of: card, at: now)
        }

        /// Mean recall of the reviewed cards.
        var mean: Double { reviewed > 0 ? sum / Double(reviewed) : 0 }

        func mastery(of topic: String, cards: Int) -> TopicMastery {
            TopicMastery(
                topic: topic, cards: cards, reviewed: reviewed, meanRetrievability: mean,
                mastery: cards > 0 ? sum / Double(cards) : 0)
        }
    }

    /// The statistics report at `now`.
    public static func report(
        store: ReviewStore, scheduler: Scheduler = Scheduler(), at now: Date, timeZone: TimeZone = .current
    ) throws -> StatsReport {
        let today = QuizSession.startOfDay(now, in: timeZone)
        var days: [Date] = [today]
        for _ in 1..<30 { days.insert(previousDay(days[0], in: timeZone), at: 0) }
        let perDay = try store.reviewsPerDay(from: days[0].milliseconds)
        // The store counts 24 h days from the first midnight; near a DST change a review can land
        // in the neighbouring day, which a daily chart tolerates.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        let reviewDays = days.enumerated().map { index, date in
            StatsReport.Day(
                date: formatter.string(from: date), reviews: perDay[index]?.reviews ?? 0, again: perDay[index]?.again ?? 0)
        }
        let retention = try store.retention(since: days[0].milliseconds)
        let forecast = try store.dueForecast(from: today.milliseconds, days: 30)
        let topLevel = try mastery(store: store, scheduler: scheduler, at: now) { topic in
            let note = ReviewStore.noteKey(of: topic)
            return note.firstIndex(of: ".").map { String(note[..<$0]) } ?? note
        }
        return StatsReport(
            reviewsPerDay: reviewDays,
            trueRetention: retention.reviews > 0 ? Double(retention.recalled) / Double(retention.reviews) : nil,
            retentionReviews: retention.reviews, forecast: forecast, mastery: topLevel)
    }

    /// Mean retrievability grouped by `group(topic)`, sorted by group.
    ///
    /// - Complexity: O(n) in the number of cards.
    public static func mastery(
        store: ReviewStore, scheduler: Scheduler, at now: Date, group: (String) -> String
    ) throws -> [TopicMastery] {
        var sums: [String: (cards: Int, recall: Recall)] = [:]
        try store.forEachCardMemory { memory in
            let key = group(memory.topic)
            sums[key, default: (0, Recall())].cards += 1
            sums[key]?.recall.add(memory, scheduler: scheduler, at: now)
        }
        return sums.keys.sorted().map { key in
            let entry = sums[key]!
            return entry.recall.mastery(of: key, cards: entry.cards)
        }
    }

    /// Consecutive local days with reviews, ending today, or yesterday while today has none yet.
    public static func streak(store: ReviewStore, at now: Date, timeZone: TimeZone) throws -> Int {
        var dayStart = QuizSession.startOfDay(now, in: timeZone)
        var dayEnd = nextDay(dayStart, in: timeZone)
        if !(try store.hasReviews(from: dayStart.milliseconds, to: dayEnd.milliseconds)) {
            dayEnd = dayStart
            dayStart = previousDay(dayStart, in: timeZone)
        }
        var count = 0
        while try store.hasReviews(from: dayStart.milliseconds, to: dayEnd.milliseconds) {
            count += 1
            dayEnd = dayStart
            dayStart = previousDay(dayStart, in: timeZone)
        }
        return count
    }

    /// Reviews on each day of the last year as a calendar shows it: whole weeks from a Monday
    /// 52 weeks before this week's, through today (between 365 and 371 days, oldest first).
    public static func reviewCalendar(store: ReviewStore, at now: Date, timeZone: TimeZone = .current) throws
        -> [StatsReport.Day]
    {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = QuizSession.startOfDay(now, in: timeZone)
        // Days since Monday: weekday 2 is Monday in the Gregorian calendar.
        let sinceMonday = (calendar.component(.weekday, from: today) + 5) % 7
        let first = calendar.date(byAdding: .day, value: -(52 * 7 + sinceMonday), to: today)!
        let counts = try store.reviewsPerDay(from: first.milliseconds)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        var days: [StatsReport.Day] = []
        var date = first
        while date <= today {
            let index = days.count
            days.append(
                StatsReport.Day(
                    date: formatter.string(from: date), reviews: counts[index]?.reviews ?? 0, again: counts[index]?.again ?? 0))
            date = nextDay(date, in: timeZone)
        }
        return days
    }

    static func nextDay(_ start: Date, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .day, value: 1, to: start)!
    }

    static func previousDay(_ start: Date, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .day, value: -1, to: start)!
    }
}
