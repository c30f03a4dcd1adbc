import Basics
import Demos
import Foundation
import Models
import Scheduler
import Store

/// What a quiz session is asked for.
public struct QuizOptions: Sendable {
    /// Only cards under this topic.
    public var scope: TopicScope?
    /// New cards a day: counts the cards first reviewed since local midnight.
    public var newPerDay: Int
    /// At most this many cards in the session (learning repeats of them not counted).
    public var limit: Int?
    public var language: Language
    /// A learning card of this session due within this many seconds is shown early when
    /// nothing else is left.
    public var learnAhead: TimeInterval
    /// Where "today" starts and ends.
    public var timeZone: TimeZone

    public init(
        scope: TopicScope? = nil, newPerDay: Int = 20, limit: Int? = nil, language: Language = .en,
        learnAhead: TimeInterval = 20 * 60, timeZone: TimeZone = .current
    ) {
        self.scope = scope
        self.newPerDay = newPerDay
        self.limit = limit
        self.language = language
        self.learnAhead = learnAhead
        self.timeZone = timeZone
    }

    /// Due cards loaded at the start of a session without `limit`.
    public static let dueCap = 50_000
}

/// Why a card is in the queue.
public enum QueueKind: String, Sendable, Codable {
    case learning
    case review
    case new
}

/// One card waiting in a session.
public struct QueueEntry: Sendable, Equatable {
    public var cardID: String
    public var kind: QueueKind
}

/// Where a session stands, for its header.
public struct QuizProgress: Sendable, Equatable {
    /// The card shown now, counting from 1.
    public var position: Int
    /// Cards answered so far plus those still to come.
    public var total: Int
    public var due: Int
    public var new: Int
    public var learning: Int
}

/// The card on screen.
public struct QuizItem: Sendable, Equatable {
    public var entry: QueueEntry
    public var card: CardText
    /// For a generated card: the question drawn for this showing.
    public var question: GeneratedQuestion?
    /// When it was shown, for the review's duration.
    public var shownAt: Date
}

/// A quiz session: the queue (due learning cards, then due reviews most overdue first, then new
/// cards up to the daily limit in topic-graph order), the answers, skips and undo.
///
/// Every answer goes to the database at once (`ReviewStore.record`); the session itself holds
/// only the queue, so losing it loses nothing answered. Time is always a parameter.
public struct QuizSession: Sendable {
    public let store: ReviewStore
    public let scheduler: Scheduler
    public let options: QuizOptions

    struct Queue: Sendable {
        var planned: [QueueEntry] = []
        var nextPlanned = 0
        /// Cards of this session in learning, waiting for their next step.
        var waiting: [(cardID: String, due: Date)] = []
        var skipped: Set<String> = []
        var answered = 0
        /// New cards still allowed today; they are looked up only once the due cards run out,
        /// so a session with cards due shows its first one without walking the topic graph.
        var newAllowance = 0
        var newPlanned = false
    }

    var queue = Queue()
    var history: [(queue: Queue, item: QuizItem, reviewID: Int64)] = []
    var generator: SplitMix64
    /// The card shown now; nil between cards.
    public private(set) var current: QuizItem?

    /// Plans a session at `now`. `seed` drives the scheduler's fuzz and generated questions.
    public init(store: ReviewStore, scheduler: Scheduler = Scheduler(), options: QuizOptions, at now: Date, seed: UInt64)
        throws
    {
        self.store = store
        self.scheduler = scheduler
        self.options = options
        self.generator = SplitMix64(seed: seed)
        let nowMs = now.milliseconds
        let cap = options.limit ?? QuizOptions.dueCap
        var planned: [QueueEntry] = []
        for id in try store.dueLearning(at: nowMs, scope: options.scope, limit: cap) {
            planned.append(QueueEntry(cardID: id, kind: .learning))
        }
        if planned.count < cap {
            for id in try store.dueReviews(at: nowMs, scope: options.scope, limit: cap - planned.count) {
                planned.append(QueueEntry(cardID: id, kind: .review))
            }
        }
        let introduced = try store.newCardsIntroduced(since: Self.startOfDay(now, in: options.timeZone).milliseconds)
        queue.newAllowance = min(max(0, options.newPerDay - introduced), cap - planned.count)
        queue.planned = planned
    }

    /// The local midnight at or before `date`.
    public static func startOfDay(_ date: Date, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.startOfDay(for: date)
    }

    // MARK: - Moving through the queue

    /// The card to show at `now` (the same one until it is answered or skipped), or nil when
    /// the session is over.
    public mutating func next(at now: Date) throws -> QuizItem? {
        if let current { return current }
        while let entry = try pick(at: now) {
            guard let card = try store.card(entry.cardID, language: options.language) else { continue }
            var question: GeneratedQuestion?
            if card.kind == .generated {
                guard let generator = QuestionCatalog.generator(named: card.prompt.trimmingCharacters(in: .whitespaces))
                else { continue }
                question = generator.generate(seed: self.generator.next(), language: options.language)
            }
            current = QuizItem(entry: entry, card: card, question: question, shownAt: now)
            return current
        }
        return nil
    }

    /// The next entry still worth showing: a waiting learning card now due, the next planned card
    /// (if nobody answered it meanwhile), or a waiting card due within the learn-ahead window.
    mutating func pick(at now: Date) throws -> QueueEntry? {
        if let index = earliestWaiting(before: now) {
            return QueueEntry(cardID: queue.waiting.remove(at: index).cardID, kind: .learning)
        }
        if queue.nextPlanned == queue.planned.count && !queue.newPlanned {
            queue.planned += try newCards()
            queue.newPlanned = true
        }
        while queue.nextPlanned < queue.planned.count {
            let entry = queue.planned[queue.nextPlanned]
            queue.nextPlanned += 1
            if queue.skipped.contains(entry.cardID) { continue }
            let state = try store.state(of: entry.cardID)
            switch entry.kind {
            case .new: if state != nil { continue }
            case .learning, .review: if state == nil || state!.due > now.milliseconds { continue }
            }
            return entry
        }
        if let index = earliestWaiting(before: now.addingTimeInterval(options.learnAhead)) {
            return QueueEntry(cardID: queue.waiting.remove(at: index).cardID, kind: .learning)
        }
        return nil
    }

    /// Today's new cards: notes in topic-graph order, prerequisites first, cards of one note
    /// spread apart.
    func newCards() throws -> [QueueEntry] {
        guard queue.newAllowance > 0 else { return [] }
        let scope = options.scope
        let notes = NewCardOrder.notes(try store.noteGraph()).filter { note in
            guard let scope else { return true }
            return scope.contains(note) || ReviewStore.noteKey(of: scope.key) == note
        }
        let cards = try store.newCards(inNotes: notes, scope: scope, limit: queue.newAllowance)
        return NewCardOrder.spread(cards).map { QueueEntry(cardID: $0.id, kind: .new) }
    }

    func earliestWaiting(before limit: Date) -> Int? {
        var best: Int?
        for (index, waiting) in queue.waiting.enumerated() where waiting.due <= limit {
            if best == nil || waiting.due < queue.waiting[best!].due { best = index }
        }
        return best
    }

    // MARK: - Answers

    /// What each rating would put off the current card by, in seconds (without fuzz).
    public func intervals(at now: Date) throws -> [Rating: TimeInterval] {
        guard let current else { return [:] }
        let memory = try store.state(of: current.card.id)?.memoryCard ?? MemoryCard.new(at: now)
        return scheduler.intervals(for: memory, at: now)
    }

    /// Grades a typed answer to the current generated card: Good when correct, Again when not.
    public func grade(_ typed: String) -> Rating {
        guard let question = current?.question else { return .again }
        return question.isCorrect(typed) ? .good : .again
    }

    /// Records `rating` for the current card at `now`, committed before this returns.
    @discardableResult
    public mutating func answer(_ rating: Rating, at now: Date) throws -> ReviewEntry {
        guard let item = current else { throw ReviewError.noSuchCard("(no card shown)") }
        let before = queue
        let scheduler = self.scheduler
        var generator = self.generator
        let duration = max(0, now.milliseconds - item.shownAt.milliseconds)
        let entry = try store.record(cardID: item.card.id, at: now.milliseconds, rating: rating.rawValue, durationMs: duration) {
            state in
            let memory = state?.memoryCard ?? MemoryCard.new(at: now)
            let next = scheduler.review(memory, rating: rating, at: now, using: &generator)
            return StoredCardState(after: next, from: state, rating: rating)
        }
        self.generator = generator
        history.append((before, item, entry.id))
        if entry.after.state != .review {
            queue.waiting.append((item.card.id, Date(milliseconds: entry.after.due)))
        }
        queue.answered += 1
        current = nil
        return entry
    }

    /// Leaves the current card for another session.
    public mutating func skip() {
        guard let current else { return }
        queue.skipped.insert(current.card.id)
        self.current = nil
    }

    /// Takes back the last answer of this session (review row deleted, state restored, in one
    /// transaction) and shows that card again. Returns nil when there is nothing to undo.
    @discardableResult
    public mutating func undo(at now: Date) throws -> QuizItem? {
        guard let last = history.popLast() else { return nil }
        try store.undo(reviewID: last.reviewID)
        queue = last.queue
        var item = last.item
        item.shownAt = now
        current = item
        return item
    }

    /// Whether an answer can be taken back.
    public var canUndo: Bool { !history.isEmpty }

    /// Answers given in this session (undone ones not counted).
    public var answered: Int { queue.answered }

    /// The header's numbers.
    public var progress: QuizProgress {
        var due = 0, new = 0, learning = queue.waiting.count
        for entry in queue.planned[queue.nextPlanned...] where !queue.skipped.contains(entry.cardID) {
            switch entry.kind {
            case .review: due += 1
            case .new: new += 1
            case .learning: learning += 1
            }
        }
        if !queue.newPlanned { new = queue.newAllowance }
        if let current {
            switch current.entry.kind {
            case .review: due += 1
            case .new: new += 1
            case .learning: learning += 1
            }
        }
        return QuizProgress(
            position: queue.answered + (current == nil ? 0 : 1), total: queue.answered + due + new + learning,
            due: due, new: new, learning: learning)
    }
}
