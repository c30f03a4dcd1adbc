import Basics

/// Chinese emphasis as its writers mean it, for every reader of notes' Markdown (the terminal,
/// HTML for the web view and Anki).
public enum CJKEmphasis {
    /// What `separating` puts in: a zero-width space.
    public static let separator: Unicode.Scalar = "\u{200B}"

    /// CommonMark does not close `**注意：**这里` (the `**` follows punctuation and precedes a
    /// letter) or open `这**「引号」**`: its delimiter rules were made for languages that put
    /// spaces between words. A zero-width space between the run and the punctuation makes it
    /// able to open and close, as a Chinese writer means it; every renderer drops it again
    /// (`visible`).
    public static func separating(_ markdown: String) -> String {
        guard markdown.utf8.contains(where: { $0 >= 0xE0 }), markdown.utf8.contains(where: { $0 == 0x2A || $0 == 0x7E }) else {
            return markdown
        }
        // The text between the places a separator goes is copied whole, not scalar by scalar.
        let scalars = markdown.unicodeScalars
        var output = ""
        var copied = scalars.startIndex
        var before: Unicode.Scalar?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard scalar == "*" || scalar == "~" else {
                before = scalar
                index = scalars.index(after: index)
                continue
            }
            var end = index
            while end < scalars.endIndex, scalars[end] == scalar { end = scalars.index(after: end) }
            let after = end < scalars.endIndex ? scalars[end] : nil
            // Only between a letter and punctuation, where one of them is wide (CJK): a run
            // between two punctuation marks, or next to a space, already works as written.
            if let before, let after, TextWidth.columns(of: before) == 2 || TextWidth.columns(of: after) == 2,
                isPunctuation(before) != isPunctuation(after), !before.properties.isWhitespace,
                !after.properties.isWhitespace
            {
                let place = isPunctuation(before) ? index : end
                output += Substring(scalars[copied..<place])
                output.unicodeScalars.append(separator)
                copied = place
            }
            before = scalar
            index = end
        }
        guard copied > scalars.startIndex else { return markdown }
        output += Substring(scalars[copied...])
        return output
    }

    /// Punctuation as CommonMark counts it: ASCII punctuation (the backtick too) and Unicode's
    /// punctuation categories.
    public static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (0x21...0x2F).contains(scalar.value) || (0x3A...0x40).contains(scalar.value)
                || (0x5B...0x60).contains(scalar.value) || (0x7B...0x7E).contains(scalar.value)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Text without the separators `separating` put in.
    public static func visible(_ text: String) -> String {
        text.unicodeScalars.contains(separator)
            ? String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != separator })) : text
    }
}

/// Where a line break inside a paragraph is no space: between two wide characters (Chinese
/// written across lines), or next to full-width punctuation, which carries its own space
/// (`，` then a Latin word). Elsewhere it reads as a space, as CommonMark says.
public enum CJKLineBreak {
    public static func joinsWithoutSpace(_ before: Unicode.Scalar?, _ after: Unicode.Scalar?) -> Bool {
        guard let before, let after else { return false }
        let bothWide = TextWidth.columns(of: before) == 2 && TextWidth.columns(of: after) == 2
        return bothWide || isFullWidthPunctuation(before) || isFullWidthPunctuation(after)
    }

    static func isFullWidthPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        TextWidth.columns(of: scalar) == 2 && CJKEmphasis.isPunctuation(scalar)
    }
}
