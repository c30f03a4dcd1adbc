import Export
import Foundation
import Notes
import Scheduler
import Store

/// Brings reviews given in Anki back into netprep: the way home after `netprep export anki`.
///
/// The package is read as Anki's legacy layout (`collection.anki21` or `collection.anki2`,
/// schema 11); Anki writes it with "Support older Anki versions" ticked in its export dialog.
/// A note is matched to a netprep card by its GUID, which every netprep export derives from
/// the card id. Each Anki answer newer than the card's newest netprep review is replayed
/// through netprep's FSRS scheduler and recorded as a review, in time order, so the card's
/// state is what netprep would have computed; answers netprep already has (those it exported)
/// are skipped, and importing the same package twice adds nothing. A cloze note's cards are
/// one card in netprep, so an answer to any of them counts as a review of that card. Notes
/// that did not come from netprep are counted and left alone.
public struct AnkiHistoryImport: Sendable {
    /// What an import did.
    public struct Report: Sendable, Equatable, Codable {
        /// Notes whose GUID belongs to a netprep card.
        public var matchedNotes = 0
        /// Notes that did not come from netprep.
        public var foreignNotes = 0
        /// Answers recorded as netprep reviews.
        public var importedReviews = 0
        /// Answers netprep already had.
        public var knownReviews = 0

        enum CodingKeys: String, CodingKey {
            case matchedNotes = "matched_notes"
            case foreignNotes = "foreign_notes"
            case importedReviews = "imported_reviews"
            case knownReviews = "known_reviews"
        }

        public init() {}
    }

    /// Exported review times may have moved by a few ms to stay unique in Anki's log.
    static let tolerance: Int64 = 1_000

    public var database: AppDatabase
    public var scheduler: Scheduler
    /// The most a package's collection may unpack to; a larger one (a zip bomb, or a
    /// collection far beyond any learner's) is refused before the disk fills.
    public var maximumCollectionBytes: Int64 = Self.defaultCollectionLimit
    public static let defaultCollectionLimit: Int64 = 2 << 30

    /// `scheduler` replays the answers; by default netprep's, without fuzz, so a replay is
    /// deterministic.
    public init(database: AppDatabase, scheduler: Scheduler? = nil) {
        self.database = database
        self.scheduler =
            scheduler ?? Scheduler(configuration: (try? SchedulerConfiguration(enableFuzzing: false)) ?? .default)
    }

    /// Imports the answers in the package at `url`.
    public func importReviews(from url: URL) throws -> Report {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("netprep-apkg-read-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let collection = try Self.extractCollection(from: url, into: directory, limit: maximumCollectionBytes)
        let reviews: [AnkiLoggedReview]
        do {
            reviews = try AnkiCollectionFile.readReviews(at: collection.path)
        } catch {
            throw ExportError.cannotRead(path: url.path, reason: "its collection is not one Anki's legacy format describes")
        }
        return try record(reviews)
    }

    /// Records `reviews` (oldest first) for the cards they match.
    func record(_ reviews: [AnkiLoggedReview]) throws -> Report {
        let known = try database.cardReviewTimes()
        var cardByGUID: [String: String] = [:]
        for id in known.keys { cardByGUID[CardLayout.guid(forCardID: id)] = id }
        var report = Report()
        var matched: Set<String> = []
        var foreign: Set<String> = []
        var latest: [String: Int64] = [:]
        for (id, time) in known { if let time { latest[id] = time } }
        let store = ReviewStore(database)
        for review in reviews {
            guard let cardID = cardByGUID[review.guid] else {
                foreign.insert(review.guid)
                continue
            }
            matched.insert(review.guid)
            guard let rating = Rating(rawValue: review.rating) else { continue }
            if let last = latest[cardID], review.reviewedAt <= last + Self.tolerance {
                report.knownReviews += 1
                continue
            }
            let date = Date(timeIntervalSince1970: Double(review.reviewedAt) / 1000)
            try store.record(
                cardID: cardID, at: review.reviewedAt, rating: review.rating,
                durationMs: review.durationMilliseconds
            ) { state in
                let memory = state?.memoryCard ?? MemoryCard.new(at: date)
                return StoredCardState(after: scheduler.review(memory, rating: rating, at: date), from: state, rating: rating)
            }
            latest[cardID] = review.reviewedAt
            report.importedReviews += 1
        }
        report.matchedNotes = matched.count
        report.foreignNotes = foreign.count
        return report
    }

    /// Writes the package's schema 11 collection into `directory` and returns its URL. Only
    /// that one entry is read (`CollectionEntry`), to a name of netprep's own, so no entry's path
    /// can place a file anywhere; it is refused past `limit` bytes, whatever its header says.
    static func extractCollection(from url: URL, into directory: URL, limit: Int64 = defaultCollectionLimit) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let destination = directory.appendingPathComponent("collection.sqlite")
        do {
            try CollectionEntry.extract(from: url, to: destination, limit: limit)
        } catch .notZip {
            throw ExportError.cannotRead(path: url.path, reason: "not a zip file, so not an Anki package")
        } catch .missing(let newFormat) {
            throw ExportError.cannotRead(
                path: url.path,
                reason: newFormat
                    ? "it uses Anki's newer package format; export again with \"Support older Anki versions\" ticked"
                    : "it holds no Anki collection")
        } catch .tooLarge {
            throw ExportError.cannotRead(path: url.path, reason: "its collection unpacks to more than \(limit >> 20) MB; refused")
        } catch .damaged {
            throw ExportError.cannotRead(path: url.path, reason: "the collection inside is damaged")
        }
        return destination
    }
}
