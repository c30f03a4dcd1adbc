import Foundation
import Scheduler
import Store
import Testing

@testable import Quiz

/// Every card the session shows, answering each with `rating`, until it ends.
func drain(_ session: inout QuizSession, rating: Rating = .easy, at now: Date = noon) throws -> [String] {
    var shown: [String] = []
    while let item = try session.next(at: now) {
        shown.append(item.card.id)
        try session.answer(rating, at: now)
    }
    return shown
}

@Suite struct QueueOrder {
    @Test func learningFirstThenMostOverdueReviewsThenNewInGraphOrder() throws {
        let fixture = try QuizFixture()
        // Files sort ip < tcp < udp; tcp needs ip, and ip needs udp, so udp comes first.
        try fixture.note("ip", prereqs: ["udp"])
        try fixture.note("tcp", prereqs: ["ip"])
        try fixture.note("udp")
        for (note, count) in [("ip", 2), ("tcp", 3), ("udp", 1)] {
            for index in 0..<count { try fixture.card("\(note)#new\(index)", note: note, position: index) }
        }
        try fixture.card("tcp#late-learning", note: "tcp")
        try fixture.card("tcp#early-learning", note: "tcp")
        try fixture.card("tcp#future-learning", note: "tcp")
        try fixture.setState("tcp#late-learning", learningState(dueOffset: -60))
        try fixture.setState("tcp#early-learning", learningState(dueOffset: -600))
        try fixture.setState("tcp#future-learning", learningState(dueOffset: 3600))
        // Overdue by 2 days with stability 10 (0.2) beats 3 days with stability 30 (0.1).
        try fixture.card("ip#slightly-overdue", note: "ip")
        try fixture.card("ip#very-overdue", note: "ip")
        try fixture.card("ip#not-due", note: "ip")
        try fixture.setState("ip#slightly-overdue", reviewState(dueOffset: -3 * day, stability: 30))
        try fixture.setState("ip#very-overdue", reviewState(dueOffset: -2 * day, stability: 10))
        try fixture.setState("ip#not-due", reviewState(dueOffset: day, stability: 10))

        var session = try QuizSession(
            store: fixture.store, options: QuizOptions(timeZone: utc), at: noon, seed: 1)
        let shown = try drain(&session)
        #expect(
            shown == [
                "tcp#early-learning", "tcp#late-learning", "ip#very-overdue", "ip#slightly-overdue",
                // New: udp, then ip, then tcp, round robin over the notes.
                "udp#new0", "ip#new0", "tcp#new0", "ip#new1", "tcp#new1", "tcp#new2",
            ])
    }

    @Test func cardsOfOneNoteAreSpreadApart() {
        let cards = [("a", 3), ("b", 2), ("c", 1)].flatMap { note, count in
            (0..<count).map { NewCard(id: "\(note)\($0)", note: note, topic: note) }
        }
        #expect(NewCardOrder.spread(cards).map(\.id) == ["a0", "b0", "c0", "a1", "b1", "a2"])
    }

    @Test func prerequisiteCyclesAreBrokenAtTheEarliestFile() {
        let graph = NoteGraph(
            notes: ["a", "b", "c", "d"].map { NoteGraph.Note(key: $0, file: "/\($0).md") },
            prerequisites: [
                .init(note: "a", requires: "b"), .init(note: "b", requires: "a"), .init(note: "c", requires: "d"),
                .init(note: "a", requires: "missing"),
            ])
        #expect(NewCardOrder.notes(graph) == ["d", "c", "a", "b"])
    }

    @Test func topicFilterKeepsOnlyCardsUnderTheTopic() throws {
        let fixture = try QuizFixture()
        try fixture.note("tcp")
        try fixture.note("tcp.handshake")
        try fixture.note("tcpip")
        try fixture.card("tcp#a", note: "tcp")
        try fixture.card("tcp.handshake#b", note: "tcp.handshake")
        try fixture.card("tcpip#c", note: "tcpip")
        var session = try QuizSession(
            store: fixture.store, options: QuizOptions(scope: TopicScope("tcp"), timeZone: utc), at: noon, seed: 1)
        #expect(try drain(&session).sorted() == ["tcp#a", "tcp.handshake#b"])
    }

    @Test func retiredCardsAreNotQuizzedButKeepTheirReviews() throws {
        let fixture = try QuizFixture()
        try fixture.note("tcp")
        try fixture.card("tcp#kept", note: "tcp")
        try fixture.card("tcp#retired", note: "tcp")
        try fixture.setState("tcp#retired", reviewState(dueOffset: -day, stability: 5))
        var session = try QuizSession(store: fixture.store, options: QuizOptions(timeZone: utc), at: noon, seed: 1)
        #expect(try session.next(at: noon)?.card.id == "tcp#retired")
        try session.answer(.good, at: noon)
        try fixture.retire("tcp#retired")
        #expect(try fixture.store.reviews(of: "tcp#retired").count == 1)
        var later = try QuizSession(
            store: fixture.store, options: QuizOptions(timeZone: utc), at: noon.addingTimeInterval(400 * day), seed: 1)
        #expect(try drain(&later, at: noon.addingTimeInterval(400 * day)) == ["tcp#kept"])
        #expect(throws: ReviewError.noSuchCard("tcp#retired")) {
            try fixture.store.record(cardID: "tcp#retired", at: 0, rating: 3) { _ in reviewState(dueOffset: 0, stability: 1) }
        }
    }

    @Test func languageFallsBackWhenACardLacksIt() throws {
        let fixture = try QuizFixture()
        try fixture.note("tcp", lang: "en")
        try fixture.note("tcp", lang: "zh", file: "/content/zh/tcp.md")
        try fixture.card("tcp#both", note: "tcp", position: 0, langs: ["en", "zh"])
        try fixture.card("tcp#english", note: "tcp", position: 1, langs: ["en"])
        var session = try QuizSession(
            store: fixture.store, options: QuizOptions(language: .zh, timeZone: utc), at: noon, seed: 1)
        let first = try #require(try session.next(at: noon))
        #expect(first.card.language == .zh && first.card.prompt == "zh: what is tcp#both?")
        try session.answer(.easy, at: noon)
        let second = try #require(try session.next(at: noon))
        #expect(second.card.language == .en && second.card.id == "tcp#english")
    }
}

@Suite struct DailyLimits {
    func fixture(newCards: Int) throws -> QuizFixture {
        let fixture = try QuizFixture()
        try fixture.note("tcp")
        for index in 0..<newCards { try fixture.card(String(format: "tcp#%02d", index), note: "tcp", position: index) }
        return fixture
    }

    @Test func newCardsStopAtTheDailyLimitCountingThoseIntroducedEarlierToday() throws {
        let fixture = try fixture(newCards: 30)
        var morning = try QuizSession(
            store: fixture.store, options: QuizOptions(newPerDay: 5, timeZone: utc), at: noon.addingTimeInterval(-3 * 3600),
            seed: 1)
        #expect(try drain(&morning, at: noon.addingTimeInterval(-3 * 3600)).count == 5)
        var noonSession = try QuizSession(
            store: fixture.store, options: QuizOptions(newPerDay: 8, timeZone: utc), at: noon, seed: 1)
        #expect(try drain(&noonSession).count == 3)
        // The next local day starts a new allowance.
        let tomorrow = noon.addingTimeInterval(day)
        var next = try QuizSession(
            store: fixture.store, options: QuizOptions(newPerDay: 5, timeZone: utc), at: tomorrow, seed: 1)
        #expect(try drain(&next, at: tomorrow).count == 5)
    }

    @Test func undoneNewCardsDoNotCountAgainstTheLimit() throws {
        let fixture = try fixture(newCards: 3)
        var session = try QuizSession(
            store: fixture.store, options: QuizOptions(newPerDay: 1, timeZone: utc), at: noon, seed: 1)
        _ = try session.next(at: noon)
        try session.answer(.easy, at: noon)
        try session.undo(at: noon)
        #expect(try fixture.store.newCardsIntroduced(since: 0) == 0)
    }

    @Test func limitCapsTheCardsOfASession() throws {
        let fixture = try fixture(newCards: 10)
        var session = try QuizSession(
            store: fixture.store, options: QuizOptions(limit: 4, timeZone: utc), at: noon, seed: 1)
        #expect(session.progress.total == 4)
        #expect(try drain(&session).count == 4)
    }

    @Test func learningCardsComeBackWithinTheSession() throws {
        let fixture = try fixture(newCards: 1)
        var session = try QuizSession(store: fixture.store, options: QuizOptions(timeZone: utc), at: noon, seed: 1)
        #expect(try session.next(at: noon)?.entry.kind == .new)
        try session.answer(.again, at: noon)
        // Due again in a minute: shown ahead of time since nothing else is left.
        let again = try #require(try session.next(at: noon.addingTimeInterval(5)))
        #expect(again.entry.kind == .learning && again.card.id == "tcp#00")
        try session.answer(.easy, at: noon.addingTimeInterval(5))
        #expect(try session.next(at: noon.addingTimeInterval(5)) == nil)
        #expect(try fixture.store.reviews(of: "tcp#00").map(\.rating) == [1, 4])
    }
}

@Suite struct Undo {
    @Test func undoRestoresTheStateBeforeAndDeletesTheNewestReview() throws {
        let fixture = try QuizFixture()
        try fixture.note("tcp")
        try fixture.card("tcp#review", note: "tcp")
        try fixture.card("tcp#new", note: "tcp", position: 1)
        let before = reviewState(dueOffset: -day, stability: 4)
        try fixture.setState("tcp#review", before)
        var session = try QuizSession(store: fixture.store, options: QuizOptions(timeZone: utc), at: noon, seed: 1)
        #expect(try session.next(at: noon)?.card.id == "tcp#review")
        try session.answer(.again, at: noon)
        #expect(try fixture.store.state(of: "tcp#review")?.state == .relearning)
        #expect(try session.next(at: noon)?.card.id == "tcp#new")
        try session.answer(.good, at: noon)
        #expect(try fixture.reviewRows() == 2)

        #expect(try session.undo(at: noon)?.card.id == "tcp#new")
        #expect(try fixture.store.state(of: "tcp#new") == nil)
        #expect(try fixture.reviewRows() == 1)
        #expect(try session.undo(at: noon)?.card.id == "tcp#review")
        #expect(try fixture.store.state(of: "tcp#review") == before)
        #expect(try fixture.reviewRows() == 0)
        #expect(try session.undo(at: noon) == nil)
        // The undone card is shown again, then the rest of the queue as before.
        #expect(try drain(&session) == ["tcp#review", "tcp#new"])
    }

    @Test func onlyTheNewestReviewOfACardCanBeUndone() throws {
        let fixture = try QuizFixture()
        try fixture.note("tcp")
        try fixture.card("tcp#a", note: "tcp")
        let first = try fixture.store.record(cardID: "tcp#a", at: 1000, rating: 3) { _ in
            learningState(dueOffset: 0)
        }
        try fixture.store.record(cardID: "tcp#a", at: 2000, rating: 3) { _ in reviewState(dueOffset: 0, stability: 3) }
        #expect(throws: ReviewError.notNewest(reviewID: first.id, cardID: "tcp#a")) {
            try fixture.store.undo(reviewID: first.id)
        }
        #expect(try fixture.reviewRows() == 2)
    }

    @Test func answersCarryCountersAndFuzzFromTheInjectedSeed() throws {
        func interval(seed: UInt64) throws -> Int64 {
            let fixture = try QuizFixture()
            try fixture.note("tcp")
            try fixture.card("tcp#a", note: "tcp")
            try fixture.setState("tcp#a", reviewState(dueOffset: 0, stability: 40))
            var session = try QuizSession(store: fixture.store, options: QuizOptions(timeZone: utc), at: noon, seed: seed)
            _ = try session.next(at: noon)
            let entry = try session.answer(.good, at: noon)
            #expect(entry.after.reps == 4 && entry.after.lapses == 0)
            return entry.after.due - entry.reviewedAt
        }
        #expect(try interval(seed: 7) == interval(seed: 7))
        let spread = Set(try (1...8).map { try interval(seed: $0) })
        #expect(spread.count > 1)
    }
}
