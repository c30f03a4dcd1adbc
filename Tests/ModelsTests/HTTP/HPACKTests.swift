import Testing

@testable import Demos
@testable import Models

struct HPACKTests {
    /// RFC 7541 C.1: 10 with a 5-bit prefix, 1337 with a 5-bit prefix, 42 with an 8-bit prefix.
    @Test(arguments: [(10, 5, "0a"), (1337, 5, "1f9a0a"), (42, 8, "2a"), (31, 5, "1f00"), (127, 7, "7f00")])
    func integersUseThePrefixThenSevenBitGroups(value: Int, prefix: Int, hex: String) throws {
        var out: [UInt8] = []
        HPACKInteger.encode(value, prefixBits: prefix, flags: 0, into: &out)
        #expect(HTTPBytes(out).hex == hex)
        var offset = 0
        #expect(try HPACKInteger.decode(out, prefixBits: prefix, offset: &offset) == value)
        #expect(offset == out.count)
    }

    @Test func huffmanCodesAreTheCanonicalOnesOfAppendixB() {
        // A few rows of Appendix B: '0' = 00000 (5 bits), 'a' = 00011, 'e' = 00101, '%' = 010101,
        // EOS = 30 ones.
        #expect(HPACKHuffman.codes[Int(UInt8(ascii: "0"))] == 0b00000)
        #expect(HPACKHuffman.codes[Int(UInt8(ascii: "a"))] == 0b00011)
        #expect(HPACKHuffman.codes[Int(UInt8(ascii: "%"))] == 0b010101)
        #expect(HPACKHuffman.codes[HPACKHuffman.eos] == (1 << 30) - 1)
        #expect(HPACKHuffman.codeLengths[Int(UInt8(ascii: "e"))] == 5)
    }

    @Test func huffmanRoundTripsEveryOctet() throws {
        let all = (0...255).map(UInt8.init)
        #expect(try HPACKHuffman.decode(HPACKHuffman.encode(all)) == all)
        #expect(try HPACKHuffman.decode([]) == [])
    }

    @Test func huffmanRefusesBadPadding() {
        // "a" is 00011; padded with ones: 00011111 = 0x1f. Padding of zeros is refused.
        #expect(throws: HPACKError.huffmanPaddingNotOnes) { try HPACKHuffman.decode([0x18]) }
        // "a" then a whole octet of ones leaves 11 bits of padding.
        #expect(throws: HPACKError.huffmanPaddingTooLong(bits: 11)) { try HPACKHuffman.decode([0x1f, 0xff]) }
        // 30 ones spell EOS.
        #expect(throws: HPACKError.huffmanEOS) { try HPACKHuffman.decode([0xff, 0xff, 0xff, 0xff]) }
    }

    /// Found by the fuzzer (Fuzz/FuzzHPACK): an integer with many continuation octets shifted
    /// a value past 64 bits and trapped.
    @Test func anIntegerWithTooManyContinuationOctetsIsRefused() {
        let block: [UInt8] = [0x00, 0x00, 0xFF, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0xFF, 0x98, 0xB8]
        var decoder = HPACKDecoder()
        #expect(throws: HPACKError.self) { try decoder.decode(block) }
        var offset = 0
        #expect(throws: HPACKError.self) {
            try HPACKInteger.decode([0x7F] + Array(repeating: 0x80, count: 12) + [0x01], prefixBits: 7, offset: &offset)
        }
    }

    @Test func decoderRejectsMalformedBlocksWithAPlaceToLook() {
        var decoder = HPACKDecoder()
        #expect(throws: HPACKError.indexZero(offset: 0)) { try decoder.decode([0x80]) }
        #expect(throws: HPACKError.indexOutOfRange(index: 62, tableLength: 61, offset: 1)) {
            try decoder.decode([0x82, 0xbe])
        }
        #expect(throws: HPACKError.truncated(offset: 1)) { try decoder.decode([0x40, 0x05, 0x61]) }
        #expect(throws: HPACKError.tableSizeUpdateNotFirst(offset: 1)) { try decoder.decode([0x82, 0x20]) }
        #expect(throws: HPACKError.tableSizeAboveLimit(requested: 4097, limit: 4096)) {
            try decoder.decode([0x3f, 0xe2, 0x1f])
        }
        #expect(throws: HPACKError.integerOverflow(offset: 0)) {
            try decoder.decode([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])
        }
    }

    @Test func tableSizeUpdateEvictsAndIsSentFirst() throws {
        var encoder = HPACKEncoder(huffman: false)
        var decoder = HPACKDecoder()
        _ = try decoder.decode(encoder.encode([HTTPField("a", "1"), HTTPField("b", "2")]).bytes.bytes)
        encoder.setMaximumTableSize(40)
        let block = encoder.encode([HTTPField(":method", "GET")])
        #expect(block.bytes.hex.hasPrefix("3f09"))  // 001 11111 + 9 = 40
        #expect(block.representations.first?.evicted == [HTTPField("a", "1")])
        _ = try decoder.decode(block.bytes.bytes)
        #expect(decoder.table == encoder.table)
        #expect(decoder.table.entries == [HTTPField("b", "2")])
    }

    @Test func anEntryLargerThanTheTableEmptiesIt() {
        var table = HPACKDynamicTable(maximumSize: 64)
        table.insert(HTTPField("a", "1"))
        let evicted = table.insert(HTTPField("long-name", String(repeating: "x", count: 40)))
        #expect(evicted == [HTTPField("a", "1")])
        #expect(table.entries.isEmpty)
        #expect(table.size == 0)
    }
}
