import Testing

@testable import Basics

/// A text's width is the sum of its Characters' widths, whether it is summed by scalar (text
/// whose every scalar is a Character) or by Character.
@Suite struct TextWidthTests {
    @Test(arguments: [
        ("TCP handshake", 13), ("三次握手", 8), ("datagram 队头阻塞 0", 19), ("中文，English。", 15), ("", 0),
        ("e\u{301}", 1), ("한국어", 6), ("\u{1100}\u{1161}\u{11A8}", 2), ("👍🏽", 2), ("👨\u{200D}👩\u{200D}👧", 2),
        ("🇨🇳", 1), ("1\u{FE0F}\u{20E3}", 1), ("a\tb", 2), ("\u{1B}[1mbold\u{1B}[22m", 4), ("ＡＢ", 4), ("a\r\nb", 2),
        ("क्षि", 1), ("ഩ\u{0D4E}ക", 2),
        ("中\u{301}文", 4), ("握手！（ACK）", 13), ("中\u{302A}", 2), ("\u{3000}中", 4), ("㐀\u{FE00}", 2),
    ])
    func widthIsTheSumOfItsCharacters(text: String, columns: Int) {
        #expect(TextWidth.columns(of: text) == TextWidth.columnsByCharacter(text), "\(text.debugDescription)")
        #expect(TextWidth.columns(of: text) == columns, "\(text.debugDescription)")
        for limit in [0, columns - 1, columns, columns + 1] {
            #expect(TextWidth.fits(text, within: limit) == (columns <= limit), "\(text.debugDescription) within \(limit)")
        }
    }

    @Test func fitsStopsEarlyButStillSeesClustersItReads() {
        // Past the limit before the mark: the mark cannot bring the sum back under it.
        #expect(!TextWidth.fits("abcdef\u{301}", within: 3))
        #expect(TextWidth.fits("abc\u{301}", within: 3))
        #expect(!TextWidth.fits(String(repeating: "握手", count: 100), within: 40))
        #expect(TextWidth.fits(String(repeating: "握手", count: 10), within: 40))
    }

    /// The ranges answered without a property lookup hold no scalar that could join another.
    @Test func scalarsAnsweredAtOnceJoinNothing() {
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xFF01...0xFF60, 0x3000...0x3029, 0x3030...0x303F,
            0x2010...0x2027, 0x2030...0x205E,
        ]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let properties = scalar.properties
                #expect(TextWidth.isCharacterOnItsOwn(scalar))
                #expect(
                    !(properties.isGraphemeExtend || properties.isEmojiModifier || properties.generalCategory == .spacingMark
                        || properties.generalCategory == .format || properties.generalCategory == .nonspacingMark
                        || properties.generalCategory == .enclosingMark), "U+\(String(value, radix: 16))")
                // Followed by an ASCII letter, it is still a Character of its own.
                #expect("\(Character(scalar))a".count == 2, "U+\(String(value, radix: 16))")
            }
        }
        for joining: Unicode.Scalar in [
            "\r", "\u{301}", "\u{200D}", "\u{FE0F}", "\u{1F3FD}", "\u{1F1E8}", "\u{1100}", "\u{302A}",
        ] {
            #expect(!TextWidth.isCharacterOnItsOwn(joining), "U+\(String(joining.value, radix: 16))")
        }
    }
}
