import Basics
import Foundation
import Scheduler
import Store
import TestSupport
import Testing

@testable import Anki
@testable import Export

/// Imports the exports with the official Anki library (scripts/anki/check_apkg.py and
/// check_csv.py). Skipped with the reason when python3 or `import anki` is missing (`pip install
/// -r scripts/anki/requirements.txt` brings it); in CI (CI=true) a missing anki fails them.
struct AnkiImportTests {
    static let scripts = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/anki")

    @Test(
        .enabled(
            if: Checker.runs(Checker.python("anki")), "needs python3 with anki (pip install -r scripts/anki/requirements.txt)"))
    func ankiImportsThePackageWithProgressAndUpdatesInsteadOfDuplicating() throws {
        let python = try #require(
            Self.pythonWithAnki(), "python3 cannot import anki (pip install -r scripts/anki/requirements.txt)")
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try ExportFixture()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("img"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: directory.appendingPathComponent("img/ack clock.png"))
        let imageCard = Self.imageCard(noteFile: directory.appendingPathComponent("notes/../note.md").path)
        let cards = try fixture.database.exportCards(ExportSelection()) + [imageCard]
        // Fitted weights (w20 as the defaults', so the cards' own decay is unchanged) and the
        // learner's retention go into the deck options Anki schedules with.
        var weights = FSRSParameters.default.weights
        weights[0] = 0.5
        weights[8] = 1.7
        let configuration = try SchedulerConfiguration(parameters: FSRSParameters(weights), desiredRetention: 0.9)
        let package = AnkiPackage(now: fixture.now, configuration: configuration)
        let first = directory.appendingPathComponent("first.apkg")
        try package.write(cards, to: first)

        // The same export after the cwnd question was edited and its note re-indexed.
        let edited = try ExportFixture(
            now: fixture.now, cwndPrompt: "Which limit does **cwnd** set?", indexedAt: 1_764_000_999)
        let updated = directory.appendingPathComponent("updated.apkg")
        try package.write(try edited.database.exportCards(ExportSelection()) + [imageCard], to: updated)

        var expectation = try Self.expectation(for: cards, notetypes: ["netprep Basic", "netprep Cloze"], now: fixture.now)
        expectation["media"] = ["ack_clock.png"]
        expectation["deck_options"] = ["fsrsParams6": weights, "desiredRetention": 0.9]
        var afterUpdate = expectation
        var byGUID = afterUpdate["by_guid"] as! [String: [String: Any]]
        let cwndGUID = CardLayout.guid(forCardID: ExportFixture.cwnd)
        byGUID[cwndGUID]!["contains"] = ["Which limit does <strong>cwnd</strong> set?"]
        byGUID[cwndGUID]!["absent"] = ["What does"]
        afterUpdate["by_guid"] = byGUID
        expectation["after_update"] = afterUpdate
        let expectFile = directory.appendingPathComponent("expect.json")
        try JSONSerialization.data(withJSONObject: expectation, options: [.prettyPrinted, .sortedKeys]).write(to: expectFile)

        let (status, output) = try Self.run(
            python, [Self.scripts.appendingPathComponent("check_apkg.py").path, expectFile.path, first.path, updated.path])
        print(output)
        #expect(status == 0, "check_apkg.py failed:\n\(output)")
    }

    @Test(
        .enabled(
            if: Checker.runs(Checker.python("anki")), "needs python3 with anki (pip install -r scripts/anki/requirements.txt)"))
    func ankiImportsTheCSVOnceAndUpdatesOnTheSecondImport() throws {
        let python = try #require(
            Self.pythonWithAnki(), "python3 cannot import anki (pip install -r scripts/anki/requirements.txt)")
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try ExportFixture()
        let cards = try fixture.database.exportCards(ExportSelection(includeHistory: false))
        let file = directory.appendingPathComponent("cards.txt")
        try AnkiText.write(cards, to: file)
        var expectation = try Self.expectation(for: cards, notetypes: ["Basic", "Cloze"], now: fixture.now)
        expectation["reviewed"] = [String: Any]()
        let expectFile = directory.appendingPathComponent("expect.json")
        try JSONSerialization.data(withJSONObject: expectation, options: [.prettyPrinted, .sortedKeys]).write(to: expectFile)
        let (status, output) = try Self.run(
            python, [Self.scripts.appendingPathComponent("check_csv.py").path, expectFile.path, file.path])
        print(output)
        #expect(status == 0, "check_csv.py failed:\n\(output)")
    }

    @Test(
        .enabled(
            if: Checker.runs(Checker.python("anki")), "needs python3 with anki (pip install -r scripts/anki/requirements.txt)"))
    func answersGivenInAnkiComeBackAsNetprepReviews() throws {
        let python = try #require(
            Self.pythonWithAnki(), "python3 cannot import anki (pip install -r scripts/anki/requirements.txt)")
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try ExportFixture()
        let exported = directory.appendingPathComponent("netprep.apkg")
        try AnkiPackage(now: fixture.now).write(try fixture.database.exportCards(ExportSelection()), to: exported)
        let back = directory.appendingPathComponent("from-anki.apkg")
        let cwnd = CardLayout.guid(forCardID: ExportFixture.cwnd)
        let hostile = CardLayout.guid(forCardID: ExportFixture.hostile)
        let (status, output) = try Self.run(
            python,
            [
                Self.scripts.appendingPathComponent("review_in_anki.py").path, exported.path, back.path, "\(cwnd):2",
                "\(hostile):3",
            ])
        #expect(status == 0, "review_in_anki.py failed:\n\(output)")
        guard status == 0 else { return }

        let report = try AnkiHistoryImport(database: fixture.database).importReviews(from: back)
        #expect(report.importedReviews == 2)
        #expect(report.knownReviews == 10)
        let store = ReviewStore(fixture.database)
        #expect(try store.reviews(of: ExportFixture.cwnd).map(\.rating) == [3, 3, 4, 2])
        #expect(try store.reviews(of: ExportFixture.hostile).map(\.rating) == [3])
        #expect(try store.state(of: ExportFixture.hostile)?.reps == 1)
        #expect(try AnkiHistoryImport(database: fixture.database).importReviews(from: back).importedReviews == 0)
    }

    @Test(
        .enabled(
            if: Checker.runs(Checker.python("anki")), "needs python3 with anki (pip install -r scripts/anki/requirements.txt)"))
    func everyBuiltInCardImportsIntoAnki() throws {
        let python = try #require(
            Self.pythonWithAnki(), "python3 cannot import anki (pip install -r scripts/anki/requirements.txt)")
        let content = Self.scripts.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content")
        let database = try AppDatabase.inMemory()
        _ = try Importer(database: database).importPaths([content.path], origin: .builtin)
        let cards = try database.exportCards(ExportSelection(lang: .zh))
        #expect(cards.count > 300)
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let package = directory.appendingPathComponent("builtin.apkg")
        let summary = try AnkiPackage().write(cards, to: package)
        #expect(summary.notes + summary.skippedGenerated == cards.count)
        let (status, output) = try Self.run(
            python, [Self.scripts.appendingPathComponent("check_apkg.py").path, "--self", package.path])
        print(output.split(separator: "\n").suffix(2).joined(separator: "\n"))
        #expect(status == 0, "check_apkg.py --self failed:\n\(output)")
    }

    /// A card whose note (at `noteFile`) shows `img/ack clock.png`, `ack clock.png` beside it,
    /// a missing image and a remote one.
    static func imageCard(noteFile: String) -> ExportCard {
        ExportCard(
            id: "user.timers#diagram", kind: .basic, topic: "user.timers", demo: nil, createdAt: 1_763_000_000_500,
            lang: .en, prompt: "Which timer is drawn here? ![clock](img/ack%20clock.png)",
            answer: "The delayed-ACK timer. ![other](ack%20clock.png) ![gone](missing.png) ![remote](https://example.org/a.png)",
            position: 0,
            note: ExportNote(
                key: "user.timers", title: "Timers", file: noteFile,
                root: URL(fileURLWithPath: noteFile).deletingLastPathComponent().path, tags: ["mine"], indexedAt: 1),
            state: nil, reviews: [])
    }

    /// What Anki should hold after importing `cards`, in the shape the scripts read.
    static func expectation(for cards: [ExportCard], notetypes: [String], now: Date) throws -> [String: Any] {
        // The package renames local images for Anki's media folder; a CSV leaves them.
        let (rendered, _) = RenderedCard.render(cards, media: notetypes[0] == "Basic" ? nil : MediaFiles())
        var byGUID: [String: [String: Any]] = [:]
        var reviewed: [String: [String: Any]] = [:]
        var new: [String] = []
        for item in rendered {
            let basic = item.noteType == .basic
            byGUID[item.guid] = [
                "id": item.card.id,
                "notetype": basic ? notetypes[0] : notetypes[1],
                "cards": item.ordinals.count,
                "deck": item.deck,
                "tags": item.tags,
                "contains": [item.fields[0]],
            ]
            if let state = item.card.state, let stability = state.stability, let difficulty = state.difficulty {
                let type: Int = [CardState.learning: 1, .review: 2, .relearning: 3][state.state]!
                reviewed[item.guid] = [
                    "id": item.card.id, "ratings": item.card.reviews.map(\.rating), "type": type,
                    "reps": state.reps, "lapses": state.lapses, "stability": stability, "difficulty": difficulty,
                    "due_in_days": Int(((Double(state.due) / 1000 - now.timeIntervalSince1970) / 86_400).rounded()),
                ]
            } else {
                new.append(item.guid)
            }
        }
        let cardCount = rendered.reduce(0) { $0 + $1.ordinals.count }
        let revlog = rendered.reduce(0) { $0 + $1.ordinals.count * $1.card.reviews.count }
        return [
            "notes": rendered.count, "cards": cardCount, "revlog": revlog,
            "decks": Array(Set(rendered.map(\.deck))).sorted(), "notetypes": notetypes,
            "by_guid": byGUID, "reviewed": reviewed, "new": new,
        ]
    }

    /// python3, when it can `import anki`.
    static func pythonWithAnki() -> String? {
        Checker.python("anki") ? "python3" : nil
    }

    static func run(_ executable: String, _ arguments: [String], viaEnv: Bool = true) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: viaEnv ? "/usr/bin/env" : executable)
        process.arguments = viaEnv ? [executable] + arguments : arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-anki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
