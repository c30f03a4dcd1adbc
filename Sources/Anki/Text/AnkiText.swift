import Export
import Foundation
import Notes
import Store

/// Anki's text import format: tab-separated rows under header directives that tell Anki the
/// separator, that fields are HTML, and which columns hold the GUID, note type, deck and tags.
///
/// Rows use Anki's stock note types "Basic" (Front, Back) and "Cloze" (Text, Back Extra), which
/// every collection has; the card's source goes at the end of the second field. The GUID is the
/// one the `.apkg` export uses, so either import updates notes the other made.
public enum AnkiText {
    /// The file's text for `cards`, and what it holds.
    public static func render(_ cards: [ExportCard]) -> (text: String, summary: ExportSummary) {
        let (rendered, skipped) = RenderedCard.render(cards)
        var lines = [
            "#separator:tab",
            "#html:true",
            "#guid column:1",
            "#notetype column:2",
            "#deck column:3",
            "#tags column:6",
        ]
        var decks: Set<String> = []
        var ankiCards = 0
        for item in rendered {
            let notetype = item.noteType == .basic ? "Basic" : "Cloze"
            var second = item.fields[1]
            let source = "<div class=\"source\">\(item.fields[2])</div>"
            second = second.isEmpty ? source : second + "\n" + source
            let columns = [item.guid, notetype, item.deck, item.fields[0], second, item.tags.joined(separator: " ")]
            lines.append(columns.map(quoted).joined(separator: "\t"))
            decks.insert(item.deck)
            ankiCards += item.ordinals.count
        }
        let summary = ExportSummary(
            notes: rendered.count, cards: ankiCards, reviews: 0, decks: decks.count, skippedGenerated: skipped)
        return (lines.joined(separator: "\n") + "\n", summary)
    }

    /// Writes the file for `cards` to `url`.
    @discardableResult
    public static func write(_ cards: [ExportCard], to url: URL) throws(ExportError) -> ExportSummary {
        let (text, summary) = render(cards)
        try ExportError.writing(url.path) { try Data(text.utf8).write(to: url, options: .atomic) }
        return summary
    }

    /// A field as a CSV cell: quoted (quotes doubled) when it holds a quote, tab or line break,
    /// or could be read as a comment line (`#` first).
    static func quoted(_ field: String) -> String {
        let needsQuotes = field.contains(where: { $0 == "\"" || $0 == "\t" || $0.isNewline }) || field.hasPrefix("#")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
