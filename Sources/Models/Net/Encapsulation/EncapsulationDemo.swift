import Basics

/// One frame of an encapsulated message, built layer by layer.
public struct EncapsulatedFrame: Sendable, Equatable {
    public var http: [UInt8]
    public var tcp: TCPHeader
    public var segment: [UInt8]
    public var ipv4: IPv4Header
    public var packet: [UInt8]
    public var frame: EthernetFrame
}

/// Wraps application bytes as a sending host does (RFC 1122 §1.3.1's layers): the byte
/// stream cut into segments of at most MSS bytes, each given a TCP header (RFC 9293 §3.1), an
/// IPv4 header (RFC 791 §3.1) and an Ethernet II header (RFC 894), checksums computed.
public struct Encapsulator: Sendable {
    public var sourceMAC: MACAddress
    /// The next hop's MAC: the gateway's for a host on another network.
    public var nextHopMAC: MACAddress
    public var source: IPv4Address
    public var destination: IPv4Address
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    /// The first sequence number to send (ISN + 1 after the handshake).
    public var sequenceNumber: UInt32
    public var acknowledgmentNumber: UInt32
    /// The first IP identification value; each datagram takes the next.
    public var identification: UInt16
    /// The link MTU: the largest IPv4 datagram a frame carries.
    public var mtu: Int

    /// The largest TCP payload per segment: the MTU less the IPv4 and TCP headers without
    /// options (RFC 9293 §3.7.1, RFC 879).
    public var mss: Int { mtu - 20 - 20 }

    public func wrap(_ data: [UInt8]) -> [EncapsulatedFrame] {
        var frames: [EncapsulatedFrame] = []
        var offset = 0
        repeat {
            let chunk = Array(data[offset..<min(offset + mss, data.count)])
            let last = offset + chunk.count >= data.count
            let tcp = TCPHeader(
                sourcePort: sourcePort, destinationPort: destinationPort,
                sequenceNumber: sequenceNumber &+ UInt32(offset), acknowledgmentNumber: acknowledgmentNumber,
                flags: last ? [.psh, .ack] : [.ack], window: 64_240)
            let segment = tcp.segmentBytes(payload: chunk, source: source, destination: destination)
            let ipv4 = IPv4Header(
                source: source, destination: destination, protocolNumber: IPv4Header.tcp, payloadLength: segment.count,
                identification: identification &+ UInt16(frames.count), timeToLive: 64, dontFragment: true)
            let packet = ipv4.bytes() + segment
            let frame = EthernetFrame(
                destination: nextHopMAC, source: sourceMAC, etherType: EthernetFrame.ipv4, payload: packet)
            frames.append(
                EncapsulatedFrame(http: chunk, tcp: tcp, segment: segment, ipv4: ipv4, packet: packet, frame: frame))
            offset += chunk.count
        } while offset < data.count
        return frames
    }

    /// The receiver's side: each layer checks its header and hands its payload up; the TCP
    /// payloads, put in sequence order, give back the application bytes.
    public static func unwrap(_ frames: [[UInt8]]) throws -> (data: [UInt8], log: [String]) {
        var pieces: [(UInt32, [UInt8])] = []
        var log: [String] = []
        for (index, bytes) in frames.enumerated() {
            let frame = try EthernetFrame.parse(bytes)
            guard frame.etherType == EthernetFrame.ipv4 else { throw NetWireError.invalid("Ethernet", "not IPv4") }
            let (ip, _) = try IPv4Header.parse(frame.payload)
            let packet = Array(frame.payload[0..<Int(ip.totalLength)])
            guard InternetChecksum.verifies(Array(packet[0..<ip.headerLength])) else {
                throw NetWireError.invalid("IPv4", "header checksum")
            }
            let segmentBytes = Array(packet[ip.headerLength...])
            let (tcp, payload, _) = try TCPHeader.parse(segmentBytes)
            let pseudo = InternetChecksum.pseudoHeader(
                source: ip.source, destination: ip.destination, protocolNumber: ip.protocolNumber,
                length: segmentBytes.count)
            guard InternetChecksum.verifies(pseudo + segmentBytes) else {
                throw NetWireError.invalid("TCP", "checksum")
            }
            let padding = frame.payload.count - packet.count
            log.append(
                "#\(index + 1) Ethernet to \(frame.destination), type 0x0800"
                    + (padding > 0 ? ", \(padding) B padding dropped" : "")
                    + " -> IPv4 \(ip.source) > \(ip.destination) checksum ok -> TCP \(tcp.sourcePort) > "
                    + "\(tcp.destinationPort) seq \(tcp.sequenceNumber) checksum ok -> \(payload.count) B of data")
            pieces.append((tcp.sequenceNumber, payload))
        }
        let data = pieces.sorted { $0.0 < $1.0 }.flatMap(\.1)
        return (data, log)
    }
}

/// One row of the encapsulation trace.
public struct EncapsulationStep: Codable, Sendable, Equatable {
    /// `http` (the application bytes), `frame` (one segment, wrapped) or `unwrap`.
    public var kind: String
    /// 1-based segment number; 0 for the message as a whole.
    public var segment: Int
    public var text: String
    /// Payload bytes at each layer: HTTP data, TCP segment, IPv4 packet, Ethernet frame.
    public var sizes: [String: Int]?
    public var ethernet: EthernetView?
    public var ipv4: IPv4Header?
    public var tcp: TCPHeader?
    /// The application bytes (`http`), or the whole captured frame (`frame`), hex.
    public var bytes: String?
}

/// `net.encapsulation`: an HTTP request wrapped layer by layer and unwrapped again.
public enum EncapsulationDemo: Sendable {
    public struct Parameters: Codable, Sendable, Equatable {
        public var host: String
        public var path: String
        /// Bytes of request body (a POST when nonzero), to show segmentation.
        public var body: Int
        public var mtu: Int

        public init(host: String = "www.example.com", path: String = "/", body: Int = 0, mtu: Int = 1500) {
            self.host = host
            self.path = path
            self.body = body
            self.mtu = mtu
        }
    }

    /// Bytes added by one layer.
    public struct LayerOverhead: Codable, Sendable, Equatable {
        public var layer: String
        /// Header bytes per segment (Ethernet: header and FCS).
        public var perSegment: Int
        public var total: Int
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var httpBytes: Int
        public var segments: Int
        public var mss: Int
        public var mtu: Int
        public var overhead: [LayerOverhead]
        /// Ethernet frames as captured (no FCS), summed.
        public var frameBytes: Int
        /// Byte times on the wire: frames, FCS, preamble and start delimiter (8), inter-frame gap (12).
        public var wireBytes: Int
        /// HTTP bytes / wire bytes.
        public var efficiency: Double
        /// The receiver got back exactly the bytes sent.
        public var roundTrip: Bool
    }

    public static let name = "net.encapsulation"

    package static let client = ARPDemo.hosts[0]
    package static let gateway = ARPDemo.hosts[1]
    package static let server = IPv4Address(198, 51, 100, 7)

    /// The request's bytes (RFC 9112), written by the HTTP model.
    static func request(_ p: Parameters) -> [UInt8] {
        let fields = [HTTPField("Host", p.host), HTTPField("User-Agent", "netprep/1.0"), HTTPField("Accept", "*/*")]
        let body = (0..<p.body).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        let head = HTTP1Head.request(p.body > 0 ? "POST" : "GET", p.path, fields: fields)
        return HTTP1Writer.serialize(head, body: body)
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<
        Parameters, EncapsulationStep, Outcome
    > {
        var random = SplitMix64(seed: seed)
        let data = request(parameters)
        let encapsulator = Encapsulator(
            sourceMAC: client.mac, nextHopMAC: gateway.mac, source: client.ip, destination: server,
            sourcePort: UInt16(49152 + random.next() % 16384), destinationPort: 80,
            sequenceNumber: UInt32(truncatingIfNeeded: random.next()) &+ 1,
            acknowledgmentNumber: UInt32(truncatingIfNeeded: random.next()) &+ 1,
            identification: UInt16(truncatingIfNeeded: random.next()), mtu: parameters.mtu)
        let frames = encapsulator.wrap(data)
        let firstLine = String(decoding: data.prefix { $0 != 13 }, as: UTF8.self)
        var steps = [
            EncapsulationStep(
                kind: "http", segment: 0, text: "\(firstLine) (\(data.count) B)", bytes: Hex.string(data))
        ]
        for (index, frame) in frames.enumerated() {
            let bytes = frame.frame.bytes()
            steps.append(
                EncapsulationStep(
                    kind: "frame", segment: index + 1,
                    text: "seq \(frame.tcp.sequenceNumber), \(frame.http.count) B of data, \(frame.tcp.flags)",
                    sizes: [
                        "http": frame.http.count, "tcp": frame.segment.count, "ipv4": frame.packet.count,
                        "ethernet": bytes.count,
                    ],
                    ethernet: EthernetView(frame.frame), ipv4: frame.ipv4, tcp: frame.tcp, bytes: Hex.string(bytes)))
        }
        let (received, log) = try Encapsulator.unwrap(frames.map { $0.frame.bytes() })
        for (index, line) in log.enumerated() {
            steps.append(EncapsulationStep(kind: "unwrap", segment: index + 1, text: line))
        }
        let count = frames.count
        let frameBytes = frames.map { $0.frame.bytes().count }.reduce(0, +)
        let wireBytes = frameBytes + count * (4 + 8 + 12)
        let padding = frames.map { $0.frame.bytes().count - 14 - $0.packet.count }.reduce(0, +)
        let outcome = Outcome(
            httpBytes: data.count, segments: count, mss: encapsulator.mss, mtu: parameters.mtu,
            overhead: [
                LayerOverhead(layer: "TCP", perSegment: 20, total: 20 * count),
                LayerOverhead(layer: "IPv4", perSegment: 20, total: 20 * count),
                LayerOverhead(layer: "Ethernet", perSegment: 18, total: 18 * count + padding),
                LayerOverhead(layer: "preamble+gap", perSegment: 20, total: 20 * count),
            ],
            frameBytes: frameBytes, wireBytes: wireBytes, efficiency: Double(data.count) / Double(wireBytes),
            roundTrip: received == data)
        return DemoTrace(demo: name, params: parameters, trace: steps, result: outcome)
    }

}
