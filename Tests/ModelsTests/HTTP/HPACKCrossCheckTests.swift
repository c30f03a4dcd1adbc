import Basics
import NIOCore
import NIOHPACK
import Testing

@testable import Demos
@testable import Models

/// Our HPACK against SwiftNIO's, an implementation written independently: whatever one encodes
/// the other must decode to the same list, block after block, so that both dynamic tables
/// stay in step (evictions included).
struct HPACKCrossCheckTests {
    /// A random header list: names from the static table and made up, values of every length
    /// class (empty, one octet, past the 127 that needs a second length octet), a little UTF-8.
    static func randomHeaders(_ random: inout SplitMix64) -> [HTTPField] {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-_.;=/ ,%ABCXYZé")
        func text(_ length: Int) -> String {
            String((0..<length).map { _ in alphabet.randomElement(using: &random)! })
        }
        let count = Int.random(in: 1...12, using: &random)
        return (0..<count).map { _ in
            let name =
                Bool.random(using: &random)
                ? HPACKStaticTable.entries.randomElement(using: &random)!.name
                : "x-" + text(Int.random(in: 1...10, using: &random)).lowercased().filter { $0 != " " && $0 != "é" }
            let reuse = Int.random(in: 0..<4, using: &random) == 0
            let length = [0, 1, 5, 30, 130].randomElement(using: &random)!
            return HTTPField(name, reuse ? "same" : text(length))
        }
    }

    @Test(arguments: [(UInt64(1), 4096, true), (2, 4096, false), (3, 256, true), (4, 100, false)])
    func niohpackDecodesWhatWeEncode(seed: UInt64, tableSize: Int, huffman: Bool) throws {
        var random = SplitMix64(seed: seed)
        var ours = Models.HPACKEncoder(maximumTableSize: tableSize, huffman: huffman)
        var theirs = NIOHPACK.HPACKDecoder(allocator: ByteBufferAllocator(), maxDynamicTableSize: tableSize)
        for _ in 0..<40 {
            let headers = Self.randomHeaders(&random)
            var buffer = ByteBuffer(bytes: ours.encode(headers).bytes.bytes)
            let decoded = try theirs.decodeHeaders(from: &buffer)
            #expect(decoded.map { HTTPField($0.name, $0.value) } == headers)
        }
    }

    @Test(arguments: [(UInt64(5), 4096, true), (6, 4096, false), (7, 256, true), (8, 100, true)])
    func weDecodeWhatNIOHPACKEncodes(seed: UInt64, tableSize: Int, huffman: Bool) throws {
        var random = SplitMix64(seed: seed)
        var theirs = NIOHPACK.HPACKEncoder(
            allocator: ByteBufferAllocator(), useHuffmanEncoding: huffman, maxDynamicTableSize: tableSize)
        var ours = Models.HPACKDecoder(maximumTableSize: tableSize)
        for _ in 0..<40 {
            let headers = Self.randomHeaders(&random)
            var buffer = ByteBuffer()
            try theirs.encode(headers: HPACKHeaders(headers.map { ($0.name, $0.value) }), to: &buffer)
            let decoded = try ours.decode(Array(buffer.readableBytesView))
            #expect(decoded.fields == headers)
        }
    }

    @Test func sensitiveFieldsStayNeverIndexedThroughNIOHPACK() throws {
        var ours = Models.HPACKEncoder()
        let block = ours.encode([(HTTPField("authorization", "Bearer abc"), .never)])
        var buffer = ByteBuffer(bytes: block.bytes.bytes)
        var theirs = NIOHPACK.HPACKDecoder(allocator: ByteBufferAllocator())
        let decoded = try theirs.decodeHeaders(from: &buffer)
        #expect(decoded.map(\.indexable) == [NIOHPACK.HPACKIndexing.neverIndexed])
        #expect(ours.table.entries.isEmpty)
    }
}
