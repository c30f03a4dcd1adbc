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
}
