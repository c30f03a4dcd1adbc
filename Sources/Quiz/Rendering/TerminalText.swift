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
                lines.append(line)
                line = indent + piece
                lineWidth = indentWidth + pieceWidth
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
