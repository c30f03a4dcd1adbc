/// Bytes on the wire, written to JSON as one lowercase hex string (`"bytes": "8286"`) so that any
/// independent decoder can read a trace without knowing netprep's types.
public struct HTTPBytes: Codable, Sendable, Hashable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let bytes = Hex.bytes(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not hex: \(text)"))
        }
        self.bytes = bytes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    public var hex: String { Hex.string(bytes) }
    public var description: String { hex }
}

/// A header field: a name and a value (RFC 9110 §5; RFC 7541 §1.3 calls it a header field too).
/// Names are kept as given; HTTP/2 requires them in lowercase (RFC 9113 §8.2.1).
public struct HTTPField: Codable, Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// The size an entry of this field takes in an HPACK dynamic table: the octets of name and
    /// value plus 32 for the entry's overhead (RFC 7541 §4.1).
    public var hpackSize: Int { name.utf8.count + value.utf8.count + 32 }

    public var description: String { "\(name): \(value)" }
}
