import ArgumentParser
import Foundation
import Quiz
import Scheduler
import Store

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", _superCommandName: Netprep.name,
        abstract: "Record one answer for a card, from a script.",
        discussion: """
            RATING is 1 to 4 or again, hard, good, easy. The review is scheduled as in a quiz \
            and saved at once.

            Examples:
              netprep review tcp.handshake#why-three good
              netprep review tcp.handshake#why-three 2 --at 2026-03-10T09:30:00Z
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The card's id (netprep cards lists them).")
    var cardID: String

    @Argument(help: "1 again, 2 hard, 3 good, 4 easy.")
    var rating: String

    @Option(help: "When the answer was given (ISO 8601, e.g. 2026-03-10T09:30:00Z); default now.")
    var at: String?

    @Option(help: ArgumentHelp("Seed for interval fuzz.", visibility: .hidden))
    var seed: UInt64?

    func run() throws {
        try reportingErrors {
            guard let rating = Rating(text: rating) else {
                throw ValidationError("rating '\(self.rating)' is not 1-4 or again, hard, good, easy")
            }
            let date = try at.map(Self.parseDate) ?? Date()
            let database = try global.openDatabase()
            let store = ReviewStore(database)
            let entry = try SingleReview.record(
                store: store, scheduler: try SchedulingPreferences.scheduler(database), cardID: cardID, rating: rating, at: date,
                seed: seed ?? UInt64(Date().milliseconds))
            let due = Date(milliseconds: entry.after.due)
            let formatter = ISO8601DateFormatter()
            print(
                "\(entry.cardID): \(rating), \(entry.after.state), due \(formatter.string(from: due)) (in \(formatInterval(due.timeIntervalSince(date))))"
            )
        }
    }

    static func parseDate(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        if let date = formatter.date(from: text) { return date }
        throw ValidationError("--at '\(text)' is not an ISO 8601 time such as 2026-03-10T09:30:00Z")
    }
}
