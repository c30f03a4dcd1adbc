/// An IPv4 header (RFC 791 §3.1) that serialises to its exact wire bytes.
///
/// The header checksum (RFC 791, computed as in RFC 1071) is not stored: `bytes()` computes it
/// over the header as serialised, so changing a field can never leave a stale checksum.
public struct IPv4Header: Hashable, Sendable, Codable {
    /// Differentiated Services code point (RFC 2474), the upper six bits of the old TOS byte.
    public var dscp: UInt8
    /// Explicit Congestion Notification (RFC 3168), the lower two bits of the old TOS byte.
    public var ecn: UInt8
    /// The whole datagram's length in bytes: this header, options included, plus its payload.
    public var totalLength: UInt16
    /// Identifies the fragments of one datagram.
    public var identification: UInt16
    /// DF: this datagram must not be fragmented.
    public var dontFragment: Bool
    /// MF: more fragments follow this one.
    public var moreFragments: Bool
    /// Where this fragment's data starts, in units of 8 bytes (13 bits).
    public var fragmentOffset: UInt16
    /// Time to live: hops left before a router discards the datagram.
    public var timeToLive: UInt8
    /// The payload's protocol (IANA numbers): 1 ICMP, 6 TCP, 17 UDP.
    public var protocolNumber: UInt8
    public var source: IPv4Address
    public var destination: IPv4Address
    /// Option bytes as they appear on the wire; `bytes()` pads them with zeros (end of option
    /// list) to a multiple of four.
    public var options: [UInt8]

    /// IANA protocol number of TCP.
    public static let tcp: UInt8 = 6
    /// IANA protocol number of UDP.
    public static let udp: UInt8 = 17
    /// IANA protocol number of ICMP.
    public static let icmp: UInt8 = 1

    public init(
        source: IPv4Address, destination: IPv4Address, protocolNumber: UInt8, payloadLength: Int,
        identification: UInt16 = 0, timeToLive: UInt8 = 64, dontFragment: Bool = true,
        moreFragments: Bool = false, fragmentOffset: UInt16 = 0, dscp: UInt8 = 0, ecn: UInt8 = 0,
        options: [UInt8] = []
    ) {
        self.dscp = dscp
        self.ecn = ecn
        self.identification = identification
        self.dontFragment = dontFragment
        self.moreFragments = moreFragments
        self.fragmentOffset = fragmentOffset
        self.timeToLive = timeToLive
        self.protocolNumber = protocolNumber
        self.source = source
        self.destination = destination
        self.options = options
        let headerLength = 20 + (options.count + 3) / 4 * 4
        precondition(headerLength <= 60, "IPv4 options are at most 40 bytes")
        precondition(headerLength + payloadLength <= 0xFFFF, "an IPv4 datagram is at most 65535 bytes")
        self.totalLength = UInt16(headerLength + payloadLength)
    }

    /// IHL: the header's length in 32-bit words (5 to 15).
    public var internetHeaderLength: UInt8 {
        UInt8(5 + (options.count + 3) / 4)
    }

    /// The header's length in bytes, options and padding included.
    public var headerLength: Int {
        Int(internetHeaderLength) * 4
    }

    /// The header checksum field's value for the current fields.
    public var checksum: UInt16 {
        InternetChecksum.checksum(bytes(checksum: 0))
    }

    /// The header's bytes with a correct checksum.
    public func bytes() -> [UInt8] {
        bytes(checksum: checksum)
    }

    /// The header's bytes with the checksum field set to `checksum` (0 to compute one).
    public func bytes(checksum: UInt16) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(headerLength)
        out.append(0x40 | internetHeaderLength)
        out.append(dscp << 2 | (ecn & 0x03))
        out.append(contentsOf: totalLength.bigEndianBytes)
        out.append(contentsOf: identification.bigEndianBytes)
        let flagsAndOffset = (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | (fragmentOffset & 0x1FFF)
        out.append(contentsOf: UInt16(flagsAndOffset).bigEndianBytes)
        out.append(timeToLive)
        out.append(protocolNumber)
        out.append(contentsOf: checksum.bigEndianBytes)
        out.append(contentsOf: source.octets)
        out.append(contentsOf: destination.octets)
        out.append(contentsOf: options)
        while out.count < headerLength { out.append(0) }
        return out
    }

    /// Parses a header from the start of `bytes`; also returns the checksum found on the wire.
    public static func parse(_ bytes: [UInt8]) throws -> (header: IPv4Header, checksum: UInt16) {
        guard bytes.count >= 20 else { throw WireError.truncated(header: "IPv4", needed: 20, got: bytes.count) }
        guard bytes[0] >> 4 == 4 else { throw WireError.invalid(header: "IPv4", field: "version", value: Int(bytes[0] >> 4)) }
        let ihl = Int(bytes[0] & 0x0F)
        guard ihl >= 5 else { throw WireError.invalid(header: "IPv4", field: "IHL", value: ihl) }
        guard bytes.count >= ihl * 4 else { throw WireError.truncated(header: "IPv4", needed: ihl * 4, got: bytes.count) }
        let flagsAndOffset = UInt16(bytes[6]) << 8 | UInt16(bytes[7])
        var header = IPv4Header(
            source: IPv4Address(bytes[12], bytes[13], bytes[14], bytes[15]),
            destination: IPv4Address(bytes[16], bytes[17], bytes[18], bytes[19]),
            protocolNumber: bytes[9], payloadLength: 0,
            identification: UInt16(bytes[4]) << 8 | UInt16(bytes[5]), timeToLive: bytes[8],
            dontFragment: flagsAndOffset & 0x4000 != 0, moreFragments: flagsAndOffset & 0x2000 != 0,
            fragmentOffset: flagsAndOffset & 0x1FFF, dscp: bytes[1] >> 2, ecn: bytes[1] & 0x03,
            options: Array(bytes[20..<(ihl * 4)])
        )
        header.totalLength = UInt16(bytes[2]) << 8 | UInt16(bytes[3])
        return (header, UInt16(bytes[10]) << 8 | UInt16(bytes[11]))
    }
}

extension UInt16 {
    /// The two bytes in network order.
    var bigEndianBytes: [UInt8] { [UInt8(self >> 8), UInt8(self & 0xFF)] }
}

extension UInt32 {
    /// The four bytes in network order.
    var bigEndianBytes: [UInt8] {
        [UInt8(self >> 24), UInt8(self >> 16 & 0xFF), UInt8(self >> 8 & 0xFF), UInt8(self & 0xFF)]
    }
}
