import Foundation
import Notes

/// Renders card Markdown for a terminal: headings, paragraphs wrapped to the width, bullet and
/// numbered lists (nested), block quotes, fenced code blocks (never wrapped), GFM tables, and
/// inline bold, italics, code, strike-through and links. With `color` off the output is plain
/// text with no escape sequences.
///
/// A line-based reader of the Markdown card answers are written in, not a full CommonMark
/// parser: what it does not recognise it shows as written.
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
        let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        var output: [String] = []
        var paragraph: [String] = []
        var index = 0

        func blank() {
            if let last = output.last, !last.isEmpty { output.append("") }
        }
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            output += TerminalText.wrap(inline(Self.joinLines(paragraph)), width: width)
            paragraph = []
        }

        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                flushParagraph()
                blank()
                index += 1
                continue
            }
            if let fence = Self.fence(trimmed) {
                flushParagraph()
                let indent = line.prefix { $0 == " " }.count
                index += 1
                var code: [String] = []
                while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix(fence) {
                    code.append(String(lines[index].dropFirst(min(indent, lines[index].prefix { $0 == " " }.count))))
                    index += 1
                }
                index += 1
                for codeLine in code {
                    let text = TerminalText.truncate("    " + codeLine.replacingOccurrences(of: "\t", with: "    "), width: width)
                    output.append(color ? "\u{1B}[36m\(text)\u{1B}[39m" : text)
                }
                continue
            }
            if let heading = Self.heading(trimmed) {
                flushParagraph()
                blank()
                let text = inline(heading)
                output += TerminalText.wrap(color ? "\u{1B}[1;4m\(text)\u{1B}[22;24m" : text, width: width)
                index += 1
                continue
            }
            if trimmed.contains("|"), index + 1 < lines.count, Self.isTableSeparator(lines[index + 1]) {
                flushParagraph()
                var rows = [Self.cells(trimmed)]
                index += 2
                while index < lines.count, lines[index].contains("|"),
                    !lines[index].trimmingCharacters(in: .whitespaces).isEmpty
                {
                    rows.append(Self.cells(lines[index]))
                    index += 1
                }
                output += table(rows)
                continue
            }
            if trimmed == "---" || trimmed == "***" || trimmed == "___" {
                flushParagraph()
                output.append(String(repeating: "─", count: min(width, 40)))
                index += 1
                continue
            }
            if trimmed.hasPrefix(">") {
                flushParagraph()
                var quoted: [String] = []
                while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix(">") {
                    quoted.append(String(lines[index].trimmingCharacters(in: .whitespaces).dropFirst()))
                    index += 1
                }
                let inner = TerminalMarkdown(color: color, width: width - 2).render(quoted.joined(separator: "\n"))
                output += inner.map { "│ " + $0 }
                continue
            }
            if let item = Self.listItem(line) {
                flushParagraph()
                var text = [item.text]
                index += 1
                // Lazy continuation lines: indented text that starts no new block.
                while index < lines.count {
                    let next = lines[index]
                    let nextTrimmed = next.trimmingCharacters(in: .whitespaces)
                    if nextTrimmed.isEmpty || Self.listItem(next) != nil || Self.fence(nextTrimmed) != nil
                        || Self.heading(nextTrimmed) != nil
                    {
                        break
                    }
                    text.append(nextTrimmed)
                    index += 1
                }
                let level = item.indent / 2
                let pad = String(repeating: "  ", count: level)
                let bullet = item.marker.map { "\($0) " } ?? "• "
                let wrapped = TerminalText.wrap(
                    bullet + inline(Self.joinLines(text)), width: width - pad.count,
                    indent: String(repeating: " ", count: TerminalText.width(of: bullet)))
                output += wrapped.map { pad + $0 }
                continue
            }
            paragraph.append(trimmed)
            index += 1
        }
        flushParagraph()
        while output.last?.isEmpty == true { output.removeLast() }
        while output.first?.isEmpty == true { output.removeFirst() }
        return output
    }

    // MARK: - Tables

    func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        guard columns > 0 else { return [] }
        let texts = rows.map { row in (0..<columns).map { $0 < row.count ? inline(row[$0]) : "" } }
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
            lines.append(cells.joined(separator: " │ "))
            if rowIndex == 0 {
                lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─"))
            }
        }
        return lines.map { line in
            var trimmed = line
            while trimmed.hasSuffix(" ") { trimmed.removeLast() }
            return trimmed
        }
    }

    static func cells(_ line: String) -> [String] {
        var text = line.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("|") { text.removeFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text.removeLast() }
        var cells: [String] = []
        var cell = ""
        var escaped = false
        var inCode = false
        for character in text {
            if escaped {
                cell.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
                cell.append(character)
            } else if character == "`" {
                inCode.toggle()
                cell.append(character)
            } else if character == "|" && !inCode {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(character)
            }
        }
        cells.append(cell.trimmingCharacters(in: .whitespaces))
        return cells.map { $0.replacingOccurrences(of: "\\|", with: "|") }
    }

    static func isTableSeparator(_ line: String) -> Bool {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.contains("-"), text.contains("|") || text.hasPrefix("-") || text.hasPrefix(":") else { return false }
        return text.allSatisfy { "|-: ".contains($0) }
    }

    // MARK: - Blocks

    static func fence(_ trimmed: String) -> String? {
        if trimmed.hasPrefix("```") { return "```" }
        if trimmed.hasPrefix("~~~") { return "~~~" }
        return nil
    }

    static func heading(_ trimmed: String) -> String? {
        let hashes = trimmed.prefix { $0 == "#" }.count
        guard hashes >= 1, hashes <= 6 else { return nil }
        let rest = trimmed.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// A list item: its indent in spaces, its number (nil for a bullet) and its text.
    static func listItem(_ line: String) -> (indent: Int, marker: String?, text: String)? {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
            var text = String(rest.dropFirst(2))
            if text.hasPrefix("[ ] ") { text = "☐ " + text.dropFirst(4) }
            if text.hasPrefix("[x] ") || text.hasPrefix("[X] ") { text = "☑ " + text.dropFirst(4) }
            return (indent, nil, text)
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let after = rest.dropFirst(digits.count)
            if let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " {
                return (indent, "\(digits).", String(after.dropFirst(2)))
            }
        }
        return nil
    }

    /// Joins the lines of a paragraph: a space between Latin words, nothing between Chinese ones.
    static func joinLines(_ lines: [String]) -> String {
        var result = ""
        for line in lines {
            if let last = result.last, let first = line.first,
                !(TerminalText.width(of: last) == 2 && TerminalText.width(of: first) == 2)
            {
                result += " "
            }
            result += line
        }
        return result
    }

    // MARK: - Inline

    /// Inline Markdown to styled text: `code`, **bold**, *italics*, ~~strike~~, [links](url),
    /// images, autolinks, backslash escapes and `<br>`.
    public func inline(_ text: String) -> String {
        let characters = Array(text)
        var output = ""
        var index = 0
        var bold = false, italic = false, strike = false

        func style(_ on: String, _ off: String, _ active: inout Bool) {
            active.toggle()
            if color { output += active ? on : off }
        }
        func has(_ marker: String, at position: Int) -> Bool {
            let marker = Array(marker)
            guard position + marker.count <= characters.count else { return false }
            return Array(characters[position..<position + marker.count]) == marker
        }
        func find(_ marker: String, from start: Int) -> Int? {
            var position = start
            while position < characters.count {
                if has(marker, at: position) { return position }
                position += 1
            }
            return nil
        }

        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count,
                characters[index + 1].isPunctuation || characters[index + 1].isSymbol
            {
                output.append(characters[index + 1])
                index += 2
                continue
            }
            if character == "`" {
                let ticks = characters[index...].prefix { $0 == "`" }.count
                let marker = String(repeating: "`", count: ticks)
                if let end = find(marker, from: index + ticks) {
                    let code = String(characters[(index + ticks)..<end]).trimmingCharacters(in: .whitespaces)
                    output += color ? "\u{1B}[36m\(code)\u{1B}[39m" : "`\(code)`"
                    index = end + ticks
                    continue
                }
            }
            if has("**", at: index) || has("__", at: index) {
                let marker = String(characters[index...index + 1])
                if bold || find(marker, from: index + 2) != nil {
                    style("\u{1B}[1m", "\u{1B}[22m", &bold)
                    index += 2
                    continue
                }
            }
            if has("~~", at: index), strike || find("~~", from: index + 2) != nil {
                style("\u{1B}[9m", "\u{1B}[29m", &strike)
                index += 2
                continue
            }
            if character == "*",
                italic || (index + 1 < characters.count && characters[index + 1] != " " && find("*", from: index + 1) != nil)
            {
                style("\u{1B}[3m", "\u{1B}[23m", &italic)
                index += 1
                continue
            }
            if character == "!" || character == "[", let link = Self.link(characters, at: character == "!" ? index + 1 : index) {
                let label = inline(link.label)
                if character == "!" {
                    output += "[image: \(label)]"
                } else {
                    output += color ? "\u{1B}[4m\(label)\u{1B}[24m" : label
                }
                index = link.end
                continue
            }
            if character == "<", let end = find(">", from: index + 1) {
                let inside = String(characters[(index + 1)..<end])
                if inside.hasPrefix("http://") || inside.hasPrefix("https://") {
                    output += inside
                    index = end + 1
                    continue
                }
                if ["br", "br/", "br /"].contains(inside.lowercased()) {
                    output += " "
                    index = end + 1
                    continue
                }
            }
            output.append(character)
            index += 1
        }
        if color {
            if bold { output += "\u{1B}[22m" }
            if italic { output += "\u{1B}[23m" }
            if strike { output += "\u{1B}[29m" }
        }
        return output
    }

    /// `[label](url)` starting at `start`: the label and the index after the closing parenthesis.
    static func link(_ characters: [Character], at start: Int) -> (label: String, end: Int)? {
        guard start < characters.count, characters[start] == "[" else { return nil }
        var depth = 0
        var position = start
        while position < characters.count {
            if characters[position] == "[" { depth += 1 }
            if characters[position] == "]" {
                depth -= 1
                if depth == 0 { break }
            }
            position += 1
        }
        guard position + 1 < characters.count, characters[position + 1] == "(" else { return nil }
        guard let close = characters[(position + 1)...].firstIndex(of: ")") else { return nil }
        return (String(characters[(start + 1)..<position]), close + 1)
    }

    /// A cloze prompt with every `{{cN::text}}` (or `{{cN::text::hint}}`) hidden as `[...]` or `[hint]`.
    public static func hidingClozes(_ text: String) -> String {
        Cloze.render(text) { deletion in deletion.hint.map { "[\($0)]" } ?? "[...]" }
    }
}
