import Export
import Foundation
import Notes
import Scheduler
import Store
import ZIPFoundation

/// An Anki package (`.apkg`) in the legacy layout: a zip holding `collection.anki2` (schema 11),
/// the images the notes show from disk, and the `media` map naming them, which current Anki
/// desktop and mobile import.
///
/// Each netprep card becomes one note of the type "netprep Basic" or "netprep Cloze" in the deck
/// `netprep::<Folder>::<note title>`, with the note's front matter tags and a GUID derived from
/// the card id. With history, each card carries its FSRS memory state in `cards.data` and its
/// reviews as `revlog` rows; Anki takes them when "Import any learning progress" is ticked, on
/// a card's first import.
public struct AnkiPackage: Sendable {
    /// The export's time: the collection's dates and new-card order derive from it.
    public var now: Date
    public var configuration: SchedulerConfiguration

    public init(now: Date = Date(), configuration: SchedulerConfiguration = .default) {
        self.now = now
        self.configuration = configuration
    }

    /// Writes the package for `cards` to `url`, replacing a file there.
    @discardableResult
    public func write(_ cards: [ExportCard], to url: URL) throws(ExportError) -> ExportSummary {
        try ExportError.writing(url.path) { try writeUnchecked(cards, to: url) }
    }

    private func writeUnchecked(_ cards: [ExportCard], to url: URL) throws -> ExportSummary {
        let media = MediaFiles()
        let (rows, summary) = collectionRows(for: cards, media: media)
        try write(rows, media: media, to: url)
        return summary
    }

    /// Writes a package holding `rows` and `media`'s files.
    func write(_ rows: AnkiCollectionRows, media: MediaFiles, to url: URL) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("netprep-apkg-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let collection = directory.appendingPathComponent("collection.anki2")
        try AnkiCollectionFile.write(rows, to: collection.path)

        let staging = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        defer { try? FileManager.default.removeItem(at: staging) }
        try Self.zip(collection: collection, media: media.files, to: staging, date: now)
        // rename(2) replaces an existing package in one step.
        guard rename(staging.path, url.path) == 0 else {
            throw ExportError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    /// Zips `collection.anki2`, the media files as `0`, `1`, ... and the `media` map from
    /// those entry names to file names into `url`.
    private static func zip(collection: URL, media: [(name: String, source: URL)], to url: URL, date: Date) throws {
        let archive = try Archive(url: url, accessMode: .create)
        try archive.addEntry(with: "collection.anki2", fileURL: collection, compressionMethod: .deflate)
        var map: [String: String] = [:]
        for (index, file) in media.enumerated() {
            let data = try Data(contentsOf: file.source)
            try add(data, as: String(index), to: archive, date: date)
            map[String(index)] = file.name
        }
        try add(Data(json(map).utf8), as: "media", to: archive, date: date)
    }

    private static func add(_ data: Data, as path: String, to archive: Archive, date: Date) throws {
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
            compressionMethod: .deflate
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    /// The collection's rows for `cards`.
    ///
    /// - Parameter media: collects the local images the cards show; nil leaves their URLs.
    func collectionRows(for cards: [ExportCard], media: MediaFiles? = nil) -> (AnkiCollectionRows, ExportSummary) {
        let nowMilliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let nowSeconds = nowMilliseconds / 1000
        // Anki counts review days from the collection's creation, at a day boundary.
        let crt = nowSeconds - nowSeconds % 86_400
        let (rendered, skipped) = RenderedCard.render(cards, media: media)

        var deckIDs: [String: Int64] = [:]
        var usedDeckIDs: Set<Int64> = [1]
        func deckID(_ name: String) -> Int64 {
            if let id = deckIDs[name] { return id }
            let components = name.components(separatedBy: "::")
            if components.count > 1 { _ = deckID(components.dropLast().joined(separator: "::")) }
            var id = CardLayout.stableID(name)
            while usedDeckIDs.contains(id) { id += 1 }
            usedDeckIDs.insert(id)
            deckIDs[name] = id
            return id
        }

        var noteIDs = UniqueIDs()
        var cardIDs = UniqueIDs()
        var revlogIDs = UniqueIDs()
        var notes: [AnkiCollectionRows.Note] = []
        var ankiCards: [AnkiCollectionRows.Card] = []
        var reviews: [AnkiCollectionRows.Review] = []
        var allTags: Set<String> = []
        var newPosition: Int64 = 0

        for item in rendered {
            let card = item.card
            let noteID = noteIDs.claim(card.createdAt)
            let mod = max(Int64(card.note.indexedAt.rounded(.down)), 1)
            let firstField = MarkdownHTML.plainText(item.fields[0])
            notes.append(
                AnkiCollectionRows.Note(
                    id: noteID, guid: item.guid,
                    notetypeID: item.noteType == .basic ? AnkiNoteTypes.basicID : AnkiNoteTypes.clozeID, mod: mod,
                    tags: item.tags.isEmpty ? "" : " \(item.tags.joined(separator: " ")) ",
                    fields: item.fields.joined(separator: "\u{1F}"), sortField: firstField,
                    checksum: FieldChecksum.checksum(firstField)))
            allTags.formUnion(item.tags)
            let deck = deckID(item.deck)
            newPosition += 1
            for ordinal in item.ordinals {
                let cardID = cardIDs.claim(card.createdAt + Int64(ordinal))
                let history = schedule(card, crt: crt, newPosition: newPosition)
                var lastRevlog: Int64?
                for review in card.reviews {
                    let id = revlogIDs.claim(review.reviewedAt)
                    lastRevlog = id
                    reviews.append(revlogRow(review, id: id, cardID: cardID))
                }
                var data: [String: Any] = [:]
                if let state = card.state, let stability = state.stability, let difficulty = state.difficulty {
                    data["s"] = Self.rounded(stability, places: 4)
                    data["d"] = Self.rounded(difficulty, places: 3)
                    data["dr"] = configuration.desiredRetention
                    data["decay"] = configuration.parameters.weights[20]
                    if let lastReview = lastRevlog ?? state.lastReview { data["lrt"] = lastReview / 1000 }
                }
                ankiCards.append(
                    AnkiCollectionRows.Card(
                        id: cardID, noteID: noteID, deckID: deck, ordinal: ordinal, mod: nowSeconds,
                        type: history.type, queue: history.queue, due: history.due, interval: history.interval,
                        factor: history.factor, reps: card.state?.reps ?? 0, lapses: card.state?.lapses ?? 0,
                        left: history.left, data: Self.json(data)))
            }
        }

        var decks: [String: Any] = ["1": Self.deck(id: 1, name: "Default", mod: 0)]
        for (name, id) in deckIDs {
            decks[String(id)] = Self.deck(id: id, name: name, mod: nowSeconds, options: Self.optionsID)
        }
        let firstDeck = rendered.first.map { deckID($0.deck) } ?? 1
        let conf: [String: Any] = [
            "activeDecks": [1], "curDeck": 1, "newSpread": 0, "collapseTime": 1200, "timeLim": 0, "estTimes": true,
            "dueCounts": true, "curModel": AnkiNoteTypes.basicID, "nextPos": newPosition + 1,
            "sortType": "noteFld", "sortBackwards": false, "addToCur": true, "schedVer": 2, "sched2021": true,
            "dayLearnFirst": false, "creationOffset": 0,
        ]
        let collection = AnkiCollectionRows.Collection(
            crt: crt, mod: nowMilliseconds, scm: nowMilliseconds, conf: Self.json(conf),
            models: Self.json(AnkiNoteTypes.modelsJSON(deckID: firstDeck)), decks: Self.json(decks),
            dconf: Self.json([
                "1": Self.deckOptions(configuration),
                String(Self.optionsID): Self.deckOptions(configuration, id: Self.optionsID, mod: nowSeconds),
            ]),
            tags: Self.json(Dictionary(uniqueKeysWithValues: allTags.map { ($0, 0) })))
        let summary = ExportSummary(
            notes: notes.count, cards: ankiCards.count, reviews: reviews.count, decks: deckIDs.count,
            skippedGenerated: skipped)
        return (AnkiCollectionRows(collection: collection, notes: notes, cards: ankiCards, reviews: reviews), summary)
    }

    struct Scheduling {
        var type: Int
        var queue: Int
        var due: Int64
        var interval: Int
        var factor: Int
        var left: Int
    }

    /// The card's `type`, `queue`, `due`, `ivl` and `left` columns from netprep's state.
    func schedule(_ card: ExportCard, crt: Int64, newPosition: Int64) -> Scheduling {
        guard let state = card.state else {
            return Scheduling(type: 0, queue: 0, due: newPosition, interval: 0, factor: 0, left: 0)
        }
        let dueSeconds = state.due / 1000
        let dueDay = (dueSeconds - crt).floorDivided(by: 86_400)
        let spanDays = Int(((Double(state.due - (state.lastReview ?? state.due))) / 86_400_000).rounded())
        switch state.state {
        case .review:
            return Scheduling(type: 2, queue: 2, due: dueDay, interval: max(1, spanDays), factor: 2500, left: 0)
        case .learning, .relearning:
            let relearning = state.state == .relearning
            let steps = relearning ? configuration.relearningSteps : configuration.learningSteps
            let left = max(1, steps.count - (state.step ?? 0))
            let acrossDays = state.due - (state.lastReview ?? state.due) >= 86_400_000
            return Scheduling(
                type: relearning ? 3 : 1, queue: acrossDays ? 3 : 1, due: acrossDays ? dueDay : dueSeconds,
                interval: relearning ? max(1, Int((state.stability ?? 1).rounded())) : 0, factor: 2500, left: left)
        }
    }

    /// A `revlog` row for one netprep review.
    func revlogRow(_ review: ExportReview, id: Int64, cardID: Int64) -> AnkiCollectionRows.Review {
        func interval(_ state: StoredCardState?, from start: Int64?) -> Int64 {
            guard let state, let start else { return 0 }
            let milliseconds = state.due - start
            if state.state == .review { return max(1, Int64((Double(milliseconds) / 86_400_000).rounded())) }
            return -max(0, milliseconds / 1000)
        }
        let type: Int
        switch review.before?.state {
        case .review: type = 1
        case .relearning: type = 2
        case .learning, nil: type = 0
        }
        return AnkiCollectionRows.Review(
            id: id, cardID: cardID, ease: min(4, max(1, review.rating)),
            interval: interval(review.after, from: review.reviewedAt),
            lastInterval: interval(review.before, from: review.before?.lastReview), factor: type == 0 ? 0 : 2500,
            time: min(60_000, max(0, review.durationMilliseconds)), type: type)
    }

    static func rounded(_ value: Double, places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }

    static func json(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func deck(id: Int64, name: String, mod: Int64, options: Int64 = 1) -> [String: Any] {
        [
            "id": id, "name": name, "mod": mod, "usn": -1, "lrnToday": [0, 0], "revToday": [0, 0],
            "newToday": [0, 0], "timeToday": [0, 0], "collapsed": false, "browserCollapsed": false, "desc": "",
            "dyn": 0, "conf": options, "extendNew": 0, "extendRev": 0,
        ]
    }

    /// The id of the "netprep" deck options, which carry the learner's FSRS weights and desired
    /// retention; Anki keeps the options of that id with the newer modification time, so a later
    /// export brings newly fitted weights.
    static let optionsID: Int64 = 1_764_000_000_000

    /// Anki's deck options with the fields every version reads: id 1 is Anki's "Default"; the
    /// "netprep" options add the learner's FSRS weights and desired retention, so that Anki
    /// schedules with the same model.
    static func deckOptions(_ configuration: SchedulerConfiguration, id: Int64 = 1, mod: Int64 = 0) -> [String: Any] {
        var options = defaultDeckOptions
        options["id"] = id
        options["mod"] = mod
        if id != 1 {
            options["name"] = "netprep"
            options["fsrsParams6"] = configuration.parameters.weights
            options["desiredRetention"] = configuration.desiredRetention
        }
        return options
    }

    static var defaultDeckOptions: [String: Any] {
        [
            "id": 1, "mod": 0, "name": "Default", "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0,
            "replayq": true, "dyn": false,
            "new": [
                "bury": false, "delays": [1.0, 10.0], "initialFactor": 2500, "ints": [1, 4, 0], "order": 1,
                "perDay": 20,
            ] as [String: Any],
            "rev": [
                "bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200, "hardFactor": 1.2,
            ] as [String: Any],
            "lapse": ["delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0] as [String: Any],
        ]
    }
}

/// Hands out ids near the wanted value, never the same twice.
struct UniqueIDs {
    private var used: Set<Int64> = []

    mutating func claim(_ wanted: Int64) -> Int64 {
        var id = max(wanted, 1)
        while used.contains(id) { id += 1 }
        used.insert(id)
        return id
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
