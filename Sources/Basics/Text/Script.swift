extension Unicode.Scalar {
    /// Han, kana and Hangul: the scripts written without spaces between words.
    public var isCJK: Bool {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
            0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }
}

extension Character {
    /// The character is written in a CJK script (its first scalar is).
    public var isCJK: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        return scalar.isCJK
    }
}
