/// How a field may enter the dynamic table, chosen by the encoder (RFC 7541 §6.2).
public enum HPACKIndexing: String, Codable, Sendable, CaseIterable {
    /// Literal with incremental indexing (§6.2.1): the field is added to the dynamic table.
    case incremental
    /// Literal without indexing (§6.2.2): the table is left alone.
    case withoutIndexing = "without-indexing"
    /// Literal never indexed (§6.2.3): no intermediary may index it either (secrets, cookies).
    case never
}

/// One representation in a header block, as an encoder wrote it or a decoder read it.
public struct HPACKRepresentation: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// §6.1: `1xxxxxxx`, the whole field by index.
        case indexed
        /// §6.2.1: `01xxxxxx`.
        case literalIncremental = "literal-incremental"
        /// §6.2.2: `0000xxxx`.
        case literalWithoutIndexing = "literal-without-indexing"
        /// §6.2.3: `0001xxxx`.
        case literalNeverIndexed = "literal-never-indexed"
        /// §6.3: `001xxxxx`.
        case tableSizeUpdate = "table-size-update"
    }

    public var kind: Kind
    /// The field; nil for a table size update.
    public var field: HTTPField?
    /// The index of the field (indexed) or of its name (literal); nil for a literal name.
    public var index: Int?
    /// The new maximum size of a table size update.
    public var newSize: Int?
    /// Whether the name and value strings were Huffman-coded (literals only).
    public var huffmanName: Bool?
    public var huffmanValue: Bool?
    /// The octets of this representation.
    public var bytes: HTTPBytes
    /// Entries the representation evicted from the dynamic table, oldest first.
    public var evicted: [HTTPField]

    /// A short label for a rendering: `idx 2`, `lit+idx n24 H`, `never n32`, `size 256`.
    /// `n24` is the index of the name, `new` a literal name, `H` a Huffman-coded string.
    public var label: String {
        let huffman = (huffmanName ?? false) || (huffmanValue ?? false) ? " H" : ""
        let name = index.map { "n\($0)" } ?? "new"
        switch kind {
        case .indexed: return "idx \(index ?? 0)"
        case .tableSizeUpdate: return "size \(newSize ?? 0)"
        case .literalIncremental: return "lit+idx \(name)\(huffman)"
        case .literalWithoutIndexing: return "lit \(name)\(huffman)"
        case .literalNeverIndexed: return "never \(name)\(huffman)"
        }
    }
}

/// HPACK's integer representation with an N-bit prefix (RFC 7541 §5.1).
enum HPACKInteger {
    /// Appends `value` with `prefixBits` bits in the first octet; `flags` fills the rest of it.
    static func encode(_ value: Int, prefixBits: Int, flags: UInt8, into out: inout [UInt8]) {
        let limit = (1 << prefixBits) - 1
        if value < limit {
            out.append(flags | UInt8(value))
            return
        }
        out.append(flags | UInt8(limit))
        var rest = value - limit
        while rest >= 128 {
            out.append(UInt8(rest & 0x7f) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    /// Reads an integer whose prefix starts at `bytes[offset]`; advances `offset` past it.
    /// Values above 2^28 are refused, as no table or string needs more.
    static func decode(_ bytes: [UInt8], prefixBits: Int, offset: inout Int) throws(HPACKError) -> Int {
        let start = offset
        guard offset < bytes.count else { throw .truncated(offset: start) }
        let limit = (1 << prefixBits) - 1
        var value = Int(bytes[offset]) & limit
        offset += 1
        if value < limit { return value }
        var shift = 0
        while true {
            guard offset < bytes.count else { throw .truncated(offset: start) }
            // Past 2^28 no more octets can be needed (and a shift near 64 would overflow).
            guard shift <= 28 else { throw .integerOverflow(offset: start) }
            let byte = bytes[offset]
            offset += 1
            value += Int(byte & 0x7f) << shift
            if value > 1 << 28 { throw .integerOverflow(offset: start) }
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }
}

/// HPACK's string literal (RFC 7541 §5.2): an H bit, a 7-bit-prefix length, the octets.
enum HPACKString {
    static func encode(_ text: String, huffman: Bool, into out: inout [UInt8]) -> Bool {
        let raw = Array(text.utf8)
        if huffman, HPACKHuffman.encodedLength(raw) <= raw.count {
            let coded = HPACKHuffman.encode(raw)
            HPACKInteger.encode(coded.count, prefixBits: 7, flags: 0x80, into: &out)
            out += coded
            return true
        }
        HPACKInteger.encode(raw.count, prefixBits: 7, flags: 0, into: &out)
        out += raw
        return false
    }

    static func decode(_ bytes: [UInt8], offset: inout Int) throws(HPACKError) -> (text: String, huffman: Bool) {
        let start = offset
        guard offset < bytes.count else { throw .truncated(offset: start) }
        let huffman = bytes[offset] & 0x80 != 0
        let length = try HPACKInteger.decode(bytes, prefixBits: 7, offset: &offset)
        guard length <= bytes.count - offset else { throw .truncated(offset: start) }
        let octets = bytes[offset..<offset + length]
        offset += length
        let text = huffman ? try HPACKHuffman.decode(octets) : Array(octets)
        return (String(decoding: text, as: UTF8.self), huffman)
    }
}
