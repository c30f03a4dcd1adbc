/// A failure to decode an HPACK block: in HTTP/2 every one of them is a connection error of
/// type COMPRESSION_ERROR (RFC 9113 §4.3).
public enum HPACKError: Error, Equatable, Sendable, CustomStringConvertible {
    case truncated(offset: Int)
    case integerOverflow(offset: Int)
    case indexZero(offset: Int)
    case indexOutOfRange(index: Int, tableLength: Int, offset: Int)
    case tableSizeAboveLimit(requested: Int, limit: Int)
    case tableSizeUpdateNotFirst(offset: Int)
    case huffmanEOS
    case huffmanInvalidCode
    case huffmanPaddingTooLong(bits: Int)
    case huffmanPaddingNotOnes

    public var description: String {
        switch self {
        case .truncated(let offset):
            "HPACK block ends in the middle of a representation at byte \(offset)"
        case .integerOverflow(let offset):
            "HPACK integer at byte \(offset) is too large (RFC 7541 §5.1)"
        case .indexZero(let offset):
            "index 0 at byte \(offset) names no entry (RFC 7541 §6.1)"
        case .indexOutOfRange(let index, let length, let offset):
            "index \(index) at byte \(offset) is past the tables (61 static + \(length - 61) dynamic entries)"
        case .tableSizeAboveLimit(let requested, let limit):
            "dynamic table size update to \(requested) exceeds the limit \(limit) (RFC 7541 §6.3)"
        case .tableSizeUpdateNotFirst(let offset):
            "dynamic table size update at byte \(offset) after a field; it must start the block (RFC 7541 §4.2)"
        case .huffmanEOS:
            "Huffman string contains the EOS symbol (RFC 7541 §5.2)"
        case .huffmanInvalidCode:
            "Huffman string contains a bit sequence that is no code (RFC 7541 Appendix B)"
        case .huffmanPaddingTooLong(let bits):
            "Huffman padding of \(bits) bits; at most 7 are allowed (RFC 7541 §5.2)"
        case .huffmanPaddingNotOnes:
            "Huffman padding is not the most significant bits of EOS (all ones) (RFC 7541 §5.2)"
        }
    }
}

/// The 61 entries of HPACK's static table (RFC 7541 Appendix A); index 1 is `entries[0]`.
public enum HPACKStaticTable {
    public static let entries: [HTTPField] = [
        (":authority", ""), (":method", "GET"), (":method", "POST"), (":path", "/"),
        (":path", "/index.html"), (":scheme", "http"), (":scheme", "https"), (":status", "200"),
        (":status", "204"), (":status", "206"), (":status", "304"), (":status", "400"),
        (":status", "404"), (":status", "500"), ("accept-charset", ""),
        ("accept-encoding", "gzip, deflate"), ("accept-language", ""), ("accept-ranges", ""),
        ("accept", ""), ("access-control-allow-origin", ""), ("age", ""), ("allow", ""),
        ("authorization", ""), ("cache-control", ""), ("content-disposition", ""),
        ("content-encoding", ""), ("content-language", ""), ("content-length", ""),
        ("content-location", ""), ("content-range", ""), ("content-type", ""), ("cookie", ""),
        ("date", ""), ("etag", ""), ("expect", ""), ("expires", ""), ("from", ""), ("host", ""),
        ("if-match", ""), ("if-modified-since", ""), ("if-none-match", ""), ("if-range", ""),
        ("if-unmodified-since", ""), ("last-modified", ""), ("link", ""), ("location", ""),
        ("max-forwards", ""), ("proxy-authenticate", ""), ("proxy-authorization", ""), ("range", ""),
        ("referer", ""), ("refresh", ""), ("retry-after", ""), ("server", ""), ("set-cookie", ""),
        ("strict-transport-security", ""), ("transfer-encoding", ""), ("user-agent", ""),
        ("vary", ""), ("via", ""), ("www-authenticate", ""),
    ].map { HTTPField($0.0, $0.1) }

    /// The lowest index whose entry is exactly `field`.
    public static func index(of field: HTTPField) -> Int? {
        entries.firstIndex(of: field).map { $0 + 1 }
    }

    /// The lowest index whose entry has this name.
    public static func index(ofName name: String) -> Int? {
        entries.firstIndex { $0.name == name }.map { $0 + 1 }
    }
}

/// HPACK's dynamic table (RFC 7541 §2.3.2, §4): a FIFO of fields, newest first. Index 62
/// addresses `entries[0]`, the most recently inserted entry.
public struct HPACKDynamicTable: Codable, Sendable, Equatable {
    /// Newest first.
    public private(set) var entries: [HTTPField] = []
    /// The sum of the entries' sizes (§4.1), in octets.
    public private(set) var size = 0
    /// The current maximum size, set by dynamic table size updates (§4.2).
    public private(set) var maximumSize: Int

    public init(maximumSize: Int = 4096) {
        self.maximumSize = maximumSize
    }

    /// The field at an index of the combined address space (§2.3.3), static or dynamic.
    public func field(at index: Int) -> HTTPField? {
        if index >= 1, index <= HPACKStaticTable.entries.count { return HPACKStaticTable.entries[index - 1] }
        let position = index - HPACKStaticTable.entries.count - 1
        return entries.indices.contains(position) ? entries[position] : nil
    }

    /// Adds a field, evicting the oldest entries until it fits (§4.4). A field larger than the
    /// whole table empties it and is not added. Returns the evicted entries, oldest first.
    @discardableResult
    public mutating func insert(_ field: HTTPField) -> [HTTPField] {
        var evicted: [HTTPField] = []
        while !entries.isEmpty, size + field.hpackSize > maximumSize {
            evicted.append(entries.removeLast())
            size -= evicted.last!.hpackSize
        }
        if field.hpackSize <= maximumSize {
            entries.insert(field, at: 0)
            size += field.hpackSize
        }
        return evicted
    }

    /// Sets a new maximum size, evicting until the table fits (§4.3). Returns the evicted entries.
    @discardableResult
    public mutating func resize(to newMaximum: Int) -> [HTTPField] {
        maximumSize = newMaximum
        var evicted: [HTTPField] = []
        while size > maximumSize {
            evicted.append(entries.removeLast())
            size -= evicted.last!.hpackSize
        }
        return evicted
    }

    /// The best match for `field` in both tables: an exact match if any (lowest index), else the
    /// lowest index carrying the name.
    func match(_ field: HTTPField) -> (index: Int, exact: Bool)? {
        if let index = HPACKStaticTable.index(of: field) { return (index, true) }
        if let position = entries.firstIndex(of: field) { return (position + 62, true) }
        if let index = HPACKStaticTable.index(ofName: field.name) { return (index, false) }
        if let position = entries.firstIndex(where: { $0.name == field.name }) { return (position + 62, false) }
        return nil
    }
}
