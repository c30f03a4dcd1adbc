import Basics

/// `tcp.checksum`: the RFC 1071 one's-complement sum over the pseudo-header and a segment,
/// one 16-bit word at a time.
public enum ChecksumDemo: Demo {
    public static let name = "tcp.checksum"
    public static let summary = "RFC 1071 checksum over pseudo-header and TCP segment, word by word"
    public static let usage = [
        "--payload TEXT   the segment's data (default 'hi!')",
        "--src A --dst A  IPv4 addresses (default 10.0.0.1 and 10.0.0.2)",
        "--sport N --dport N   ports (default 50000 and 80)",
        "--seq N --ack N  sequence and acknowledgement numbers (default: seq drawn from the seed)",
        "--flags F,...    control bits (default PSH,ACK)",
        "--words W,...    just sum these 16-bit hex words (RFC 1071's example: 0001,f203,f4f5,f6f7)",
    ]

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

    public static func parameters(from options: inout DemoOptions) throws -> Parameters {
        let wordTexts = options.list("words")
        var words: [UInt16]?
        if !wordTexts.isEmpty {
            words = try wordTexts.map { text in
                guard text.count <= 4, let word = UInt16(text, radix: 16) else {
                    throw DemoError.badOption("--words takes 16-bit hex words such as f203, not '\(text)'")
                }
                return word
            }
        }
        func address(_ key: String, _ fallback: String) throws -> IPv4Address {
            let text = options.string(key, default: fallback)
            guard let address = IPv4Address(text) else {
                throw DemoError.badOption("--\(key) takes an IPv4 address, not '\(text)'")
            }
            return address
        }
        let flagNames = options.list("flags")
        var flags: TCPFlags = [.psh, .ack]
        if !flagNames.isEmpty {
            flags = []
            for name in flagNames {
                guard let flag = TCPFlags(name: name) else {
                    throw DemoError.badOption("--flags takes SYN, ACK, FIN, RST, PSH, URG, ECE, CWR, not '\(name)'")
                }
                flags.insert(flag)
            }
        }
        let seqText = options.string("seq", default: "")
        var seq: UInt32?
        if !seqText.isEmpty {
            guard let value = UInt32(seqText) else { throw DemoError.badOption("--seq takes a number from 0 to 4294967295") }
            seq = value
        }
        return Parameters(
            words: words, payload: options.string("payload", default: "hi!"), source: try address("src", "10.0.0.1"),
            destination: try address("dst", "10.0.0.2"),
            sourcePort: UInt16(try options.int("sport", default: 50000, in: 0...65535)),
            destinationPort: UInt16(try options.int("dport", default: 80, in: 0...65535)), seq: seq,
            ack: UInt32(try options.int("ack", default: 1, in: 0...Int(UInt32.max))), flags: flags)
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

    public static func render(_ trace: DemoTrace<Parameters, Step, Outcome>, style: RenderStyle) -> String {
        var lines = [TCPPaint(style).bold("Internet checksum (RFC 1071) of a TCP segment (RFC 9293 §3.1)"), ""]
        if trace.params.words == nil, let seq = trace.params.seq {
            lines.append(
                "\(trace.params.source):\(trace.params.sourcePort) -> \(trace.params.destination):\(trace.params.destinationPort)"
                    + "  \(trace.params.flags) seq=\(seq)  data \"\(trace.params.payload)\"")
            lines.append("")
        }
        lines.append(TCPText.pad("part", 8) + TCPText.pad("field", 30) + TCPText.pad("word", 8) + "running sum")
        lines.append(String(repeating: "-", count: 60))
        for step in trace.trace {
            lines.append(
                TCPText.pad(step.part, 8) + TCPText.pad(step.field, 30) + TCPText.pad(step.word, 8) + step.sum
                    + (step.carry ? TCPPaint(style).dim("  (carry added back)") : ""))
        }
        lines.append("")
        lines.append("sum \(trace.result.sum), one's complement -> checksum " + TCPPaint(style).bold(trace.result.checksum))
        lines.append("receiver's check: the sum with the checksum in place is ffff: \(trace.result.verified ? "yes" : "no")")
        if let bytes = trace.result.bytes {
            lines.append("")
            lines.append("datagram (IPv4 + TCP), hex:")
            var rest = Substring(bytes)
            while !rest.isEmpty {
                lines.append(
                    "  "
                        + stride(from: 0, to: min(rest.count, 56), by: 4).map { offset -> String in
                            let start = rest.index(rest.startIndex, offsetBy: offset)
                            let end = rest.index(start, offsetBy: min(4, rest.count - offset))
                            return String(rest[start..<end])
                        }.joined(separator: " "))
                rest = rest.dropFirst(min(56, rest.count))
            }
        }
        return lines.joined(separator: "\n") + "\n"
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
