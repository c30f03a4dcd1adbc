import CCmarkGFM

/// The first line of a heading or of a list item's first paragraph, read as a title.
///
/// A title is one line of the source: what follows it (continuation lines, lazy or indented,
/// images, links, code) is the node's body. Off the title come images, a trailing link used as
/// a reference (`什么是 MSS？ [RFC 879](...)`), kramdown attributes, tags (`#card`), an explicit
/// `{#id}` and trailing separators (`，` `：` `,` `:`).
struct TitleLine {
    var title: String
    var explicitID: String?
    /// The line ends in `?` or `？` once trailing links, tags and a bracketed aside are set aside.
    var isQuestion: Bool
    /// Tags written on the line, lowercased.
    var tags: [String]
    /// The tags at its end, which label the block (`问题 #card`).
    var labels: [String]
    /// The plain text of the lines after the first ("" when the block is one line).
    var continuation: String
    /// The processed line where the block's second line starts, nil for a one-line block.
    var continuationLine: Int?
    /// The first line ends a sentence (`。` `.` `!` `;`): prose, not a label.
    var endsSentence: Bool

    /// The block is a card by its tag (Logseq's `#card`), question mark or not.
    var isCardTagged: Bool { labels.contains(where: Hashtags.cardTags.contains) }

    init(_ block: MarkdownNode) {
        var segments: [(text: String, isLink: Bool)] = []
        var continuation = ""
        var continuationLine: Int?
        var child = block.firstChild
        while let node = child {
            child = node.next
            let type = node.type
            if continuationLine != nil {
                continuation += node.plainText
                continue
            }
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                continuationLine = block.startLine + 1
                continue
            }
            if type == CMARK_NODE_IMAGE || type == CMARK_NODE_HTML_INLINE || node.typeName == "footnote_reference" {
                continue
            }
            segments.append((node.plainTextWithoutImages, type == CMARK_NODE_LINK))
        }
        // Later lines that hold nothing readable (an image without alt text) are no continuation.
        if continuation.trimmingSpaces().isEmpty { continuationLine = nil }

        var explicitID: String?
        if let last = segments.indices.last, !segments[last].isLink {
            let (text, id) = ExplicitID.split(segments[last].text)
            if let id {
                segments[last].text = text
                explicitID = id
            }
        }
        for index in segments.indices where !segments[index].isLink {
            segments[index].text = BlogSyntax.strippingAttributes(segments[index].text)
        }
        // A link at the end of a line that says something before it is a reference, not the title.
        func isBlank(_ segment: (text: String, isLink: Bool)) -> Bool {
            !segment.isLink && segment.text.allSatisfy { $0.isWhitespace || "-–—|(（)）[]".contains($0) }
        }
        if segments.contains(where: { !$0.isLink && !isBlank($0) }) {
            while let last = segments.last, last.isLink || isBlank(last) { segments.removeLast() }
        }
        let (untagged, tags, labels) = Hashtags.split(segments.map(\.text).joined())
        var text = untagged.trimmingSpaces()
        endsSentence = text.last.map { "。.!！;；".contains($0) } ?? false
        while let last = text.last, "，：,:、".contains(last) || last.isWhitespace {
            text.removeLast()
        }
        title = text.isEmpty ? "(untitled)" : text
        self.explicitID = explicitID
        self.tags = tags
        self.labels = labels
        self.continuation = continuation.trimmingSpaces()
        self.continuationLine = continuationLine
        isQuestion = Self.endsInQuestionMark(text)
    }

    /// `?` or `？` at the end, after trailing wiki links and a bracketed aside (`（高频）`).
    static func endsInQuestionMark(_ text: String) -> Bool {
        var question = WikiLink.strippingTrailing(text).trimmingSpaces()
        if let last = question.last, last == ")" || last == "）",
            let open = question.lastIndex(where: { $0 == "(" || $0 == "（" })
        {
            let before = question[..<open].trimmingSpaces()
            if before.hasSuffix("?") || before.hasSuffix("？") { question = before }
        }
        return question.hasSuffix("?") || question.hasSuffix("？")
    }

    /// Whether the line, followed by more lines, reads as a label over them rather than the first
    /// line of a wrapped sentence: short, and not the end of a sentence.
    var readsAsTitle: Bool {
        !endsSentence && DisplayWidth.of(title) <= 48
    }
}

/// Columns a text takes in a terminal: CJK characters count two.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.isCJK || (0xFF00...0xFFEF).contains($1.value) ? 2 : 1) }
    }
}
