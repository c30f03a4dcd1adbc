import Foundation
import GRDB
import Store
import Testing

@testable import Anki
@testable import Export

@Test func answersGivenInAnkiBecomeNetprepReviewsOnce() throws {
    let fixture = try ExportFixture()
    let package = AnkiPackage(now: fixture.now)
    var (rows, _) = package.collectionRows(for: try fixture.database.exportCards(ExportSelection()))
    func cardID(_ netprepID: String, ordinal: Int = 0) throws -> Int64 {
        let note = try #require(rows.notes.first { $0.guid == CardLayout.guid(forCardID: netprepID) })
        return try #require(rows.cards.first { $0.noteID == note.id && $0.ordinal == ordinal }).id
    }
    let nowMS = Int64(fixture.now.timeIntervalSince1970 * 1000)
    // In Anki: cwnd answered Hard an hour ago, the second deletion of the cloze Good just now.
    rows.reviews.append(
        .init(
            id: nowMS - 3_600_000, cardID: try cardID(ExportFixture.cwnd), ease: 2, interval: 9, lastInterval: 16,
            factor: 2500, time: 7_000, type: 1))
    rows.reviews.append(
        .init(
            id: nowMS, cardID: try cardID(ExportFixture.phases, ordinal: 1), ease: 3, interval: 1, lastInterval: 0,
            factor: 2500, time: 3_000, type: 0))
    // A note made in Anki, unknown to netprep.
    rows.notes.append(
        .init(
            id: 42, guid: "made-in-anki", notetypeID: AnkiNoteTypes.basicID, mod: 1, tags: "",
            fields: "q\u{1F}a\u{1F}", sortField: "q", checksum: 0))
    rows.cards.append(
        .init(
            id: 43, noteID: 42, deckID: 1, ordinal: 0, mod: 1, type: 2, queue: 2, due: 3, interval: 3, factor: 2500,
            reps: 1, lapses: 0, left: 0, data: "{}"))
    rows.reviews.append(.init(id: nowMS - 5, cardID: 43, ease: 3, interval: 3, lastInterval: 0, factor: 2500, time: 1, type: 0))

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("from-anki.apkg")
    try package.write(rows, media: MediaFiles(), to: url)

    let importer = AnkiHistoryImport(database: fixture.database)
    let first = try importer.importReviews(from: url)
    var expected = AnkiHistoryImport.Report()
    expected.matchedNotes = 3
    expected.foreignNotes = 1
    expected.importedReviews = 2
    // cwnd 3, the cloze's two cards 2 each, records 3: the rows netprep exported.
    expected.knownReviews = 10
    #expect(first == expected)

    let store = ReviewStore(fixture.database)
    let cwnd = try store.reviews(of: ExportFixture.cwnd)
    #expect(cwnd.map(\.rating) == [3, 3, 4, 2])
    #expect(cwnd.last?.reviewedAt == nowMS - 3_600_000 && cwnd.last?.durationMs == 7_000)
    let state = try #require(try store.state(of: ExportFixture.cwnd))
    #expect(state.reps == 4 && state.lastReview == nowMS - 3_600_000 && state.state == .review)
    #expect(try store.reviews(of: ExportFixture.phases).map(\.rating) == [1, 3, 3])

    let second = try importer.importReviews(from: url)
    #expect(second.importedReviews == 0 && second.knownReviews == 12)
}

@Test func aPackageInAnkisNewFormatIsRefusedWithAWayOut() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let notZip = directory.appendingPathComponent("notes.apkg")
    try Data("hello".utf8).write(to: notZip)
    #expect(throws: ExportError.cannotRead(path: notZip.path, reason: "not a zip file, so not an Anki package")) {
        try AnkiHistoryImport(database: try AppDatabase.inMemory()).importReviews(from: notZip)
    }
}
