import Store

/// A netprep card as an Anki note: note type, HTML fields, deck, tags and GUID.
package struct RenderedCard: Sendable {
    package enum NoteType: Sendable { case basic, cloze }

    package var card: ExportCard
    package var noteType: NoteType
    /// HTML, in the order of `AnkiNoteTypes.basicFields` or `clozeFields`.
    package var fields: [String]
    package var deck: String
    package var tags: [String]
    package var guid: String
    /// Card ordinals Anki expects: 0 for Basic; cloze number minus one for each deletion.
    package var ordinals: [Int]

    /// The Anki view of `card`; nil for a generated card, which needs netprep to draw a question.
    ///
    /// - Parameter media: collects the note's local images and renames them for Anki's media
    ///   folder; nil leaves image URLs as written.
    init?(_ card: ExportCard, media: MediaFiles? = nil) {
        guard card.kind != .generated else { return nil }
        self.card = card
        let numbers = card.kind == .cloze ? CardLayout.clozeNumbers(in: card.prompt) : []
        let localImage: ((String) -> String?)? = media.map { media in
            { url in media.name(forImage: url, inNote: card.note.file) }
        }
        func html(_ markdown: String) -> String { MarkdownHTML.render(markdown, localImage: localImage) }
        var extra: [String] = []
        if let demo = card.demo {
            extra.append("Demo: <code>\(MarkdownHTML.escape(CardLayout.demoCommand(demo)))</code>")
        }
        let source =
            "\(MarkdownHTML.escape(card.note.title)) · <code>\(MarkdownHTML.escape(card.id))</code>"
        if numbers.isEmpty {
            noteType = .basic
            let front = html(card.prompt)
            var back = html(card.answer)
            if !extra.isEmpty { back += "\n<div class=\"demo\">\(extra.joined(separator: "<br>"))</div>" }
            fields = [front, back, source]
            ordinals = [0]
        } else {
            noteType = .cloze
            fields = [html(card.prompt), extra.joined(separator: "<br>"), source]
            ordinals = numbers.map { $0 - 1 }
        }
        // Anki joins fields with U+001F: one inside a field would change the field count, and a
        // note whose field count differs from its note type fails the whole import.
        fields = fields.map { $0.replacingOccurrences(of: "\u{1F}", with: " ").replacingOccurrences(of: "\u{0}", with: "") }
        deck = CardLayout.deckName(for: card.note)
        tags = CardLayout.tags(for: card.note)
        guid = CardLayout.guid(forCardID: card.id)
    }

    /// The rendered cards of `cards`, generated ones left out.
    package static func render(_ cards: [ExportCard], media: MediaFiles? = nil) -> (cards: [RenderedCard], skippedGenerated: Int)
    {
        let rendered = cards.compactMap { RenderedCard($0, media: media) }
        return (rendered, cards.count - rendered.count)
    }
}
