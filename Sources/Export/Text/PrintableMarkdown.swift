import Foundation
import Notes
import Store

/// Printable cards: one Markdown file per topic folder (`tcp.md`, `dns.md` ...) with every card
/// as a numbered question and its answer, and an `index.md` that lists the files.
public enum PrintableMarkdown {
    /// File name -> contents, `index.md` included.
    public static func render(_ cards: [ExportCard]) -> (files: [String: String], summary: ExportSummary) {
        let (rendered, skipped) = RenderedCard.render(cards)
        var groups: [(file: String, label: String, cards: [RenderedCard])] = []
        var groupIndex: [String: Int] = [:]
        for item in rendered {
            let folder = item.card.note.topFolder ?? item.card.note.key.split(separator: ".").first.map(String.init) ?? "notes"
            let file = fileName(for: folder)
            if let index = groupIndex[file] {
                groups[index].cards.append(item)
            } else {
                groupIndex[file] = groups.count
                groups.append((file, CardLayout.folderLabel(folder), [item]))
            }
        }
        var files: [String: String] = [:]
        var index = "# netprep cards\n\n"
        for group in groups {
            files[group.file] = page(label: group.label, cards: group.cards)
            index += "- [\(group.label)](\(group.file)): \(group.cards.count) cards\n"
        }
        files["index.md"] = index
        let summary = ExportSummary(
            notes: rendered.count, cards: rendered.count, reviews: 0, decks: groups.count, skippedGenerated: skipped)
        return (files, summary)
    }

    /// Writes the files for `cards` into `directory`, creating it.
    @discardableResult
    public static func write(_ cards: [ExportCard], to directory: URL) throws(ExportError) -> ExportSummary {
        let (files, summary) = render(cards)
        try ExportError.writing(directory.path) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                try Data(text.utf8).write(to: directory.appendingPathComponent(name), options: .atomic)
            }
        }
        return summary
    }

    static func page(label: String, cards: [RenderedCard]) -> String {
        var text = "# \(label)\n"
        var currentNote: String?
        var number = 0
        for item in cards {
            let card = item.card
            if card.note.file != currentNote {
                currentNote = card.note.file
                text += "\n## \(card.note.title)\n"
            }
            number += 1
            let question: String
            let answer: String
            if item.noteType == .cloze {
                question = clozeText(card.prompt, reveal: false)
                answer = clozeText(card.prompt, reveal: true)
            } else {
                question = card.prompt
                answer = card.answer
            }
            text += "\n### \(number). \(question.replacingOccurrences(of: "\n", with: " "))\n\n"
            text += answer.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
            if let demo = card.demo { text += "\n> Demo: `\(CardLayout.demoCommand(demo))`\n" }
            text += "\n<sub>\(card.id)</sub>\n\n---\n"
        }
        return text
    }

    /// Cloze text with each deletion blanked (`[...]`, or `[hint]`) or shown in bold.
    static func clozeText(_ text: String, reveal: Bool) -> String {
        Cloze.render(text) { deletion in
            reveal ? "**\(deletion.answer)**" : deletion.hint.map { "[\($0)]" } ?? "[...]"
        }
    }

    /// `tcp` -> `tcp.md`; anything but letters, digits and `-` becomes `-`.
    static func fileName(for folder: String) -> String {
        let cleaned = String(
            folder.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        return (cleaned.isEmpty ? "notes" : cleaned) + ".md"
    }
}
