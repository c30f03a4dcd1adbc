import Testing

@testable import Demos
@testable import Models

/// RFC 7541 Appendix C, every example, byte for byte: our encoder must write exactly these
/// octets, our decoder must read them back, and both tables must end at the sizes the RFC lists.
struct HPACKAppendixCTests {
    struct Block: Sendable, CustomStringConvertible {
        var fields: [HTTPField]
        var hex: String
        /// The dynamic table afterwards, newest first, as the RFC prints it.
        var tableAfter: [HTTPField]
        var tableSizeAfter: Int
        var description: String { hex }
    }

    struct Example: Sendable, CustomTestStringConvertible {
        var section: String
        var maximumTableSize: Int
        var huffman: Bool
        var blocks: [Block]
        var testDescription: String { "RFC 7541 \(section)" }
    }

    static let authority = HTTPField(":authority", "www.example.com")
    static let noCache = HTTPField("cache-control", "no-cache")
    static let custom = HTTPField("custom-key", "custom-value")

    static let request1 = [HTTPField(":method", "GET"), HTTPField(":scheme", "http"), HTTPField(":path", "/"), authority]
    static let request2 = request1 + [noCache]
    static let request3 = [
        HTTPField(":method", "GET"), HTTPField(":scheme", "https"), HTTPField(":path", "/index.html"), authority, custom,
    ]

    static func requests(_ hex: [String]) -> [Block] {
        [
            Block(fields: request1, hex: hex[0], tableAfter: [authority], tableSizeAfter: 57),
            Block(fields: request2, hex: hex[1], tableAfter: [noCache, authority], tableSizeAfter: 110),
            Block(fields: request3, hex: hex[2], tableAfter: [custom, noCache, authority], tableSizeAfter: 164),
        ]
    }

    static let status302 = HTTPField(":status", "302")
    static let status307 = HTTPField(":status", "307")
    static let privateCache = HTTPField("cache-control", "private")
    static let date21 = HTTPField("date", "Mon, 21 Oct 2013 20:13:21 GMT")
    static let date22 = HTTPField("date", "Mon, 21 Oct 2013 20:13:22 GMT")
    static let location = HTTPField("location", "https://www.example.com")
    static let gzip = HTTPField("content-encoding", "gzip")
    static let cookie = HTTPField("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1")

    static func responses(_ hex: [String]) -> [Block] {
        [
            Block(
                fields: [status302, privateCache, date21, location], hex: hex[0],
                tableAfter: [location, date21, privateCache, status302], tableSizeAfter: 222),
            Block(
                fields: [status307, privateCache, date21, location], hex: hex[1],
                tableAfter: [status307, location, date21, privateCache], tableSizeAfter: 222),
            Block(
                fields: [HTTPField(":status", "200"), privateCache, date22, location, gzip, cookie], hex: hex[2],
                tableAfter: [cookie, gzip, date22], tableSizeAfter: 215),
        ]
    }

    static let examples: [Example] = [
        Example(
            section: "C.3 (requests, no Huffman)", maximumTableSize: 4096, huffman: false,
            blocks: requests([
                "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                "8286 84be 5808 6e6f 2d63 6163 6865",
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
            ])),
        Example(
            section: "C.4 (requests, Huffman)", maximumTableSize: 4096, huffman: true,
            blocks: requests([
                "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
                "8286 84be 5886 a8eb 1064 9cbf",
                "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
            ])),
        Example(
            section: "C.5 (responses, no Huffman, 256-octet table)", maximumTableSize: 256, huffman: false,
            blocks: responses([
                """
                4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32
                3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d
                """,
                "4803 3330 37c1 c0bf",
                """
                88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970
                7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61
                6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31
                """,
            ])),
        Example(
            section: "C.6 (responses, Huffman, 256-octet table)", maximumTableSize: 256, huffman: true,
            blocks: responses([
                """
                4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad
                1718 63c7 8f0b 97c8 e9ae 82ae 43d3
                """,
                "4883 640e ffc1 c0bf",
                """
                88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2
                e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07
                """,
            ])),
    ]

    @Test(arguments: examples)
    func encoderWritesTheRFCOctets(_ example: Example) {
        var encoder = HPACKEncoder(maximumTableSize: example.maximumTableSize, huffman: example.huffman)
        for block in example.blocks {
            let encoded = encoder.encode(block.fields)
            #expect(encoded.bytes.hex == Hex.bytes(block.hex).map { Hex.string($0) })
            #expect(encoder.table.entries == block.tableAfter)
            #expect(encoder.table.size == block.tableSizeAfter)
        }
    }

    @Test(arguments: examples)
    func decoderReadsTheRFCOctets(_ example: Example) throws {
        var decoder = HPACKDecoder(maximumTableSize: example.maximumTableSize)
        for block in example.blocks {
            let decoded = try decoder.decode(Hex.bytes(block.hex)!)
            #expect(decoded.fields == block.fields)
            #expect(decoder.table.entries == block.tableAfter)
            #expect(decoder.table.size == block.tableSizeAfter)
            #expect(decoded.representations.allSatisfy { ($0.huffmanValue ?? example.huffman) == example.huffman })
        }
    }

    struct Single: Sendable, CustomTestStringConvertible {
        var section: String
        var field: HTTPField
        var indexing: HPACKIndexing
        var hex: String
        var kind: HPACKRepresentation.Kind
        var tableSizeAfter: Int
        var testDescription: String { "RFC 7541 \(section)" }
    }

    static let singles: [Single] = [
        Single(
            section: "C.2.1", field: HTTPField("custom-key", "custom-header"), indexing: .incremental,
            hex: "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572", kind: .literalIncremental,
            tableSizeAfter: 55),
        Single(
            section: "C.2.2", field: HTTPField(":path", "/sample/path"), indexing: .withoutIndexing,
            hex: "040c 2f73 616d 706c 652f 7061 7468", kind: .literalWithoutIndexing, tableSizeAfter: 0),
        Single(
            section: "C.2.3", field: HTTPField("password", "secret"), indexing: .never,
            hex: "1008 7061 7373 776f 7264 0673 6563 7265 74", kind: .literalNeverIndexed, tableSizeAfter: 0),
        Single(
            section: "C.2.4", field: HTTPField(":method", "GET"), indexing: .incremental, hex: "82", kind: .indexed,
            tableSizeAfter: 0),
    ]

    @Test(arguments: singles)
    func singleRepresentationsMatchTheRFC(_ single: Single) throws {
        var encoder = HPACKEncoder(huffman: false)
        let encoded = encoder.encode([(single.field, single.indexing)])
        #expect(encoded.bytes.bytes == Hex.bytes(single.hex))
        #expect(encoded.representations.map(\.kind) == [single.kind])
        #expect(encoder.table.size == single.tableSizeAfter)

        var decoder = HPACKDecoder()
        let decoded = try decoder.decode(Hex.bytes(single.hex)!)
        #expect(decoded.fields == [single.field])
        #expect(decoded.representations.map(\.kind) == [single.kind])
        #expect(decoder.table.size == single.tableSizeAfter)
    }
}
