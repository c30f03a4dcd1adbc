/// Link-layer wire types: MAC addresses, Ethernet II frames and ARP packets.

/// A 48-bit IEEE 802 MAC address, written `02:00:00:aa:00:23`. Encoded in JSON as that text.
public struct MACAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public var octets: [UInt8]

    public init(_ octets: [UInt8]) {
        precondition(octets.count == 6, "a MAC address has six bytes")
        self.octets = octets
    }

    /// Parses `aa:bb:cc:dd:ee:ff`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 6 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard part.count == 2, let value = UInt8(part, radix: 16) else { return nil }
            octets.append(value)
        }
        self.octets = octets
    }

    /// ff:ff:ff:ff:ff:ff: every station on the segment receives it.
    public static let broadcast = MACAddress([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
    /// 00:00:00:00:00:00: "unknown", the target hardware address of an ARP request.
    public static let zero = MACAddress([0, 0, 0, 0, 0, 0])

    public var description: String {
        octets.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = MACAddress(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a MAC address: \(text)"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An Ethernet II frame (IEEE 802.3 §3.2 with an EtherType, RFC 894 for IPv4 over it).
///
/// `bytes()` is the frame as a capture shows it: destination, source, EtherType, payload,
/// zero padding up to the 60-byte minimum. On the wire the 4-byte frame check sequence
/// (`frameCheckSequence`, CRC-32) follows, making the 64-byte minimum; the preamble, start
/// delimiter and inter-frame gap add 20 more byte times.
public struct EthernetFrame: Hashable, Sendable {
    public var destination: MACAddress
    public var source: MACAddress
    public var etherType: UInt16
    public var payload: [UInt8]

    public static let ipv4: UInt16 = 0x0800
    public static let arp: UInt16 = 0x0806
    /// The header: two addresses and the EtherType.
    public static let headerLength = 14
    /// Smallest frame without the FCS; shorter ones are padded.
    public static let minimumLength = 60
    /// The largest payload of a standard frame: the Ethernet MTU.
    public static let mtu = 1500

    public init(destination: MACAddress, source: MACAddress, etherType: UInt16, payload: [UInt8]) {
        self.destination = destination
        self.source = source
        self.etherType = etherType
        self.payload = payload
    }

    public func bytes() -> [UInt8] {
        var out = destination.octets + source.octets
        out.append(UInt8(etherType >> 8))
        out.append(UInt8(etherType & 0xFF))
        out += payload
        if out.count < Self.minimumLength { out += [UInt8](repeating: 0, count: Self.minimumLength - out.count) }
        return out
    }

    /// The CRC-32 of IEEE 802.3 §3.2.9 over `bytes()`, as the four bytes sent after them.
    public var frameCheckSequence: [UInt8] {
        let crc = EthernetFrame.crc32(bytes())
        return [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)]
    }

    /// Reflected CRC-32, polynomial 0x04C11DB7 (the one zlib computes).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// Parses captured bytes (no FCS). Padding stays in the payload: only the layer above
    /// knows its own length.
    public static func parse(_ bytes: [UInt8]) throws -> EthernetFrame {
        guard bytes.count >= headerLength else {
            throw NetWireError.truncated("Ethernet", needed: 14, got: bytes.count)
        }
        return EthernetFrame(
            destination: MACAddress(Array(bytes[0..<6])), source: MACAddress(Array(bytes[6..<12])),
            etherType: UInt16(bytes[12]) << 8 | UInt16(bytes[13]), payload: Array(bytes[14...]))
    }
}

/// An ARP packet for IPv4 over Ethernet (RFC 826): 28 bytes.
public struct ARPPacket: Hashable, Sendable, Codable {
    public enum Operation: UInt16, Codable, Sendable {
        case request = 1
        case reply = 2
    }

    public var operation: Operation
    public var senderHardware: MACAddress
    public var senderProtocol: IPv4Address
    public var targetHardware: MACAddress
    public var targetProtocol: IPv4Address

    public init(
        operation: Operation, senderHardware: MACAddress, senderProtocol: IPv4Address, targetHardware: MACAddress,
        targetProtocol: IPv4Address
    ) {
        self.operation = operation
        self.senderHardware = senderHardware
        self.senderProtocol = senderProtocol
        self.targetHardware = targetHardware
        self.targetProtocol = targetProtocol
    }

    /// A gratuitous ARP announces the sender's own address: sender and target protocol
    /// addresses are equal (RFC 5227 §3).
    public var isGratuitous: Bool { senderProtocol == targetProtocol }

    public func bytes() -> [UInt8] {
        // hrd 1 (Ethernet), pro 0x0800 (IPv4), hln 6, pln 4, op.
        [0, 1, 0x08, 0x00, 6, 4, 0, UInt8(operation.rawValue)] + senderHardware.octets + senderProtocol.octets
            + targetHardware.octets + targetProtocol.octets
    }

    public static func parse(_ bytes: [UInt8]) throws -> ARPPacket {
        guard bytes.count >= 28 else { throw NetWireError.truncated("ARP", needed: 28, got: bytes.count) }
        guard bytes[0..<6].elementsEqual([0, 1, 0x08, 0x00, 6, 4]) else {
            throw NetWireError.invalid("ARP", "not IPv4 over Ethernet")
        }
        guard let operation = Operation(rawValue: UInt16(bytes[6]) << 8 | UInt16(bytes[7])) else {
            throw NetWireError.invalid("ARP", "operation \(bytes[7])")
        }
        func ip(_ at: Int) -> IPv4Address { IPv4Address(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]) }
        return ARPPacket(
            operation: operation, senderHardware: MACAddress(Array(bytes[8..<14])), senderProtocol: ip(14),
            targetHardware: MACAddress(Array(bytes[18..<24])), targetProtocol: ip(24))
    }

    /// tcpdump's wording: `who-has 192.168.1.1 tell 192.168.1.23`, `192.168.1.1 is-at ...`.
    public var summary: String {
        switch operation {
        case .request where isGratuitous: "gratuitous: \(senderProtocol) is-at \(senderHardware)"
        case .request: "who-has \(targetProtocol) tell \(senderProtocol)"
        case .reply: "\(senderProtocol) is-at \(senderHardware)"
        }
    }
}

/// Why bytes did not parse as a link-layer header.
public enum NetWireError: Error, Equatable, CustomStringConvertible {
    case truncated(String, needed: Int, got: Int)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .truncated(let header, let needed, let got): "\(header) header needs \(needed) bytes, got \(got)"
        case .invalid(let header, let why): "invalid \(header) packet: \(why)"
        }
    }
}
