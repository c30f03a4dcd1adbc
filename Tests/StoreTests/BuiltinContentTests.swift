import Basics
import Crypto
import Foundation
import Notes
import Testing
import Yams

@testable import Store

/// The built-in notes: lint-clean, mirrored in both languages, an acyclic prerequisite graph,
/// every outline line covered, and each concept found first by a search in either language.
@Suite struct BuiltinContentTests {
    static let checkout = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let content = checkout.appendingPathComponent("content")

    struct ManifestEntry {
        var section: String
        var outline: String
        var notes: [String]
        var cards: [String]
        var english: String
        var chinese: String
    }

    static let notes: [Note] = {
        Importer.markdownFiles(under: content.path).compactMap { file in
            guard let data = FileManager.default.contents(atPath: file) else { return nil }
            return try? NoteParser().parse(bytes: [UInt8](data), file: file, defaultID: file)
        }
    }()

    static let manifest: [ManifestEntry] = {
        let folder = content.appendingPathComponent("manifest")
        let files =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()) ?? []
        return files.flatMap { name -> [ManifestEntry] in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8),
                let items = (try? Yams.load(yaml: text)) as? [[String: Any]]
            else { return [] }
            return items.map { item in
                let search = item["search"] as? [String: String] ?? [:]
                return ManifestEntry(
                    section: item["section"] as? String ?? "", outline: item["outline"] as? String ?? "",
                    notes: item["notes"] as? [String] ?? [], cards: item["cards"] as? [String] ?? [],
                    english: search["en"] ?? "", chinese: search["zh"] ?? "")
            }
        }
    }()

    static let database: AppDatabase = {
        let database = try! AppDatabase.inMemory()
        _ = try! Importer(database: database).importPaths([content.path], origin: .builtin)
        return database
    }()

    /// `content/STAMP` lets every command skip reading the notes; a stale one would hide edits.
    @Test func theContentStampIsCurrent() throws {
        var paths: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: Self.content.path)
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".md"), !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { paths.append(path) }
        }
        var hash = SHA256()
        for path in paths.sorted() {
            hash.update(data: Data(path.utf8) + [0])
            hash.update(data: try Data(contentsOf: Self.content.appendingPathComponent(path)) + [0])
        }
        let digest = hash.finalize().map { String(format: "%02x", $0) }.joined()
        let stamp = try String(contentsOf: Self.content.appendingPathComponent("STAMP"), encoding: .utf8)
        #expect(paths.count >= 100)
        #expect(stamp.trimmingCharacters(in: .whitespacesAndNewlines) == digest, "content/ changed: run scripts/stamp-content.sh")
    }

    @Test func everyBuiltinNoteParsesWithoutWarnings() {
        #expect(Self.notes.count >= 100)
        // Hints (a section titled like a question) are the author's choice, not a problem.
        let warnings = Self.notes.flatMap(\.warnings).filter { !$0.isHint }.map(\.description)
        #expect(warnings.isEmpty, "\(warnings.prefix(10))")
    }

    @Test func everyNoteAndCardExistsInBothLanguages() {
        for language in Language.allCases {
            let inLanguage = Self.notes.filter { $0.language == language }
            #expect(inLanguage.count == Self.notes.count / 2, "\(language)")
        }
        let english = Dictionary(Self.notes.filter { $0.language == .en }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let chinese = Dictionary(Self.notes.filter { $0.language == .zh }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(Set(english.keys) == Set(chinese.keys))
        for (id, note) in english {
            guard let other = chinese[id] else { continue }
            #expect(note.cards.map(\.id) == other.cards.map(\.id), "\(id)")
            #expect(note.cards.allSatisfy { $0.hasExplicitID }, "\(id)")
        }
    }

    /// A demo a note lists is run from one of its cards, and a card runs the same demo in
    /// both languages.
    @Test func listedDemosAreAttachedToCardsInBothLanguages() {
        var attached: [Language: [String: String]] = [:]
        for note in Self.notes {
            let shown = Set(note.cards.compactMap { $0.demo?.name })
            for name in note.demoNames { #expect(shown.contains(name), "\(note.id) (\(note.language)) lists \(name)") }
            for card in note.cards { if let demo = card.demo { attached[note.language, default: [:]][card.id] = demo.name } }
        }
        #expect((attached[.en]?.count ?? 0) >= 140)
        #expect(attached[.en] == attached[.zh])
    }

    @Test func thereAreAtLeastTwoHundredCards() {
        let cards = Set(Self.notes.filter { $0.language == .en }.flatMap(\.cards).map(\.id))
        #expect(cards.count >= 200)
    }

    @Test func prerequisitesExistAndHaveNoCycle() throws {
        let english = Self.notes.filter { $0.language == .en }
        let ids = Set(english.map(\.id))
        var graph: [String: [String]] = [:]
        for note in english {
            for target in note.prerequisites + note.related { #expect(ids.contains(target), "\(note.id) -> \(target)") }
            graph[note.id] = note.prerequisites
        }
        // Depth-first search with colours: grey on the stack means a cycle.
        var colour: [String: Int] = [:]
        func visit(_ id: String, _ path: [String]) {
            if colour[id] == 1 { Issue.record("prerequisite cycle: \((path + [id]).joined(separator: " -> "))") }
            guard colour[id] == nil else { return }
            colour[id] = 1
            for next in graph[id] ?? [] { visit(next, path + [id]) }
            colour[id] = 2
        }
        for id in graph.keys.sorted() { visit(id, []) }
    }

    @Test func everyOutlineLineMapsToANoteAndACard() throws {
        #expect(Self.manifest.count >= 40)
        let noteIDs = Set(Self.notes.map(\.id))
        let cardIDs = Set(Self.notes.flatMap(\.cards).map(\.id))
        for entry in Self.manifest {
            #expect(!entry.notes.isEmpty && entry.notes.allSatisfy { noteIDs.contains($0) }, "\(entry.outline)")
            #expect(!entry.cards.isEmpty && entry.cards.allSatisfy { cardIDs.contains($0) }, "\(entry.outline)")
        }
        // Where the outline itself is at hand (beside the checkout, as in CI), every bullet is listed.
        let outline = Self.checkout.deletingLastPathComponent().appendingPathComponent("shared/CONTENT-OUTLINE.md")
        if let text = try? String(contentsOf: outline, encoding: .utf8) {
            let listed = Set(Self.manifest.map { Self.normalized($0.outline) })
            for bullet in Self.bullets(text) {
                #expect(listed.contains(Self.normalized(bullet)), "not in the manifest: \(bullet)")
            }
        }
    }

    @Test func eachConceptRanksFirstInEnglishAndInChinese() throws {
        var misses: [String] = []
        for entry in Self.manifest {
            guard let note = entry.notes.first else { continue }
            for (language, query) in [(Language.en, entry.english), (.zh, entry.chinese)] where !query.isEmpty {
                let hits = try Self.database.search(query, limit: 1, language: language)
                let top = hits.first?.id ?? "nothing"
                if top != note && !top.hasPrefix(note + "#") { misses.append("\(query) -> \(top), expected \(note)") }
            }
        }
        #expect(misses.isEmpty, "\(misses)")
    }

    /// Issue 19's measure: the questions of the two most used Chinese interview collections
    /// (docs/coverage/interview-questions.yaml), each mapped to the cards that answer it. Every
    /// card named exists in both languages, and at least 95% of the questions have one.
    @Test func interviewQuestionsAreAnsweredByCards() throws {
        let file = Self.checkout.appendingPathComponent("docs/coverage/interview-questions.yaml")
        let items = try #require(try Yams.load(yaml: String(contentsOf: file, encoding: .utf8)) as? [[String: Any]])
        #expect(items.count >= 300)
        var byLanguage: [Language: Set<String>] = [:]
        for note in Self.notes { byLanguage[note.language, default: []].formUnion(note.cards.map(\.id)) }
        var answered = 0
        var inScope = 0
        for item in items where item["status"] as? String != "out-of-scope" {
            inScope += 1
            let cards = item["cards"] as? [String] ?? []
            for card in cards {
                #expect(byLanguage[.en]?.contains(card) == true && byLanguage[.zh]?.contains(card) == true, "\(card)")
            }
            if item["status"] as? String == "card" && !cards.isEmpty { answered += 1 }
        }
        #expect(Double(answered) >= 0.95 * Double(inScope), "\(answered) of \(inScope)")
    }

    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The bullets of the outline, each joined onto one line.
    static func bullets(_ text: String) -> [String] {
        var bullets: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("- ") {
                bullets.append(String(line.dropFirst(2)))
            } else if line.hasPrefix("  "), !bullets.isEmpty, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                bullets[bullets.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            }
        }
        return bullets
    }
}
