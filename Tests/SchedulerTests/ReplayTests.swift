import Basics
import Foundation
import Testing

@testable import Scheduler

@Suite("Review history replay")
struct ReplayTests {
    let scheduler = Scheduler(configuration: try! SchedulerConfiguration(enableFuzzing: false))

    @Test("Rows in any order replay each card in time order; results come back in file order")
    func replayKeepsFileOrder() throws {
        let csv = """
            card_id,review_time,review_rating,review_state,review_duration
            7,1700086400000,3,1,5000
            9,1700000000000,1,0,1000
            7,1700000000000,3,0,3000
            7,1700000060000,3,1,2000
            9,1700000600000,4,1,1000

            """
        let records = try ReviewHistory.parse(csv: csv, source: "revlog.csv")
        #expect(records.map(\.line) == [2, 3, 4, 5, 6])
        let results = scheduler.replay(records)
        #expect(results.map(\.record) == records)

        let t0 = Date(millisecondsSince1970: 1_700_000_000_000)
        var card7 = scheduler.review(.new(at: t0), rating: .good, at: t0)
        let afterSecond = scheduler.review(card7, rating: .good, at: t0 + 60)
        card7 = scheduler.review(afterSecond, rating: .good, at: t0 + 86400)
        #expect(results[2].card == scheduler.review(.new(at: t0), rating: .good, at: t0))
        #expect(results[3].card == afterSecond)
        #expect(results[0].card == card7)
        #expect(results[3].card.state == .review)  // Good at the last learning step graduates
        let card9 = scheduler.review(.new(at: t0), rating: .again, at: t0)
        #expect(results[1].card == card9)
        #expect(results[4].card == scheduler.review(card9, rating: .easy, at: t0 + 600))
        #expect(results[1].dueMilliseconds == 1_700_000_060_000)
    }

    @Test("Columns may come in any order, quoted, with CRLF line ends and a byte order mark")
    func headerAndQuotingAreFlexible() throws {
        let csv =
            "\u{FEFF}note,review_rating,card_id,review_time\r\n\"a, \"\"quoted\"\"\nnote\",2,1,1700000000000\r\nx,3,1,1700000000001\r\n"
        let records = try ReviewHistory.parse(csv: csv, source: "f.csv")
        #expect(
            records == [
                ReviewRecord(line: 2, cardID: 1, reviewTime: 1_700_000_000_000, rating: .hard),
                ReviewRecord(line: 4, cardID: 1, reviewTime: 1_700_000_000_001, rating: .good),
            ])
    }

    @Test(
        "A bad row is reported with the file and its line number",
        arguments: [
            ("1,1700000000000,5", "revlog.csv:3: review_rating '5' is not 1 (again), 2 (hard), 3 (good) or 4 (easy)"),
            ("1,1700000000000,0", "revlog.csv:3: review_rating '0'"),
            ("1,17e11,3", "revlog.csv:3: review_time '17e11' is not a whole number"),
            ("abc,1700000000000,3", "revlog.csv:3: card_id 'abc' is not an integer"),
            ("1,1700000000000", "revlog.csv:3: expected at least 3 fields, found 2"),
            ("1,\"1700000000000,3", "revlog.csv:3: a quoted field is not closed"),
        ])
    func badRowsNameTheirLine(row: String, message: String) {
        let csv = "card_id,review_time,review_rating\n1,1700000000000,3\n\(row)\n1,1700000000001,3\n"
        do {
            _ = try ReviewHistory.parse(csv: csv, source: "revlog.csv")
            Issue.record("accepted \(row)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test("A missing column or an empty file is refused")
    func missingColumnsAreRefused() {
        #expect(throws: ReviewHistoryError.missingColumn(source: "f.csv", column: "review_rating")) {
            try ReviewHistory.parse(csv: "card_id,review_time\n1,2\n", source: "f.csv")
        }
        #expect(throws: ReviewHistoryError.empty(source: "f.csv")) {
            try ReviewHistory.parse(csv: "", source: "f.csv")
        }
    }

    @Test("Replaying the reference histories as one shuffled CSV gives the reference's cards")
    func shuffledCSVMatchesTheReference() throws {
        let fixture = try ReferenceFixture.load("custom-steps")
        let scheduler = Scheduler(configuration: fixture.configuration)
        var rows: [(line: String, expected: ReferenceFixture.Review, start: Int64)] = []
        for (number, history) in fixture.histories.prefix(200).enumerated() {
            for review in history.reviews {
                rows.append(
                    ("\(number),\(history.start + review.time),\(review.rating.rawValue)", review, history.start))
            }
        }
        var generator = SplitMix64(seed: 5)
        rows.shuffle(using: &generator)
        let csv = "card_id,review_time,review_rating\n" + rows.map(\.line).joined(separator: "\n")
        let results = scheduler.replay(try ReviewHistory.parse(csv: csv, source: "shuffled.csv"))
        var failures: [String] = []
        for (result, row) in zip(results, rows) {
            if let problem = disagreement(
                result.card, row.expected, start: row.start, where: "line \(result.record.line)")
            {
                failures.append(problem)
            }
        }
        #expect(results.count == rows.count && rows.count > 1000)
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }
}
