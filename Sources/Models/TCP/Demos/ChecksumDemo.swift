import Basics

/// `tcp.checksum`: the RFC 1071 one's-complement sum over the pseudo-header and a segment,
/// one 16-bit word at a time.
public enum ChecksumDemo: Sendable {
    public static let name = "tcp.checksum"

    public struct Parameters: Codable, Sendable, Equatable {
        /// Set when summing bare words instead of a segment.
        public var words: [UInt16]?
        public var payload: String
        public var source: IPv4Address
        public var destination: IPv4Address
        public var sourcePort: UInt16
        public var destinationPort: UInt16
        public var seq: UInt32?
        public var ack: UInt32
        public var flags: TCPFlags

        public init(
            words: [UInt16]? = nil, payload: String, source: IPv4Address, destination: IPv4Address, sourcePort: UInt16,
            destinationPort: UInt16, seq: UInt32? = nil, ack: UInt32, flags: TCPFlags
        ) {
            self.words = words
            self.payload = payload
            self.source = source
            self.destination = destination
            self.sourcePort = sourcePort
            self.destinationPort = destinationPort
            self.seq = seq
            self.ack = ack
            self.flags = flags
        }
    }

    /// One word added to the running sum.
    public struct Step: Codable, Sendable, Equatable {
        /// `pseudo`, `tcp` or `data`.
        public var part: String
        public var field: String
        public var word: String
        /// The running sum after a carry out of bit 15 was added back.
        public var sum: String
        public var carry: Bool
    }

    public struct Outcome: Codable, Sendable, Equatable {
        /// The folded one's-complement sum, hex.
        public var sum: String
        /// Its complement: the checksum field's value, hex.
        public var checksum: String
        /// Summing everything again with the checksum in place gives ffff.
        public var verified: Bool
        /// The IPv4 datagram with the checksum filled in, hex; nil when summing bare words.
        public var bytes: String?
    }

    /// The segment the parameters describe.
    static func segment(_ parameters: Parameters, seed: UInt64) -> TCPSegment {
        var random = SplitMix64(seed: seed)
        let header = TCPHeader(
            sourcePort: parameters.sourcePort, destinationPort: parameters.destinationPort,
            sequenceNumber: parameters.seq ?? UInt32(truncatingIfNeeded: random.next()),
            acknowledgmentNumber: parameters.flags.contains(.ack) ? parameters.ack : 0, flags: parameters.flags, window: 64240)
        return TCPSegment(
            source: parameters.source, destination: parameters.destination, tcp: header, payload: Array(parameters.payload.utf8))
    }

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var labelled: [(part: String, field: String, word: UInt16)] = []
        var bytes: String?
        var parameters = parameters
        if let words = parameters.words {
            labelled = words.enumerated().map { ("data", "word \($0.offset + 1)", $0.element) }
        } else {
            let segment = segment(parameters, seed: seed)
            parameters.seq = segment.tcp.sequenceNumber
            let tcpBytes = segment.tcp.bytes(checksum: 0) + segment.payload
            let pseudo = InternetChecksum.pseudoHeader(
                source: segment.source, destination: segment.destination, protocolNumber: IPv4Header.tcp, length: tcpBytes.count)
            let pseudoNames = [
                "source address (high)", "source address (low)", "destination address (high)",
                "destination address (low)", "zero, protocol 6", "TCP length \(tcpBytes.count)",
            ]
            let tcpNames = [
                "source port", "destination port", "sequence number (high)", "sequence number (low)",
                "ack number (high)", "ack number (low)", "data offset, flags", "window", "checksum (as zero)",
                "urgent pointer",
            ]
            for (index, word) in InternetChecksum.words(pseudo).enumerated() {
                labelled.append(("pseudo", pseudoNames[index], word))
            }
            for (index, word) in InternetChecksum.words(tcpBytes).enumerated() {
                if index < 10 {
                    labelled.append(("tcp", tcpNames[index], word))
                } else {
                    let offset = (index - 10) * 2
                    let odd = offset + 1 >= segment.payload.count
                    labelled.append(("data", odd ? "data byte \(offset), padded" : "data bytes \(offset)-\(offset + 1)", word))
                }
            }
            bytes = segment.datagramBytes.hexString
        }
        var steps: [Step] = []
        var sum: UInt32 = 0
        for item in labelled {
            sum += UInt32(item.word)
            let carry = sum > 0xFFFF
            sum = (sum & 0xFFFF) + (sum >> 16)
            steps.append(
                Step(
                    part: item.part, field: item.field, word: TCPText.hex4(UInt16(item.word)), sum: TCPText.hex4(UInt16(sum)),
                    carry: carry))
        }
        let checksum = ~UInt16(sum)
        let verified = InternetChecksum.onesComplementSum(labelled.map(\.word) + [checksum]) == 0xFFFF
        return DemoTrace(
            demo: name, params: parameters, trace: steps,
            result: Outcome(sum: TCPText.hex4(UInt16(sum)), checksum: TCPText.hex4(checksum), verified: verified, bytes: bytes))
    }

}

extension TCPFlags {
    /// Parses one flag name, any case: `syn`, `ACK`.
    public init?(name: String) {
        switch name.uppercased() {
        case "FIN": self = .fin
        case "SYN": self = .syn
        case "RST": self = .rst
        case "PSH": self = .psh
        case "ACK": self = .ack
        case "URG": self = .urg
        case "ECE": self = .ece
        case "CWR": self = .cwr
        default: return nil
        }
    }
}
