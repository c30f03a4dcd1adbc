import Foundation
import GRDB
import Store
import Testing

@testable import Anki
@testable import Export

@Test func eachCardBecomesANoteWithOneCardPerClozeNumber() throws {
    let fixture = try ExportFixture()
    let cards = try fixture.database.exportCards(ExportSelection())
    let (rows, summary) = AnkiPackage(now: fixture.now).collectionRows(for: cards)
    // cwnd, phases (2 deletions), hostile, records, ttl; the generated card is left out. Decks:
    // netprep, netprep::TCP, netprep::DNS and one per note file.
    #expect(summary == ExportSummary(notes: 5, cards: 6, reviews: 10, decks: 6, skippedGenerated: 1))
    #expect(Set(rows.notes.map(\.guid)).count == 5)
    let phases = try #require(rows.notes.first { $0.guid == CardLayout.guid(forCardID: ExportFixture.phases) })
    #expect(phases.notetypeID == AnkiNoteTypes.clozeID)
    #expect(rows.cards.filter { $0.noteID == phases.id }.map(\.ordinal) == [0, 1])
    #expect(phases.fields.split(separator: "\u{1F}", omittingEmptySubsequences: false).count == 3)
    #expect(phases.tags == " tcp congestion_control ")
}

@Test func reviewedCardsCarryFSRSStateWhoseLastReviewIsTheLastRevlogRow() throws {
    let fixture = try ExportFixture()
    let cards = try fixture.database.exportCards(ExportSelection())
    let (rows, _) = AnkiPackage(now: fixture.now).collectionRows(for: cards)
    let cwndNote = try #require(rows.notes.first { $0.guid == CardLayout.guid(forCardID: ExportFixture.cwnd) })
    let cwnd = try #require(rows.cards.first { $0.noteID == cwndNote.id })
    #expect(cwnd.type == 2 && cwnd.queue == 2 && cwnd.reps == 3)
    let data = try #require(try JSONSerialization.jsonObject(with: Data(cwnd.data.utf8)) as? [String: Any])
    let revlog = rows.reviews.filter { $0.cardID == cwnd.id }
    #expect(revlog.map(\.ease) == ExportFixture.cwndRatings.map(\.rawValue))
    #expect(revlog.map(\.type) == [0, 0, 1])
    #expect((data["lrt"] as? Int).map(Int64.init) == revlog.last.map { $0.id / 1000 })
    let state = try #require(cards.first { $0.id == ExportFixture.cwnd }?.state)
    #expect(abs((data["s"] as? Double ?? 0) - (state.stability ?? -1)) < 0.001)
    let recordsNote = try #require(rows.notes.first { $0.guid == CardLayout.guid(forCardID: ExportFixture.records) })
    let records = try #require(rows.cards.first { $0.noteID == recordsNote.id })
    #expect(records.type == 3 && records.queue == 1 && records.lapses == 1 && records.interval >= 1)
    #expect(rows.reviews.filter { $0.cardID == records.id }.map(\.type) == [0, 0, 1])
    // Each cloze sibling has its own copy of the log, with ids that never collide.
    #expect(Set(rows.reviews.map(\.id)).count == rows.reviews.count)
}

@Test func withoutHistoryEveryCardIsNewAndTheLogIsEmpty() throws {
    let fixture = try ExportFixture()
    let cards = try fixture.database.exportCards(ExportSelection(includeHistory: false))
    let (rows, summary) = AnkiPackage(now: fixture.now).collectionRows(for: cards)
    #expect(summary.reviews == 0 && rows.reviews.isEmpty)
    #expect(rows.cards.allSatisfy { $0.type == 0 && $0.queue == 0 && $0.data == "{}" })
}

@Test func languageAndTopicSelectCards() throws {
    let fixture = try ExportFixture()
    let chinese = try fixture.database.exportCards(ExportSelection(topic: "dns", lang: .zh))
    #expect(chinese.map(\.id) == [ExportFixture.records, ExportFixture.chineseOnly])
    #expect(chinese.map(\.lang) == [.zh, .zh])
    let english = try fixture.database.exportCards(ExportSelection(topic: "dns.records", lang: .en))
    #expect(english.map(\.lang) == [.en, .zh])
    #expect(throws: StoreError.noSuchTopic("dsn", suggestion: "dns")) {
        try fixture.database.exportCards(ExportSelection(topic: "dsn"))
    }
    #expect(throws: StoreError.noSuchTopic("tpc", suggestion: "tcp")) {
        try fixture.database.exportCards(ExportSelection(topic: "tpc"))
    }
}

@Test func thePackageIsAZipWithTheCollectionAndAnEmptyMediaMap() throws {
    let fixture = try ExportFixture()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("deck.apkg")
    try AnkiPackage(now: fixture.now).write(try fixture.database.exportCards(ExportSelection()), to: url)
    let bytes = try Data(contentsOf: url)
    #expect(bytes.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
    // Writing again replaces the file.
    try AnkiPackage(now: fixture.now).write(try fixture.database.exportCards(ExportSelection()), to: url)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["deck.apkg"])
}

@Test func localImagesGoIntoTheMediaFolderUnderFlatUniqueNames() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-media-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory.appendingPathComponent("img"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data([0x89, 0x50]).write(to: directory.appendingPathComponent("img/ack clock.png"))
    try Data([0x89, 0x51]).write(to: directory.appendingPathComponent("ack clock.png"))
    let card = AnkiImportTests.imageCard(noteFile: directory.appendingPathComponent("note.md").path)
    let media = MediaFiles()
    let (rows, _) = AnkiPackage().collectionRows(for: [card], media: media)
    #expect(media.files.map(\.name).first == "ack_clock.png")
    #expect(media.files.count == 2 && media.files[1].name.hasSuffix("-ack_clock.png"))
    let fields = try #require(rows.notes.first?.fields)
    #expect(fields.contains("<img src=\"ack_clock.png\" alt=\"clock\" />"))
    #expect(fields.contains("<img src=\"\(media.files[1].name)\" alt=\"other\" />"))
    #expect(fields.contains("<img src=\"missing.png\" alt=\"gone\" />"))
    #expect(fields.contains("<img src=\"https://example.org/a.png\" alt=\"remote\" />"))
}

@Test func aUnitSeparatorInANoteCannotChangeTheFieldCount() throws {
    var card = AnkiImportTests.imageCard(noteFile: "/nowhere/note.md")
    card.prompt = "split\u{1F}here?"
    let (rows, _) = AnkiPackage().collectionRows(for: [card])
    #expect(rows.notes.first?.fields.split(separator: "\u{1F}", omittingEmptySubsequences: false).count == 3)
}
