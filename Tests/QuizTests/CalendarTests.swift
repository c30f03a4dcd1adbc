import Foundation
import Quiz
import Store
import Testing

/// The year of reviews on the stats page: whole weeks from a Monday, through today.
@Test func theReviewCalendarIsWholeWeeksFromAMondayThroughToday() throws {
    let fixture = try QuizFixture()
    try fixture.note("tcp")
    try fixture.card("tcp#one", note: "tcp")
    let utc = TimeZone(identifier: "UTC")!
    // Thursday 2026-12-03, 15:00 UTC.
    let now = Date(timeIntervalSince1970: 1_796_310_000)
    for (daysAgo, rating) in [(0, 3), (0, 1), (2, 3), (370, 3), (400, 3)] {
        let time = now.addingTimeInterval(-Double(daysAgo) * 86_400).timeIntervalSince1970 * 1000
        try fixture.store.record(cardID: "tcp#one", at: Int64(time), rating: rating) { _ in
            StoredCardState(
                state: .review, step: nil, stability: 1, difficulty: 5, due: Int64(time) + 86_400_000, lastReview: Int64(time),
                reps: 1, lapses: 0)
        }
    }
    let days = try QuizStatistics.reviewCalendar(store: fixture.store, at: now, timeZone: utc)
    // 52 whole weeks before this one, and Monday to Thursday of this one.
    #expect(days.count == 52 * 7 + 4)
    #expect(days.first?.date == "2025-12-01")
    #expect(days.last?.date == "2026-12-03")
    #expect(days.last?.reviews == 2 && days.last?.again == 1)
    #expect(days[days.count - 3].reviews == 1)
    // 370 days ago lies before the first day shown; 400 days ago too.
    #expect(days.reduce(0) { $0 + $1.reviews } == 3)
}
