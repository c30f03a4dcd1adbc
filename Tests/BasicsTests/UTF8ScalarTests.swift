import Basics
import Testing

@Suite struct UTF8ScalarTests {
    @Test(arguments: ["TCP 三次握手", "é ß ÿ", "𠀀😀a", "한국어 カタカナ", ""])
    func decodesWhatUnicodeScalarsGives(text: String) {
        let bytes = Array(text.utf8)
        var decoded: [Unicode.Scalar] = []
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let (scalar, width) = UTF8Scalar.decode(buffer, at: index)
                #expect(width == UTF8Scalar.width(lead: buffer[index]))
                decoded.append(scalar)
                index += width
            }
        }
        #expect(decoded == Array(text.unicodeScalars))
    }

    @Test func aSequenceCutShortOrAStrayByteIsOneReplacement() {
        for bytes: [UInt8] in [[0xE4, 0xB8], [0x80], [0xF0, 0x9F, 0x98]] {
            bytes.withUnsafeBufferPointer { buffer in
                let (scalar, width) = UTF8Scalar.decode(buffer, at: 0)
                #expect(scalar == "\u{FFFD}" && width == 1, "\(bytes)")
            }
        }
    }
}
