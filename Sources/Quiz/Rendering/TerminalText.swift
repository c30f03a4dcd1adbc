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
        // Most notes' text has one scalar per Character: walking scalars skips Unicode's
        // grapheme rules at every step (a quarter of `netprep show`'s instructions).
        if text.unicodeScalars.allSatisfy(TextWidth.isCharacterOnItsOwn) {
            return wrap(units: text.unicodeScalars, of: text, width: width, indent: indent)
        }
        return wrap(units: text, of: text, width: width, indent: indent)
    }

    /// `wrap` over the Characters of `source`, or over its scalars when each is a Character.
    /// A word is a run of `source`, cut from it once it is whole.
    static func wrap<Units: Collection>(units: Units, of source: String, width: Int, indent: String) -> [String]
    where Units.Element: WrapUnit, Units.Index == String.Index {
        let limit = max(width, 10)
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        // The word being read: `source[wordStart..<wordEnd]`, nil before its first unit.
        var wordStart: String.Index?
        var wordEnd = source.startIndex
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
            guard let start = wordStart else { return }
            place(String(source[start..<wordEnd]), width: wordWidth, spaced: wordSpaceBefore)
            wordStart = nil
            wordWidth = 0
        }

        func startWordIfNeeded() {
            if wordStart == nil {
                wordSpaceBefore = spaceBefore
                spaceBefore = false
            }
        }

        var inEscape = false
        var index = units.startIndex
        while index != units.endIndex {
            let unit = units[index]
            let next = units.index(after: index)
            defer { index = next }
            /// Adds this unit to the word being read.
            func takeUnit() {
                if wordStart == nil { wordStart = index }
                wordEnd = next
            }
            if inEscape {
                takeUnit()
                if unit.endsEscape { inEscape = false }
                continue
            }
            if unit.isEscape {
                startWordIfNeeded()
                inEscape = true
                takeUnit()
                continue
            }
            if unit.isSpace {
                flushWord()
                spaceBefore = true
                continue
            }
            let w = unit.columns
            if w == 2 {
                // A wide character can break on either side of it; an escape sequence written
                // just before it stays with it.
                if wordWidth > 0 { flushWord() }
                startWordIfNeeded()
                takeUnit()
                wordWidth += 2
                flushWord()
                continue
            }
            startWordIfNeeded()
            takeUnit()
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

/// What `TerminalText.wrap` reads text as: Characters, or scalars in text whose every scalar is
/// a Character (`TextWidth.isCharacterOnItsOwn`), where each answers as its Character would.
protocol WrapUnit {
    /// A space, a line break or a tab: where words end.
    var isSpace: Bool { get }
    /// ESC, which starts an escape sequence.
    var isEscape: Bool { get }
    /// A final byte of an escape sequence (`@` to `~`, but `[`).
    var endsEscape: Bool { get }
    /// Columns on a terminal (`TextWidth`).
    var columns: Int { get }
}

extension Character: WrapUnit {
    var isSpace: Bool { self == " " || self == "\n" || self == "\t" }
    var isEscape: Bool { self == "\u{1B}" }
    var endsEscape: Bool { asciiValue.map { $0 >= 0x40 && $0 <= 0x7E } ?? false && self != "[" }
    var columns: Int { TextWidth.columns(of: self) }
}

extension Unicode.Scalar: WrapUnit {
    var isSpace: Bool { value == 0x20 || value == 0x0A || value == 0x09 }
    var isEscape: Bool { value == 0x1B }
    var endsEscape: Bool { value >= 0x40 && value <= 0x7E && value != 0x5B }
    var columns: Int { TextWidth.columns(of: self) }
}
