/// The control bits of a TCP header (RFC 9293 §3.1; CWR and ECE from RFC 3168).
///
/// Encoded in JSON as an array of names in wire order, e.g. `["SYN", "ACK"]`.
public struct TCPFlags: OptionSet, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let rst = TCPFlags(rawValue: 0x04)
    public static let psh = TCPFlags(rawValue: 0x08)
    public static let ack = TCPFlags(rawValue: 0x10)
    public static let urg = TCPFlags(rawValue: 0x20)
    public static let ece = TCPFlags(rawValue: 0x40)
    public static let cwr = TCPFlags(rawValue: 0x80)

    private static let named: [(TCPFlags, String)] = [
        (.syn, "SYN"), (.fin, "FIN"), (.rst, "RST"), (.psh, "PSH"), (.ack, "ACK"), (.urg, "URG"), (.ece, "ECE"), (.cwr, "CWR"),
    ]

    /// The names of the bits set, SYN and FIN first as people say them: `["SYN", "ACK"]`.
    public var names: [String] {
        Self.named.filter { contains($0.0) }.map(\.1)
    }

    /// `SYN+ACK`, or `-` for none.
    public var description: String {
        names.isEmpty ? "-" : names.joined(separator: "+")
    }

    public init(from decoder: any Decoder) throws {
        let names = try decoder.singleValueContainer().decode([String].self)
        var flags = TCPFlags()
        for name in names {
            guard let (flag, _) = Self.named.first(where: { $0.1 == name.uppercased() }) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no TCP flag \(name)"))
            }
            flags.insert(flag)
        }
        self = flags
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(names)
    }
}

/// A TCP option (RFC 9293 §3.2; window scale and timestamps from RFC 7323, SACK from RFC 2018).
public enum TCPOption: Hashable, Sendable, Codable {
    /// Kind 0: end of the option list.
    case endOfOptionList
    /// Kind 1: padding between options.
    case noOperation
    /// Kind 2: the largest segment payload, in bytes, the sender of this SYN can receive.
    case maximumSegmentSize(UInt16)
    /// Kind 3: the window's shift count (RFC 7323 §2).
    case windowScale(UInt8)
    /// Kind 4: selective acknowledgements may be used (RFC 2018).
    case sackPermitted
    /// Kind 5: received blocks as (left edge, right edge) sequence numbers (RFC 2018).
    case sack([SACKBlock])
    /// Kind 8: TSval and TSecr (RFC 7323 §3).
    case timestamps(value: UInt32, echoReply: UInt32)
    /// Any other kind, with the data after kind and length.
    case unknown(kind: UInt8, data: [UInt8])

    /// One SACK block: the sequence numbers of its first byte and of the byte after its last.
    public struct SACKBlock: Hashable, Sendable, Codable {
        public var left: UInt32
        public var right: UInt32
        public init(left: UInt32, right: UInt32) {
            self.left = left
            self.right = right
        }
    }

    /// The option's bytes: kind, length (except for kinds 0 and 1), data.
    public var bytes: [UInt8] {
        switch self {
        case .endOfOptionList: return [0]
        case .noOperation: return [1]
        case .maximumSegmentSize(let mss): return [2, 4] + mss.bigEndianBytes
        case .windowScale(let shift): return [3, 3, shift]
        case .sackPermitted: return [4, 2]
        case .sack(let blocks):
            return [5, UInt8(2 + 8 * blocks.count)] + blocks.flatMap { $0.left.bigEndianBytes + $0.right.bigEndianBytes }
        case .timestamps(let value, let echoReply): return [8, 10] + value.bigEndianBytes + echoReply.bigEndianBytes
        case .unknown(let kind, let data): return [kind, UInt8(2 + data.count)] + data
        }
    }

    /// Parses the options area of a header.
    static func parseList(_ bytes: [UInt8]) throws -> [TCPOption] {
        var options: [TCPOption] = []
        var index = 0
        func readUInt32(_ at: Int) -> UInt32 {
            bytes[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        while index < bytes.count {
            let kind = bytes[index]
            if kind == 0 {
                options.append(.endOfOptionList)
                break
            }
            if kind == 1 {
                options.append(.noOperation)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { throw WireError.truncated(header: "TCP option", needed: 2, got: 1) }
            let length = Int(bytes[index + 1])
            guard length >= 2, index + length <= bytes.count else {
                throw WireError.invalid(header: "TCP option \(kind)", field: "length", value: length)
            }
            let data = Array(bytes[(index + 2)..<(index + length)])
            switch (kind, length) {
            case (2, 4): options.append(.maximumSegmentSize(UInt16(data[0]) << 8 | UInt16(data[1])))
            case (3, 3): options.append(.windowScale(data[0]))
            case (4, 2): options.append(.sackPermitted)
            case (5, _) where (length - 2) % 8 == 0:
                let blocks = stride(from: index + 2, to: index + length, by: 8).map {
                    SACKBlock(left: readUInt32($0), right: readUInt32($0 + 4))
                }
                options.append(.sack(blocks))
            case (8, 10): options.append(.timestamps(value: readUInt32(index + 2), echoReply: readUInt32(index + 6)))
            default: options.append(.unknown(kind: kind, data: data))
            }
            index += length
        }
        return options
    }
}

/// A TCP header (RFC 9293 §3.1) that serialises to its exact wire bytes.
///
/// The checksum covers a pseudo-header of the IP addresses, so it is computed when the header
/// is serialised together with its payload and addresses (`segmentBytes`), never stored.
public struct TCPHeader: Hashable, Sendable, Codable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    /// The sequence number of the first data byte (or of the SYN or FIN itself).
    public var sequenceNumber: UInt32
    /// The next sequence number the sender expects to receive; meaningful when ACK is set.
    public var acknowledgmentNumber: UInt32
    public var flags: TCPFlags
    /// The receive window, in bytes (before any window scaling).
    public var window: UInt16
    /// Offset of the byte after urgent data; meaningful when URG is set.
    public var urgentPointer: UInt16
    public var options: [TCPOption]

    public init(
        sourcePort: UInt16, destinationPort: UInt16, sequenceNumber: UInt32, acknowledgmentNumber: UInt32 = 0,
        flags: TCPFlags, window: UInt16 = 65535, urgentPointer: UInt16 = 0, options: [TCPOption] = []
    ) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.sequenceNumber = sequenceNumber
        self.acknowledgmentNumber = acknowledgmentNumber
        self.flags = flags
        self.window = window
        self.urgentPointer = urgentPointer
        self.options = options
    }

    private var optionBytes: [UInt8] {
        var bytes = options.flatMap(\.bytes)
        while bytes.count % 4 != 0 { bytes.append(0) }
        precondition(bytes.count <= 40, "TCP options are at most 40 bytes")
        return bytes
    }

    /// The data offset: the header's length in 32-bit words (5 to 15).
    public var dataOffset: UInt8 {
        UInt8(5 + optionBytes.count / 4)
    }

    /// The header's length in bytes, options and padding included.
    public var headerLength: Int {
        Int(dataOffset) * 4
    }

    /// The header's bytes with the checksum field set to `checksum`.
    public func bytes(checksum: UInt16) -> [UInt8] {
        var out: [UInt8] = []
        out.append(contentsOf: sourcePort.bigEndianBytes)
        out.append(contentsOf: destinationPort.bigEndianBytes)
        out.append(contentsOf: sequenceNumber.bigEndianBytes)
        out.append(contentsOf: acknowledgmentNumber.bigEndianBytes)
        out.append(dataOffset << 4)
        out.append(flags.rawValue)
        out.append(contentsOf: window.bigEndianBytes)
        out.append(contentsOf: checksum.bigEndianBytes)
        out.append(contentsOf: urgentPointer.bigEndianBytes)
        out.append(contentsOf: optionBytes)
        return out
    }

    /// The checksum over the IPv4 pseudo-header, this header and `payload` (RFC 9293 §3.1).
    public func checksum(payload: [UInt8], source: IPv4Address, destination: IPv4Address) -> UInt16 {
        InternetChecksum.transportChecksum(
            source: source, destination: destination, protocolNumber: IPv4Header.tcp, segment: bytes(checksum: 0) + payload)
    }

    /// The whole segment, header and payload, with a correct checksum.
    public func segmentBytes(payload: [UInt8], source: IPv4Address, destination: IPv4Address) -> [UInt8] {
        bytes(checksum: checksum(payload: payload, source: source, destination: destination)) + payload
    }

    /// Parses a segment; returns the header, the payload and the checksum found on the wire.
    public static func parse(_ bytes: [UInt8]) throws -> (header: TCPHeader, payload: [UInt8], checksum: UInt16) {
        guard bytes.count >= 20 else { throw WireError.truncated(header: "TCP", needed: 20, got: bytes.count) }
        let offset = Int(bytes[12] >> 4)
        guard offset >= 5 else { throw WireError.invalid(header: "TCP", field: "data offset", value: offset) }
        guard bytes.count >= offset * 4 else { throw WireError.truncated(header: "TCP", needed: offset * 4, got: bytes.count) }
        func word(_ at: Int) -> UInt16 { UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]) }
        func long(_ at: Int) -> UInt32 { UInt32(word(at)) << 16 | UInt32(word(at + 2)) }
        var options = try TCPOption.parseList(Array(bytes[20..<(offset * 4)]))
        // Zero padding after the last option reads back as end-of-list; drop it so a header
        // round-trips.
        if options.last == .endOfOptionList { options.removeLast() }
        let header = TCPHeader(
            sourcePort: word(0), destinationPort: word(2), sequenceNumber: long(4), acknowledgmentNumber: long(8),
            flags: TCPFlags(rawValue: bytes[13]), window: word(14), urgentPointer: word(18), options: options)
        return (header, Array(bytes[(offset * 4)...]), word(16))
    }
}

/// A TCP segment in an IPv4 datagram: what one arrow of a ladder diagram carries.
public struct TCPSegment: Hashable, Sendable, Codable {
    public var source: IPv4Address
    public var destination: IPv4Address
    public var tcp: TCPHeader
    public var payload: [UInt8]
    /// The IP identification field.
    public var identification: UInt16
    public var timeToLive: UInt8

    public init(
        source: IPv4Address, destination: IPv4Address, tcp: TCPHeader, payload: [UInt8] = [],
        identification: UInt16 = 0, timeToLive: UInt8 = 64
    ) {
        self.source = source
        self.destination = destination
        self.tcp = tcp
        self.payload = payload
        self.identification = identification
        self.timeToLive = timeToLive
    }

    /// The IPv4 header this segment travels in.
    public var ipHeader: IPv4Header {
        IPv4Header(
            source: source, destination: destination, protocolNumber: IPv4Header.tcp,
            payloadLength: tcp.headerLength + payload.count, identification: identification, timeToLive: timeToLive)
    }

    /// The TCP segment alone (header and payload) with a correct checksum.
    public var segmentBytes: [UInt8] {
        tcp.segmentBytes(payload: payload, source: source, destination: destination)
    }

    /// The whole IPv4 datagram, both checksums correct.
    public var datagramBytes: [UInt8] {
        ipHeader.bytes() + segmentBytes
    }

    /// The sequence space the segment occupies: its data plus one for SYN and one for FIN.
    public var sequenceLength: UInt32 {
        UInt32(payload.count) + (tcp.flags.contains(.syn) ? 1 : 0) + (tcp.flags.contains(.fin) ? 1 : 0)
    }

    /// Parses an IPv4 datagram carrying TCP; throws when either checksum is wrong.
    public init(datagram bytes: [UInt8]) throws {
        let (ip, ipChecksum) = try IPv4Header.parse(bytes)
        guard ip.protocolNumber == IPv4Header.tcp else {
            throw WireError.invalid(header: "IPv4", field: "protocol", value: Int(ip.protocolNumber))
        }
        guard InternetChecksum.verifies(Array(bytes[0..<ip.headerLength])) else {
            throw WireError.invalid(header: "IPv4", field: "checksum", value: Int(ipChecksum))
        }
        guard Int(ip.totalLength) <= bytes.count, Int(ip.totalLength) >= ip.headerLength + 20 else {
            throw WireError.invalid(header: "IPv4", field: "total length", value: Int(ip.totalLength))
        }
        let segment = Array(bytes[ip.headerLength..<Int(ip.totalLength)])
        let (tcp, payload, tcpChecksum) = try TCPHeader.parse(segment)
        let pseudo = InternetChecksum.pseudoHeader(
            source: ip.source, destination: ip.destination, protocolNumber: IPv4Header.tcp, length: segment.count)
        guard InternetChecksum.verifies(pseudo + segment) else {
            throw WireError.invalid(header: "TCP", field: "checksum", value: Int(tcpChecksum))
        }
        self.init(
            source: ip.source, destination: ip.destination, tcp: tcp, payload: payload,
            identification: ip.identification, timeToLive: ip.timeToLive)
    }
}
