import Basics
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
    /// Columns of the whole first line (the title may be only its label).
    var lineWidth: Int

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
            !segment.isLink && segment.text.allSatisfy { $0.isWhitespace || Self.isBlankMark($0) }
        }
        if segments.contains(where: { !$0.isLink && !isBlank($0) }) {
            while let last = segments.last, last.isLink || isBlank(last) { segments.removeLast() }
        }
        let (untagged, tags, labels) = Hashtags.split(segments.map(\.text).joined())
        var text = untagged.trimmingSpaces()
        isQuestion = Self.endsInQuestionMark(text)
        text = Self.droppingQuestionLabel(Self.tidy(text))
        if isQuestion { text = Self.droppingBracketLabel(text) }
        endsSentence = text.last.map(Self.endsASentence) ?? false
        lineWidth = TextWidth.columns(of: Self.trimmingSeparators(text))
        // A long line that starts with a label (`Site-to-Site VPN：即两个局域网之间…`): the label
        // is the title, the explanation its text.
        if !isQuestion, !TextWidth.fits(text, within: 48), let (label, rest) = Self.label(of: text) {
            text = label
            continuation = continuation.isEmpty ? rest : rest + "\n" + continuation
        }
        text = Self.trimmingSeparators(text)
        title = text.isEmpty ? "(untitled)" : text
        self.explicitID = explicitID
        self.tags = tags
        self.labels = labels
        self.continuation = continuation.trimmingSpaces()
        self.continuationLine = continuationLine
    }

    // Character classes as switches: `"…".contains(character)` walks the literal's Characters
    // on every call.
    private static func isBlankMark(_ character: Character) -> Bool {
        switch character {
        case "-", "–", "—", "|", "(", "（", ")", "）", "[", "]": true
        default: false
        }
    }

    private static func endsASentence(_ character: Character) -> Bool {
        switch character {
        case "。", ".", "!", "！", ";", "；": true
        default: false
        }
    }

    private static func isSeparator(_ character: Character) -> Bool {
        switch character {
        case "，", "：", ",", ":", "、": true
        default: false
        }
    }

    private static func trimmingSeparators(_ text: String) -> String {
        var text = text
        while let last = text.last, Self.isSeparator(last) || last.isWhitespace { text.removeLast() }
        return text
    }

    /// Wiki links as their text (`[[DNS]]`, `[[tcp|TCP]]`), Logseq block references and
    /// highlights as what they show, emoji shortcodes (`:point_down:`) off, single spaces.
    static func tidy(_ text: String) -> String {
        // Decided by bytes first: most titles hold none of these, and walking one Character at a
        // time with four prefix checks each was a tenth of parsing.
        var marked = false
        var rewritten = false
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "("), UInt8(ascii: "="):
                marked = true
                if byte == previous { rewritten = true }
            case UInt8(ascii: ":"):
                marked = true
            case UInt8(ascii: " "):
                if previous == byte { marked = true }
            default:
                // `:name:` needs a name character right after its colon.
                if previous == UInt8(ascii: ":"),
                    byte >= 0x80 || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
                        || byte == UInt8(ascii: "+")
                {
                    rewritten = true
                }
            }
            if rewritten { break }
            previous = byte
        }
        guard marked else { return text }
        guard rewritten else { return Self.singleSpaced(text) }
        var output = ""
        var rest = Substring(text)
        while let first = rest.first {
            if rest.hasPrefix("[["), let close = rest.range(of: "]]") {
                let inner = rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound]
                output += inner.split(separator: "|", maxSplits: 1).last.map(String.init) ?? ""
                rest = rest[close.upperBound...]
            } else if rest.hasPrefix("(("), let close = rest.range(of: "))"),
                rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound].allSatisfy({ $0.isHexDigit || $0 == "-" })
            {
                rest = rest[close.upperBound...]
            } else if rest.hasPrefix("=="), let close = rest.dropFirst(2).range(of: "==") {
                output += rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound]
                rest = rest[close.upperBound...]
            } else if first == ":", let end = rest.dropFirst().firstIndex(of: ":"),
                rest[rest.index(after: rest.startIndex)..<end].count >= 2,
                rest[rest.index(after: rest.startIndex)..<end].allSatisfy({
                    ($0.isLowercase && $0.isASCII) || $0 == "_" || $0 == "+" || $0.isNumber
                }),
                rest[rest.index(after: rest.startIndex)..<end].contains(where: \.isLetter)
            {
                rest = rest[rest.index(after: end)...]
            } else {
                output.append(first)
                rest = rest.dropFirst()
            }
        }
        return Self.singleSpaced(output)
    }

    private static func singleSpaced(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// `Q: What is CIDR?`, `问：…`: the label of a question in a Q/A list.
    private static func droppingQuestionLabel(_ text: String) -> String {
        // Every label starts with `Q` or a CJK character (three bytes or more): most titles are
        // decided by their first byte, not by seven Character-wise prefix checks.
        guard let first = text.utf8.first, first == UInt8(ascii: "Q") || first >= 0xE0 else { return text }
        for label in ["Q:", "Q：", "Q.", "问：", "问:", "问题：", "问题:"] where text.hasPrefix(label) {
            let rest = text.dropFirst(label.count).trimmingSpaces()
            return rest.isEmpty ? text : rest
        }
        return text
    }

    /// `86. What is TCP? [D | EL]`: a label in square brackets after the question mark.
    private static func droppingBracketLabel(_ text: String) -> String {
        guard text.hasSuffix("]"), let open = text.lastIndex(of: "[") else { return text }
        let before = text[..<open].trimmingSpaces()
        return before.hasSuffix("?") || before.hasSuffix("？") ? before : text
    }

    /// The label that starts a long line, and the rest: split at the first `：`, `: `, ` - `,
    /// `——` or sentence end within the first 40 columns.
    private static func label(of text: String) -> (String, String)? {
        let separators = ["：", ": ", " - ", " – ", " — ", "——", "。", ". ", "；"]
        var best: Range<String.Index>?
        for separator in separators {
            if let range = text.range(of: separator), best == nil || range.lowerBound < best!.lowerBound { best = range }
        }
        guard let range = best else { return nil }
        let label = text[..<range.lowerBound].trimmingSpaces()
        let width = TextWidth.columns(of: label)
        guard width >= 2, width <= 40 else { return nil }
        return (label, text[range.upperBound...].trimmingSpaces())
    }

    /// `?` or `？` at the end, after trailing wiki links and a bracketed aside (`（高频）`, `[D | EL]`).
    static func endsInQuestionMark(_ text: String) -> Bool {
        var question = WikiLink.strippingTrailing(text).trimmingSpaces()
        if let last = question.last, last == ")" || last == "）" || last == "]",
            let open = question.lastIndex(where: { $0 == "(" || $0 == "（" || $0 == "[" })
        {
            let before = question[..<open].trimmingSpaces()
            if before.hasSuffix("?") || before.hasSuffix("？") { question = before }
        }
        return question.hasSuffix("?") || question.hasSuffix("？")
    }

    /// Whether the line, followed by more lines, reads as a label over them rather than the first
    /// line of a wrapped sentence: short, and not the end of a sentence.
    var readsAsTitle: Bool {
        !endsSentence && lineWidth <= 48
    }
}
