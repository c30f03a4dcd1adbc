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
    public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        let limit = max(width, 10)
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var word = ""
        var wordWidth = 0
        let indentWidth = Self.width(of: indent)

        func flushWord() {
            guard !word.isEmpty else { return }
            let needsSpace = !line.isEmpty && !line.hasSuffix(" ") && !(line == indent && !lines.isEmpty)
            let spaceWidth = needsSpace ? 1 : 0
            if lineWidth + spaceWidth + wordWidth > limit, lineWidth > indentWidth || (lines.isEmpty && lineWidth > 0) {
                lines.append(line)
                line = indent
                lineWidth = indentWidth
                line += word
                lineWidth += wordWidth
            } else {
                if needsSpace {
                    line += " "
                    lineWidth += 1
                }
                line += word
                lineWidth += wordWidth
            }
            word = ""
            wordWidth = 0
        }

        var inEscape = false
        for character in text {
            if inEscape {
                word.append(character)
                if let ascii = character.asciiValue, ascii >= 0x40, ascii <= 0x7E, character != "[" { inEscape = false }
                continue
            }
            if character == "\u{1B}" {
                inEscape = true
                word.append(character)
                continue
            }
            if character == " " || character == "\n" || character == "\t" {
                flushWord()
                continue
            }
            let w = Self.width(of: character)
            if w == 2 {
                // A wide character can break on either side of it.
                flushWord()
                word = String(character)
                wordWidth = 2
                let attached = !line.isEmpty && line != indent
                if attached && lineWidth + 2 > limit {
                    lines.append(line)
                    line = indent + word
                    lineWidth = indentWidth + 2
                } else {
                    line += word
                    lineWidth += 2
                }
                word = ""
                wordWidth = 0
                continue
            }
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
                inEscape = character == "\u{1B}" || !(character.asciiValue.map { $0 >= 0x40 && $0 <= 0x7E && character != "[" } ?? false)
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
