import Basics
import Foundation

/// Measuring and wrapping text for a terminal: East Asian wide characters take two columns,
/// ANSI escape sequences none.
public enum TerminalText {
    /// Columns `character` occupies (`TextWidth`).
    public static func width(of character: Character) -> Int { TextWidth.columns(of: character) }

    /// Columns `text` occupies, escape sequences skipped (`TextWidth`).
    public static func width(of text: String) -> Int { TextWidth.columns(of: text) }

    /// `text` wrapped to `width` columns at spaces (and between wide characters, which need no
    /// space), with `indent` before every line after the first; escape sequences pass through.
    /// Words are joined as they were written: `SYN、SYN+ACK` stays together, `- 中文` keeps its
    /// space.
    public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        let limit = max(width, 10)
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var word = ""
        var wordWidth = 0
        let indentWidth = Self.width(of: indent)
        // Whether the text had a space before what comes next, and before the word being read.
        var spaceBefore = false
        var wordSpaceBefore = false

        /// Whether the line is at its start (nothing to put a space after).
        var atLineStart: Bool { line.isEmpty || (line == indent && !lines.isEmpty) }

        func place(_ piece: String, width pieceWidth: Int, spaced: Bool) {
            let needsSpace = spaced && !atLineStart && !line.hasSuffix(" ")
            let spaceWidth = needsSpace ? 1 : 0
            if lineWidth + spaceWidth + pieceWidth > limit, !atLineStart {
                // A Chinese comma or full stop never starts a line: the character before it
                // comes down with it.
                var carried = ""
                if let mark = piece.first, piece.count == 1, Self.neverStartsALine.contains(mark) {
                    carried = Self.lastWord(of: line, after: lines.isEmpty ? "" : indent)
                    line.removeLast(carried.count)
                    while line.hasSuffix(" ") { line.removeLast() }
                }
                lines.append(line)
                line = indent + carried + piece
                lineWidth = indentWidth + Self.width(of: carried) + pieceWidth
            } else {
                if needsSpace {
                    line += " "
                    lineWidth += 1
                }
                line += piece
                lineWidth += pieceWidth
            }
        }

        func flushWord() {
            guard !word.isEmpty else { return }
            place(word, width: wordWidth, spaced: wordSpaceBefore)
            word = ""
            wordWidth = 0
        }

        func startWordIfNeeded() {
            if word.isEmpty {
                wordSpaceBefore = spaceBefore
                spaceBefore = false
            }
        }

        var inEscape = false
        for character in text {
            if inEscape {
                word.append(character)
                if let ascii = character.asciiValue, ascii >= 0x40, ascii <= 0x7E, character != "[" { inEscape = false }
                continue
            }
            if character == "\u{1B}" {
                startWordIfNeeded()
                inEscape = true
                word.append(character)
                continue
            }
            if character == " " || character == "\n" || character == "\t" {
                flushWord()
                spaceBefore = true
                continue
            }
            let w = Self.width(of: character)
            if w == 2 {
                // A wide character can break on either side of it; an escape sequence written
                // just before it stays with it.
                if wordWidth > 0 { flushWord() }
                startWordIfNeeded()
                word.append(character)
                wordWidth += 2
                flushWord()
                continue
            }
            startWordIfNeeded()
            word.append(character)
            wordWidth += w
            if wordWidth > limit - indentWidth {
                // A word longer than a line: cut it.
                flushWord()
            }
        }
        flushWord()
        lines.append(line)
        return lines
    }

    /// Full-width punctuation that closes what comes before it, so it never starts a line.
    static let neverStartsALine: Set<Character> = [
        "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "》", "〉", "】", "〕", "…", "％",
    ]

    /// What ends `line` and may move to the next one: its last wide character, or its last run of
    /// narrow characters; nothing when that is all the line holds after `indent`.
    static func lastWord(of line: String, after indent: String) -> String {
        // A line with escape sequences is left as it is: cutting one in half would colour the rest.
        guard let last = line.last, last != " ", !line.contains("\u{1B}") else { return "" }
        var word = ""
        if width(of: last) == 2 {
            word = String(last)
        } else {
            for character in line.reversed() {
                if character == " " || width(of: character) != 1 { break }
                word.insert(character, at: word.startIndex)
            }
        }
        return word.count < line.count - indent.count ? word : ""
    }

    /// `text` cut to `width` columns, ending in `…` when cut.
    public static func truncate(_ text: String, width: Int) -> String {
        guard Self.width(of: text) > width else { return text }
        var result = ""
        var used = 0
        var inEscape = false
        for character in text {
            if inEscape || character == "\u{1B}" {
                result.append(character)
                inEscape =
                    character == "\u{1B}" || !(character.asciiValue.map { $0 >= 0x40 && $0 <= 0x7E && character != "[" } ?? false)
                continue
            }
            let w = Self.width(of: character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }
}
