/// Columns text takes in a terminal: East Asian wide characters two, control characters and
/// combining marks none, ANSI escape sequences none. One measure for titles, tables and wrapping.
public enum TextWidth {
    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]

    /// Columns `character` occupies.
    public static func columns(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return columns(of: scalar)
    }

    /// Columns a character starting with `scalar` occupies.
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        // Below U+0300 there are no combining marks and nothing wide: most text stops here.
        if v < 0x300 { return 1 }
        if wide.contains(where: { $0.contains(v) }) { return 2 }
        return scalar.properties.generalCategory == .nonspacingMark ? 0 : 1
    }

    /// Columns `text` occupies, escape sequences skipped.
    /// - Complexity: O(n) in the length of `text`.
    public static func columns(of text: String) -> Int {
        columnsByScalar(text) ?? columnsByCharacter(text)
    }

    /// Whether `text` takes at most `limit` columns: `columns(of: text) <= limit`, read only as far
    /// as it takes to pass the limit (a long line is not measured to its end).
    public static func fits(_ text: String, within limit: Int) -> Bool {
        // A prefix's sum never shrinks as more scalars come: past the limit, the whole is past it.
        guard let columns = columnsByScalar(text, stoppingPast: limit) else { return columnsByCharacter(text) <= limit }
        return columns <= limit
    }

    /// The definition: each Character's columns, escape sequences skipped.
    static func columnsByCharacter(_ text: String) -> Int {
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
            total += columns(of: character)
        }
        return total
    }

    /// Whether `scalar` is a Character on its own in text whose every scalar is, so that such
    /// text can be walked a scalar at a time instead of a Character at a time (which asks
    /// Unicode's grapheme rules at every step). False for CR (CR LF is one Character), a mark, a
    /// joiner, a modifier, a regional indicator, Hangul jamo, a letter that joins the next one
    /// (Prepend) and format characters; ASCII, Han, full-width forms and CJK and general
    /// punctuation are answered without a property lookup.
    public static func isCharacterOnItsOwn(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value != 0x0D }
        if (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) || (0xFF01...0xFF60).contains(value)
            // CJK punctuation (。、「」) but its tone marks (U+302A-302F); dashes, quotes, ….
            || (0x3000...0x3029).contains(value) || (0x3030...0x303F).contains(value)
            || (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value)
        {
            return true
        }
        if (0x1100...0x11FF).contains(value) || (0xA960...0xA97F).contains(value) || (0xD7B0...0xD7FF).contains(value)
            || (0x1F1E6...0x1F1FF).contains(value) || value == 0x200D
            // Letters that join the next one (Prepend): Malayalam's dot reph, Brahmi-derived scripts.
            || value == 0x0D4E || (0x11000...0x11FFF).contains(value)
        {
            return false
        }
        let properties = scalar.properties
        return
            !(properties.isGraphemeExtend || properties.isEmojiModifier || properties.generalCategory == .spacingMark
            || properties.generalCategory == .format)
    }

    /// The same sum, one scalar at a time, for text in which every scalar is a Character of its
    /// own; nil when one might not be (a mark, a joiner, a modifier, a regional indicator, Hangul
    /// jamo, a control character or an escape sequence), and Characters must be walked instead.
    private static func columnsByScalar(_ text: String, stoppingPast limit: Int = .max) -> Int? {
        var total = 0
        for scalar in text.unicodeScalars {
            if total > limit { return total }
            let value = scalar.value
            if value < 0x80 {
                guard value >= 0x20, value != 0x7F else { return nil }
                total += 1
                continue
            }
            // Han ideographs and full-width forms: wide, and none joins a cluster (most CJK text).
            if (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) || (0xFF01...0xFF60).contains(value) {
                total += 2
                continue
            }
            guard value >= 0xA0, isCharacterOnItsOwn(scalar) else { return nil }
            total += columns(of: scalar)
        }
        return total
    }
}
