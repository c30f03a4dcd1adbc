/// Reads Markdown into a `Note`: front matter with Yams, the body with cmark-gfm (tables,
/// strikethrough, autolinks, task lists), then the topic tree, cards, links and demos.
///
/// Parsing never fails on Markdown, however loose; only bytes that are not text are refused
/// (`NoteError`). Everything odd becomes a `LintWarning` with the file and line.
public struct NoteParser: Sendable {
    public init() {}

    /// Bumped whenever the same bytes may read differently (new conventions, other titles), so
    /// that an index made by an older netprep parses every file again.
    public static let version = 2

    /// Parses a file's bytes.
    /// - Parameters:
    ///   - file: the path shown in warnings and stored with the note.
    ///   - defaultID: the note id to use when the front matter has none (the importer derives
    ///     it from the path).
    /// - Complexity: O(n) in the size of the file.
    public func parse(bytes: [UInt8], file: String, defaultID: String) throws(NoteError) -> Note {
        let text: String
        do {
            text = try Decoder.decode(bytes, file: file)
        } catch let error as NoteError {
            throw error
        } catch {
            throw NoteError.binary(file: file)
        }
        return parse(text: text, file: file, defaultID: defaultID)
    }

    /// Parses text that is already decoded.
    public func parse(text: String, file: String, defaultID: String) -> Note {
        var warnings: [LintWarning] = []
        var source = SourceText(text: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        var frontMatter = FrontMatter.extract(from: &source, file: file, warnings: &warnings)
        let spacedRepetition = SpacedRepetitionSyntax.isTagged(tags: frontMatter.tags, body: text)
        // What `show` prints: the file line for line (so that a topic's line finds its text),
        // without the metadata the repairs drop.
        var display = source.lines
        let findings = LooseMarkdown.repair(&source, file: file, warnings: &warnings, keepsColonLines: spacedRepetition)
        frontMatter.adopt(pageProperties: findings.pageProperties)
        for line in findings.dropped where line - 1 < display.count { display[line - 1] = "" }
        let body = display.joined(separator: "\n")
        let document = CommonMarkDocument(markdown: source.joined)
        var builder = TreeBuilder(
            noteID: frontMatter.id ?? defaultID, file: file, source: source, warnings: warnings,
            spacedRepetition: spacedRepetition)
        builder.build(document.root, frontMatterTitle: frontMatter.title)
        return builder.finish(frontMatter: frontMatter, body: body)
    }
}
