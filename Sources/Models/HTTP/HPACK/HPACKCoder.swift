/// A header block, encoded or decoded, with each representation spelled out.
public struct HPACKBlock: Codable, Sendable, Equatable {
    public var fields: [HTTPField]
    public var representations: [HPACKRepresentation]
    public var bytes: HTTPBytes
}

/// HPACK's encoder (RFC 7541 §3, §6), written to be looked at: its dynamic table is public and
/// every block comes back with the representation chosen for each field.
///
/// Strategy, the one RFC 7541 Appendix C follows: a field found whole in either table is sent as
/// an index; otherwise as a literal whose name is indexed when either table has it, added to the
/// dynamic table unless the caller asks otherwise. With `huffman` on, a string is Huffman-coded
/// when that is not longer than the raw octets.
public struct HPACKEncoder: Sendable {
    public private(set) var table: HPACKDynamicTable
    public var huffman: Bool
    private var pendingSizeUpdates: [Int] = []

    public init(maximumTableSize: Int = 4096, huffman: Bool = true) {
        table = HPACKDynamicTable(maximumSize: maximumTableSize)
        self.huffman = huffman
    }

    /// Changes the table's maximum size; the change is signalled at the start of the next block
    /// (§4.2, §6.3), as the decoder must learn of it before any field that depends on it.
    public mutating func setMaximumTableSize(_ size: Int) {
        pendingSizeUpdates.append(size)
    }

    /// Encodes fields, each added to the dynamic table when sent as a literal.
    public mutating func encode(_ fields: [HTTPField]) -> HPACKBlock {
        encode(fields.map { ($0, HPACKIndexing.incremental) })
    }

    /// Encodes fields, each with its own indexing choice.
    public mutating func encode(_ fields: [(field: HTTPField, indexing: HPACKIndexing)]) -> HPACKBlock {
        var bytes: [UInt8] = []
        var representations: [HPACKRepresentation] = []
        if let smallest = pendingSizeUpdates.min(), let last = pendingSizeUpdates.last {
            // Only the smallest and the final size matter to the decoder (§4.2).
            for size in smallest == last ? [last] : [smallest, last] {
                var octets: [UInt8] = []
                HPACKInteger.encode(size, prefixBits: 5, flags: 0x20, into: &octets)
                let evicted = table.resize(to: size)
                representations.append(
                    HPACKRepresentation(kind: .tableSizeUpdate, newSize: size, bytes: HTTPBytes(octets), evicted: evicted))
                bytes += octets
            }
            pendingSizeUpdates = []
        }
        for (field, indexing) in fields {
            let representation = encode(field, indexing: indexing)
            bytes += representation.bytes.bytes
            representations.append(representation)
        }
        return HPACKBlock(fields: fields.map(\.field), representations: representations, bytes: HTTPBytes(bytes))
    }

    private mutating func encode(_ field: HTTPField, indexing: HPACKIndexing) -> HPACKRepresentation {
        let match = table.match(field)
        var octets: [UInt8] = []
        if let match, match.exact, indexing != .never {
            HPACKInteger.encode(match.index, prefixBits: 7, flags: 0x80, into: &octets)
            return HPACKRepresentation(kind: .indexed, field: field, index: match.index, bytes: HTTPBytes(octets), evicted: [])
        }
        let (kind, prefixBits, flags): (HPACKRepresentation.Kind, Int, UInt8) =
            switch indexing {
            case .incremental: (.literalIncremental, 6, 0x40)
            case .withoutIndexing: (.literalWithoutIndexing, 4, 0x00)
            case .never: (.literalNeverIndexed, 4, 0x10)
            }
        HPACKInteger.encode(match?.index ?? 0, prefixBits: prefixBits, flags: flags, into: &octets)
        var huffmanName: Bool? = nil
        if match == nil {
            huffmanName = HPACKString.encode(field.name, huffman: huffman, into: &octets)
        }
        let huffmanValue = HPACKString.encode(field.value, huffman: huffman, into: &octets)
        let evicted = indexing == .incremental ? table.insert(field) : []
        return HPACKRepresentation(
            kind: kind, field: field, index: match?.index, huffmanName: huffmanName, huffmanValue: huffmanValue,
            bytes: HTTPBytes(octets), evicted: evicted)
    }
}

/// HPACK's decoder (RFC 7541 §3.2, §6). Errors leave the table as it was before the failing
/// representation; in HTTP/2 the connection is then closed anyway (RFC 9113 §4.3).
public struct HPACKDecoder: Sendable {
    public private(set) var table: HPACKDynamicTable
    /// The most the peer may set the table to: our SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2).
    public var maximumTableSizeLimit: Int

    public init(maximumTableSize: Int = 4096) {
        table = HPACKDynamicTable(maximumSize: maximumTableSize)
        maximumTableSizeLimit = maximumTableSize
    }

    public mutating func decode(_ bytes: [UInt8]) throws(HPACKError) -> HPACKBlock {
        var offset = 0
        var fields: [HTTPField] = []
        var representations: [HPACKRepresentation] = []
        while offset < bytes.count {
            let start = offset
            let first = bytes[offset]
            var representation: HPACKRepresentation
            if first & 0x80 != 0 {
                let index = try HPACKInteger.decode(bytes, prefixBits: 7, offset: &offset)
                let field = try lookUp(index, offset: start)
                representation = HPACKRepresentation(
                    kind: .indexed, field: field, index: index, bytes: HTTPBytes([]), evicted: [])
            } else if first & 0xe0 == 0x20 {
                guard fields.isEmpty else { throw .tableSizeUpdateNotFirst(offset: start) }
                let size = try HPACKInteger.decode(bytes, prefixBits: 5, offset: &offset)
                guard size <= maximumTableSizeLimit else {
                    throw .tableSizeAboveLimit(requested: size, limit: maximumTableSizeLimit)
                }
                let evicted = table.resize(to: size)
                representation = HPACKRepresentation(
                    kind: .tableSizeUpdate, newSize: size, bytes: HTTPBytes([]), evicted: evicted)
            } else {
                let (kind, prefixBits): (HPACKRepresentation.Kind, Int) =
                    first & 0x40 != 0
                    ? (.literalIncremental, 6)
                    : first & 0x10 != 0 ? (.literalNeverIndexed, 4) : (.literalWithoutIndexing, 4)
                let nameIndex = try HPACKInteger.decode(bytes, prefixBits: prefixBits, offset: &offset)
                var name: String
                var huffmanName: Bool? = nil
                if nameIndex == 0 {
                    let literal = try HPACKString.decode(bytes, offset: &offset)
                    name = literal.text
                    huffmanName = literal.huffman
                } else {
                    name = try lookUp(nameIndex, offset: start).name
                }
                let value = try HPACKString.decode(bytes, offset: &offset)
                let field = HTTPField(name, value.text)
                let evicted = kind == .literalIncremental ? table.insert(field) : []
                representation = HPACKRepresentation(
                    kind: kind, field: field, index: nameIndex == 0 ? nil : nameIndex, huffmanName: huffmanName,
                    huffmanValue: value.huffman, bytes: HTTPBytes([]), evicted: evicted)
            }
            representation.bytes = HTTPBytes(Array(bytes[start..<offset]))
            if let field = representation.field { fields.append(field) }
            representations.append(representation)
        }
        return HPACKBlock(fields: fields, representations: representations, bytes: HTTPBytes(bytes))
    }

    private func lookUp(_ index: Int, offset: Int) throws(HPACKError) -> HTTPField {
        if index == 0 { throw .indexZero(offset: offset) }
        guard let field = table.field(at: index) else {
            throw .indexOutOfRange(index: index, tableLength: 61 + table.entries.count, offset: offset)
        }
        return field
    }
}
