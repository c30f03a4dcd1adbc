import Basics
import Foundation
import Notes

/// Renders Markdown for a terminal from cmark-gfm's syntax tree (the parser that reads the
/// notes): headings, paragraphs wrapped to the width, bullet, numbered and task lists (nested),
/// block quotes, code blocks (never wrapped), GFM tables, and inline bold, italics, code,
/// strike-through, links and images. With `color` off the output is plain text with no escape
/// sequences. `show`, the quiz screen and the line protocol all draw cards with it.
///
/// Blocks are separated as the source separates them: a blank line where the file has one, and
/// always one before a heading.
public struct TerminalMarkdown: Sendable {
    public var color: Bool
    public var width: Int

    public init(color: Bool, width: Int) {
        self.color = color
        self.width = max(20, width)
    }

    /// The lines to print.
    ///
    /// - Complexity: O(n) in the length of `markdown`.
    public func render(_ markdown: String) -> [String] {
        let document = CommonMarkDocument(markdown: CJKEmphasis.separating(markdown))
        var output = blocks(of: document.root, width: width)
        while output.last?.isEmpty == true { output.removeLast() }
        while output.first?.isEmpty == true { output.removeFirst() }
        return output
    }

    /// A cloze prompt with every `{{cN::text}}` (or `{{cN::text::hint}}`) hidden as `[...]` or `[hint]`.
    public static func hidingClozes(_ text: String) -> String {
        Cloze.render(text) { deletion in deletion.hint.map { "[\($0)]" } ?? "[...]" }
    }

    // MARK: - Blocks

    /// The blocks of a container, one after another; a blank line between two where the source
    /// has one, and before a heading.
    private func blocks(of container: MarkdownNode, width: Int) -> [String] {
        var output: [String] = []
        var previousEnd: Int?
        var child = container.firstChild
        while let node = child {
            let lines = block(node, width: width)
            if let previousEnd, !lines.isEmpty, output.last?.isEmpty == false,
                node.startLine > previousEnd + 1 || node.kind == .heading
            {
                output.append("")
            }
            output += lines
            if !lines.isEmpty { previousEnd = Self.lastContentLine(of: node) }
            child = node.next
        }
        return output
    }

    private func block(_ node: MarkdownNode, width: Int) -> [String] {
        switch node.kind {
        case .paragraph:
            return paragraph(inlines(of: node), width: width)
        case .heading:
            let text = inlines(of: node)
            return paragraph(color ? "\u{1B}[1;4m\(text)\u{1B}[22;24m" : text, width: width)
        case .codeBlock:
            var code = CJKEmphasis.visible(node.literal).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if code.last?.isEmpty == true { code.removeLast() }
            return code.map { line in
                let text = TerminalText.truncate("    " + line.replacingOccurrences(of: "\t", with: "    "), width: width)
                return color ? "\u{1B}[36m\(text)\u{1B}[39m" : text
            }
        case .htmlBlock:
            // Shown as written: a note's HTML is text here, never markup.
            let lines = CJKEmphasis.visible(node.literal).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let joined = lines.filter { !$0.isEmpty }.joined(separator: String(Self.softBreak))
            return paragraph(Self.resolvingSoftBreaks(joined), width: width)
        case .thematicBreak:
            return [String(repeating: "─", count: min(width, 40))]
        case .blockQuote:
            return blocks(of: node, width: width - 2).map { "│ " + $0 }
        case .list:
            return list(node, width: width)
        case .table:
            return table(node)
        case .item, .document, .other, .tableRow, .tableCell:
            return blocks(of: node, width: width)
        case .text, .softBreak, .lineBreak, .code, .htmlInline, .emphasis, .strong, .strikethrough, .link, .image:
            return paragraph(inline(node), width: width)
        }
    }

    /// Wraps inline text to `width`, a hard line break starting a new line.
    private func paragraph(_ text: String, width: Int, indent: String = "") -> [String] {
        guard text.utf8.contains(0x0A) else { return TerminalText.wrap(text, width: width, indent: indent) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
            TerminalText.wrap(String($0), width: width, indent: indent)
        }
    }

    /// Each item behind its bullet (`•`) or number, later lines of the item under its text.
    private func list(_ node: MarkdownNode, width: Int) -> [String] {
        var output: [String] = []
        var number = node.listStart
        var previousEnd: Int?
        var item = node.firstChild
        while let current = item {
            var marker = number.map { "\($0)." } ?? "•"
            switch current.taskChecked {
            case true?: marker += " ☑"
            case false?: marker += " ☐"
            case nil: break
            }
            let hang = String(repeating: " ", count: TerminalText.width(of: marker) + 1)
            let lines = blocks(of: current, width: width - hang.count)
            if let previousEnd, current.startLine > previousEnd + 1 || node.listIsLoose, output.last?.isEmpty == false {
                output.append("")
            }
            output.append(lines.first.map { marker + " " + $0 } ?? marker)
            output += lines.dropFirst().map { $0.isEmpty ? "" : hang + $0 }
            previousEnd = Self.lastContentLine(of: current)
            number = number.map { $0 + 1 }
            item = current.next
        }
        return output
    }

    /// The last source line with content in `node`: cmark counts the blank lines after a list
    /// item as the item's own.
    private static func lastContentLine(of node: MarkdownNode) -> Int {
        guard node.kind == .item || node.kind == .list else { return node.endLine }
        var last = node.startLine
        var child = node.firstChild
        while let current = child {
            last = max(last, lastContentLine(of: current))
            child = current.next
        }
        return last
    }

    // MARK: - Tables

    private func table(_ node: MarkdownNode) -> [String] {
        var texts: [[String]] = []
        var row = node.firstChild
        while let current = row {
            var cells: [String] = []
            var cell = current.firstChild
            while let each = cell {
                cells.append(inlines(of: each))
                cell = each.next
            }
            texts.append(cells)
            row = current.next
        }
        let columns = texts.map(\.count).max() ?? 0
        guard columns > 0 else { return [] }
        texts = texts.map { row in (0..<columns).map { $0 < row.count ? row[$0] : "" } }
        var widths = (0..<columns).map { column in texts.map { TerminalText.width(of: $0[column]) }.max() ?? 0 }
        // Shrink the widest column until the table fits (3 columns per separator).
        let available = width - 3 * (columns - 1)
        while widths.reduce(0, +) > available, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
            widths[widest] > 4
        {
            widths[widest] -= 1
        }
        var lines: [String] = []
        for (rowIndex, row) in texts.enumerated() {
            let cells = row.enumerated().map { column, text -> String in
                let cut = TerminalText.truncate(text, width: widths[column])
                let padded = cut + String(repeating: " ", count: max(0, widths[column] - TerminalText.width(of: cut)))
                return rowIndex == 0 && color ? "\u{1B}[1m\(padded)\u{1B}[22m" : padded
            }
            var line = cells.joined(separator: " │ ")
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
            if rowIndex == 0 {
                lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─"))
            }
        }
        return lines
    }

    // MARK: - Inline

    /// A soft line break until the words on both sides are known.
    private static let softBreak: Unicode.Scalar = "\u{1F}"

    /// The inline content of a block as styled text; soft line breaks become a space between
    /// Latin words and nothing between Chinese ones, hard ones a newline.
    private func inlines(of node: MarkdownNode) -> String {
        var text = ""
        var child = node.firstChild
        while let current = child {
            text += inline(current)
            child = current.next
        }
        return text.utf8.contains(0x1F) ? Self.resolvingSoftBreaks(text) : text
    }

    private func inline(_ node: MarkdownNode) -> String {
        switch node.kind {
        case .text:
            return CJKEmphasis.visible(node.literal)
        case .code:
            let code = CJKEmphasis.visible(node.literal)
            return color ? "\u{1B}[36m\(code)\u{1B}[39m" : "`\(code)`"
        case .softBreak:
            return String(Self.softBreak)
        case .lineBreak:
            return "\n"
        case .emphasis:
            return styled(node, "\u{1B}[3m", "\u{1B}[23m")
        case .strong:
            return styled(node, "\u{1B}[1m", "\u{1B}[22m")
        case .strikethrough:
            return styled(node, "\u{1B}[9m", "\u{1B}[29m")
        case .link:
            if node.isAutolink { return node.url }
            return styled(node, "\u{1B}[4m", "\u{1B}[24m")
        case .image:
            return "[image: \(inlines(of: node))]"
        case .htmlInline:
            let tag = node.literal.lowercased().filter { $0 != " " }
            return ["<br>", "<br/>"].contains(tag) ? " " : node.literal
        default:
            return inlines(of: node)
        }
    }

    private func styled(_ node: MarkdownNode, _ on: String, _ off: String) -> String {
        let inner = inlines(of: node)
        return color ? on + inner + off : inner
    }

    /// Each soft break as a space, or as nothing between two wide (CJK) characters; escape
    /// sequences next to it are looked through.
    private static func resolvingSoftBreaks(_ text: String) -> String {
        // Only the soft breaks change; the text between them is copied whole.
        let scalars = text.unicodeScalars
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var copied = scalars.startIndex
        var lastVisible: Unicode.Scalar?
        var index = scalars.startIndex
        func skipEscape(from start: String.Index) -> String.Index {
            var end = start
            while end < scalars.endIndex, scalars[end] != "m" { end = scalars.index(after: end) }
            return end < scalars.endIndex ? scalars.index(after: end) : end
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\u{1B}" {
                index = skipEscape(from: index)
                continue
            }
            if scalar == softBreak {
                output += Substring(scalars[copied..<index])
                var ahead = scalars.index(after: index)
                while ahead < scalars.endIndex, scalars[ahead] == "\u{1B}" { ahead = skipEscape(from: ahead) }
                let next = ahead < scalars.endIndex ? scalars[ahead] : nil
                if !CJKLineBreak.joinsWithoutSpace(lastVisible, next) { output += " " }
                index = scalars.index(after: index)
                copied = index
                continue
            }
            lastVisible = scalar
            index = scalars.index(after: index)
        }
        output += Substring(scalars[copied...])
        return output
    }

}
