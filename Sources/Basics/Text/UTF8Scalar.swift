/// One Unicode scalar read straight from UTF-8 bytes, for the few places that walk text as bytes
/// because walking `unicodeScalars` costs too much there (the full-text tokenizer, the guess of
/// a note's language) or because the bytes arrive one at a time (the terminal's keys).
public enum UTF8Scalar {
    /// Bytes of the scalar that starts with `lead`; 1 for a byte that starts none.
    @inlinable public static func width(lead: UInt8) -> Int {
        lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }

    /// The scalar at `index` and its width in bytes; U+FFFD and 1 for a sequence cut short, a
    /// byte that starts none, or a value that is no scalar.
    @inlinable public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let width = width(lead: lead)
        guard width > 1, index + width <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead & (0xFF >> (width + 1)))
        for offset in 1..<width { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }
}
