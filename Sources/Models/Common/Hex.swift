/// Hex text for wire bytes: how every model writes bytes into JSON traces (lowercase, no
/// separators) and reads the RFCs' examples back (`8286 8441`, spaces and line breaks allowed).
package enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    package static func string<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of hex text, ignoring spaces and line breaks; nil for an odd number of digits or
    /// anything that is not a hex digit.
    static func bytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        for character in text.utf8 where character != UInt8(ascii: " ") && character != UInt8(ascii: "\n") {
            guard let nibble = nibble(character) else { return nil }
            if let pending = high {
                bytes.append(pending << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return high == nil ? bytes : nil
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Array where Element == UInt8 {
    /// Lower-case hex without separators, as the `bytes` fields of `--json` carry wire data.
    public var hexString: String { Hex.string(self) }

    /// Parses hex (`"4500003c"`); spaces are ignored. Nil for an odd count or a non-hex digit.
    public init?(hexString: String) {
        guard let bytes = Hex.bytes(hexString) else { return nil }
        self = bytes
    }
}
