/// The Internet checksum of RFC 1071, as IPv4 (RFC 791), TCP (RFC 9293 §3.1) and UDP use it.
///
/// The data is read as big-endian 16-bit words (an odd last byte is padded with a zero byte on
/// the right); the words are added in one's-complement arithmetic, that is with every carry out
/// of bit 15 added back in at bit 0; the checksum is the one's complement of that sum. A
/// receiver that sums the same data with the checksum in place gets 0xFFFF.
public enum InternetChecksum {
    /// The 16-bit words the checksum adds, big-endian, the last one padded with a zero byte
    /// when the data has an odd length.
    public static func words(_ bytes: [UInt8]) -> [UInt16] {
        stride(from: 0, to: bytes.count, by: 2).map { index in
            let high = UInt16(bytes[index]) << 8
            let low = index + 1 < bytes.count ? UInt16(bytes[index + 1]) : 0
            return high | low
        }
    }

    /// The one's-complement sum of `words`, with carries folded back in (not yet complemented).
    /// - Complexity: O(n) in the number of words.
    public static func onesComplementSum(_ words: [UInt16], startingAt initial: UInt16 = 0) -> UInt16 {
        var sum = UInt32(initial)
        for word in words {
            sum += UInt32(word)
            sum = (sum & 0xFFFF) + (sum >> 16)
        }
        return UInt16(sum)
    }

    /// The checksum field's value for `bytes` (whose checksum field is zero): `~sum`.
    public static func checksum(_ bytes: [UInt8]) -> UInt16 {
        ~onesComplementSum(words(bytes))
    }

    /// Whether `bytes`, checksum field included, sum to 0xFFFF as a receiver checks it.
    public static func verifies(_ bytes: [UInt8]) -> Bool {
        onesComplementSum(words(bytes)) == 0xFFFF
    }

    /// The 12-byte IPv4 pseudo-header TCP and UDP checksums cover (RFC 9293 §3.1): source and
    /// destination address, a zero byte, the protocol number and the segment's length in bytes
    /// (header plus data).
    public static func pseudoHeader(
        source: IPv4Address, destination: IPv4Address, protocolNumber: UInt8, length: Int
    ) -> [UInt8] {
        precondition((0...0xFFFF).contains(length), "a segment is at most 65535 bytes")
        return source.octets + destination.octets + [0, protocolNumber, UInt8(length >> 8), UInt8(length & 0xFF)]
    }

    /// The checksum of a TCP or UDP segment over the pseudo-header and the segment, whose
    /// checksum field must be zero.
    public static func transportChecksum(
        source: IPv4Address, destination: IPv4Address, protocolNumber: UInt8, segment: [UInt8]
    ) -> UInt16 {
        checksum(
            pseudoHeader(source: source, destination: destination, protocolNumber: protocolNumber, length: segment.count)
                + segment)
    }
}
