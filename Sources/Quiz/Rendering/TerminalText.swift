import Foundation

/// Measuring and wrapping text for a terminal: East Asian wide characters take two columns,
/// ANSI escape sequences none.
public enum TerminalText {
    /// Columns `character` occupies.
    public static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if scalar.properties.generalCategory == .nonspacingMark { return 0 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }

    /// Columns `text` occupies, escape sequences skipped.
    public static func width(of text: String) -> Int {
        var total = 0
        var inEscape = false
        for character in text {
            if inEscape {
                if let ascii = character.asciiValue, ascii >= 0x40, ascii <= 0x7E, character != "[" { inEscape = false }
                continue
            }
            if character == "\u{1B}" {
                inEscape = true
                continue
            }
            total += width(of: character)
        }
        return total
    }

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
