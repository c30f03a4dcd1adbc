extension StringProtocol {
    /// Without white space (any Unicode space or line break) at either end. Inlinable, so that
    /// each caller gets it specialized for its `String` or `Substring`.
    ///
    /// Swift's own, where Foundation's `trimmingCharacters(in:)` goes through NSString: reading
    /// one small file with it cost a command a fifteenth of its start-up.
    @inlinable public func trimmingSpaces() -> String {
        // Nothing to trim (most lines), decided by the first and last scalars: the first
        // Character starts with the first scalar; the last one starts with the last scalar
        // unless that scalar extends a cluster.
        if let first = unicodeScalars.first, !Self.isSpace(first), let last = unicodeScalars.last,
            Self.startsItsOwnCharacter(last), !Self.isSpace(last)
        {
            return String(self)
        }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// Without spaces and tabs at the end.
    @inlinable public func trimmingTrailingSpaces() -> String {
        var scalars = Substring(self)
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }

    @usableFromInline static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        // The last White_Space scalar is U+3000: nothing above it needs a lookup.
        return scalar.value <= 0x3000 && scalar.properties.isWhitespace
    }

    /// Whether no grapheme rule joins `scalar` to the scalar before it (extending marks, emoji
    /// modifiers, spacing marks and the zero-width joiner do).
    @usableFromInline static func startsItsOwnCharacter(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII, and Han ideographs (no mark, modifier or joiner among them): most text.
        if scalar.isASCII || (0x4E00...0x9FFF).contains(scalar.value) { return true }
        let properties = scalar.properties
        return !properties.isGraphemeExtend && !properties.isEmojiModifier && properties.generalCategory != .spacingMark
            && scalar != "\u{200D}"
    }
}
