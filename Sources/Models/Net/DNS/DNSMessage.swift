/// DNS messages and their wire format (RFC 1035 §4.1), with name compression (§4.1.4).
///
/// Names are kept lowercased without the trailing dot (`www.example.com`; the root is `""`);
/// `presentation` forms add the dot, as zone files and dig do.

/// Resource record types used here (RFC 1035 §3.2.2; AAAA from RFC 3596).
public enum DNSType: UInt16, Codable, Sendable, CaseIterable {
    case a = 1
    case ns = 2
    case cname = 5
    case soa = 6
    case mx = 15
    case aaaa = 28

    /// The mnemonic: `A`, `NS`, `CNAME`...
    public var mnemonic: String {
        switch self {
        case .a: "A"
        case .ns: "NS"
        case .cname: "CNAME"
        case .soa: "SOA"
        case .mx: "MX"
        case .aaaa: "AAAA"
        }
    }

    public init?(mnemonic: String) {
        guard let match = Self.allCases.first(where: { $0.mnemonic == mnemonic.uppercased() }) else { return nil }
        self = match
    }
}

/// Response codes (RFC 1035 §4.1.1).
public enum DNSResponseCode: UInt8, Codable, Sendable {
    case noError = 0
    case formatError = 1
    case serverFailure = 2
    /// The name does not exist: "NXDOMAIN".
    case nameError = 3
    case notImplemented = 4
    case refused = 5

    public var mnemonic: String {
        switch self {
        case .noError: "NOERROR"
        case .formatError: "FORMERR"
        case .serverFailure: "SERVFAIL"
        case .nameError: "NXDOMAIN"
        case .notImplemented: "NOTIMP"
        case .refused: "REFUSED"
        }
    }
}

/// The SOA fields (RFC 1035 §3.3.13). `minimum` is the negative-caching TTL (RFC 2308 §4).
public struct DNSStartOfAuthority: Codable, Sendable, Equatable, Hashable {
    public var primary: String
    public var mailbox: String
    public var serial: UInt32
    public var refresh: UInt32
    public var retry: UInt32
    public var expire: UInt32
    public var minimum: UInt32

    public init(
        primary: String, mailbox: String, serial: UInt32, refresh: UInt32, retry: UInt32, expire: UInt32,
        minimum: UInt32
    ) {
        self.primary = primary
        self.mailbox = mailbox
        self.serial = serial
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
    }
}

/// RDATA of the types above.
public enum DNSRecordData: Sendable, Equatable, Hashable {
    case a([UInt8])
    case aaaa([UInt8])
    case ns(String)
    case cname(String)
    case mx(preference: UInt16, exchange: String)
    case soa(DNSStartOfAuthority)

    public var type: DNSType {
        switch self {
        case .a: .a
        case .aaaa: .aaaa
        case .ns: .ns
        case .cname: .cname
        case .mx: .mx
        case .soa: .soa
        }
    }

    /// As in a zone file: `192.0.2.1`, `ns1.example.com.`.
    public var presentation: String {
        switch self {
        case .a(let bytes): return bytes.map(String.init).joined(separator: ".")
        case .aaaa(let bytes): return DNSRecordData.ipv6Text(bytes)
        case .ns(let name), .cname(let name): return DNSName.presentation(name)
        case .mx(let preference, let exchange): return "\(preference) \(DNSName.presentation(exchange))"
        case .soa(let soa):
            return "\(DNSName.presentation(soa.primary)) \(DNSName.presentation(soa.mailbox)) \(soa.serial) "
                + "\(soa.refresh) \(soa.retry) \(soa.expire) \(soa.minimum)"
        }
    }

    /// RFC 5952 text: lowercase, leading zeros dropped, the longest run of two or more zero
    /// groups written `::`.
    static func ipv6Text(_ bytes: [UInt8]) -> String {
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8 && groups[end] == 0 { end += 1 }
                if end - index > bestLength {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        let text = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return text.joined(separator: ":") }
        let head = text[..<bestStart].joined(separator: ":")
        let tail = text[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}

/// One resource record (RFC 1035 §3.2.1, §4.1.3); class is always IN.
public struct DNSRecord: Sendable, Equatable, Hashable {
    public var name: String
    /// Seconds the record may be cached.
    public var ttl: UInt32
    public var data: DNSRecordData

    public init(_ name: String, ttl: UInt32, _ data: DNSRecordData) {
        self.name = DNSName.normalized(name)
        self.ttl = ttl
        self.data = data
    }

    public var type: DNSType { data.type }

    /// `www.example.com. 300 IN CNAME cdn.example.net.`
    public var presentation: String {
        "\(DNSName.presentation(name)) \(ttl) IN \(type.mnemonic) \(data.presentation)"
    }
}

/// The question section's one entry (RFC 1035 §4.1.2); class IN.
public struct DNSQuestion: Sendable, Equatable, Hashable {
    public var name: String
    public var type: DNSType

    public init(_ name: String, _ type: DNSType) {
        self.name = DNSName.normalized(name)
        self.type = type
    }

    public var presentation: String { "\(DNSName.presentation(name)) IN \(type.mnemonic)" }
}

/// A whole DNS message: header (RFC 1035 §4.1.1) and four sections.
public struct DNSMessage: Sendable, Equatable {
    public var id: UInt16
    /// QR: a response rather than a query.
    public var isResponse: Bool
    /// AA: the answer comes from a server authoritative for the name.
    public var authoritative = false
    /// TC: the message was cut to fit a 512-byte UDP datagram.
    public var truncated = false
    /// RD: the client asks the server to resolve recursively.
    public var recursionDesired: Bool
    /// RA: the server offers recursion.
    public var recursionAvailable = false
    public var responseCode = DNSResponseCode.noError
    public var questions: [DNSQuestion]
    public var answers: [DNSRecord] = []
    public var authority: [DNSRecord] = []
    public var additional: [DNSRecord] = []

    public init(id: UInt16, query question: DNSQuestion, recursionDesired: Bool) {
        self.id = id
        isResponse = false
        self.recursionDesired = recursionDesired
        questions = [question]
    }

    /// A response to `query`: same ID, question and RD bit.
    public init(respondingTo query: DNSMessage) {
        id = query.id
        isResponse = true
        recursionDesired = query.recursionDesired
        questions = query.questions
    }

    public var question: DNSQuestion? { questions.first }

    /// The 16 flag bits of the header: QR, Opcode (0, a standard query), AA, TC, RD, RA, Z, RCODE.
    public var flags: UInt16 {
        var value = UInt16(responseCode.rawValue)
        if isResponse { value |= 0x8000 }
        if authoritative { value |= 0x0400 }
        if truncated { value |= 0x0200 }
        if recursionDesired { value |= 0x0100 }
        if recursionAvailable { value |= 0x0080 }
        return value
    }

    /// Flag mnemonics as dig prints them: `qr aa rd`.
    public var flagNames: [String] {
        var names: [String] = []
        if isResponse { names.append("qr") }
        if authoritative { names.append("aa") }
        if truncated { names.append("tc") }
        if recursionDesired { names.append("rd") }
        if recursionAvailable { names.append("ra") }
        return names
    }

    /// The wire bytes, names compressed against earlier occurrences of the same suffix.
    public func encoded() -> [UInt8] {
        var writer = DNSWriter()
        writer.u16(id)
        writer.u16(flags)
        writer.u16(UInt16(questions.count))
        writer.u16(UInt16(answers.count))
        writer.u16(UInt16(authority.count))
        writer.u16(UInt16(additional.count))
        for question in questions {
            writer.name(question.name)
            writer.u16(question.type.rawValue)
            writer.u16(1)
        }
        for record in answers + authority + additional { writer.record(record) }
        return writer.bytes
    }

    /// Parses wire bytes, following compression pointers.
    public static func decode(_ bytes: [UInt8]) throws -> DNSMessage {
        var reader = DNSReader(bytes: bytes)
        let id = try reader.u16()
        let flags = try reader.u16()
        let counts = try (reader.u16(), reader.u16(), reader.u16(), reader.u16())
        guard flags & 0x7800 == 0 else { throw DNSWireError.unsupported("opcode \((flags >> 11) & 0xF)") }
        guard let code = DNSResponseCode(rawValue: UInt8(flags & 0x000F)) else {
            throw DNSWireError.unsupported("rcode \(flags & 0xF)")
        }
        var questions: [DNSQuestion] = []
        for _ in 0..<counts.0 {
            let name = try reader.name()
            let rawType = try reader.u16()
            guard let type = DNSType(rawValue: rawType) else { throw DNSWireError.unsupported("type \(rawType)") }
            guard try reader.u16() == 1 else { throw DNSWireError.unsupported("a class other than IN") }
            questions.append(DNSQuestion(name, type))
        }
        var message = DNSMessage(id: id, query: questions.first ?? DNSQuestion("", .a), recursionDesired: false)
        message.questions = questions
        message.isResponse = flags & 0x8000 != 0
        message.authoritative = flags & 0x0400 != 0
        message.truncated = flags & 0x0200 != 0
        message.recursionDesired = flags & 0x0100 != 0
        message.recursionAvailable = flags & 0x0080 != 0
        message.responseCode = code
        message.answers = try (0..<counts.1).map { _ in try reader.record() }
        message.authority = try (0..<counts.2).map { _ in try reader.record() }
        message.additional = try (0..<counts.3).map { _ in try reader.record() }
        guard reader.offset == bytes.count else { throw DNSWireError.malformed("trailing bytes at \(reader.offset)") }
        return message
    }
}

/// Why bytes did not parse as a DNS message.
public enum DNSWireError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .malformed(let what): "malformed DNS message: \(what)"
        case .unsupported(let what): "DNS message uses \(what), which this model does not handle"
        }
    }
}

/// Domain-name helpers.
public enum DNSName {
    /// Lowercased, without the trailing dot.
    public static func normalized(_ name: String) -> String {
        var text = name.lowercased()
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    public static func presentation(_ name: String) -> String { name.isEmpty ? "." : name + "." }

    public static func labels(_ name: String) -> [String] {
        name.isEmpty ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// The name and each ancestor, longest first, ending with the root `""`.
    public static func suffixes(_ name: String) -> [String] {
        let parts = labels(name)
        return (0...parts.count).map { parts[$0...].joined(separator: ".") }
    }

    /// Whether `name` is `zone` or below it.
    public static func isSubdomain(_ name: String, of zone: String) -> Bool {
        zone.isEmpty || name == zone || name.hasSuffix("." + zone)
    }

    /// Whether a name is fit for the wire: labels of 1 to 63 bytes, 255 bytes in all.
    public static func isValid(_ name: String) -> Bool {
        let parts = labels(normalized(name))
        return parts.allSatisfy { !$0.isEmpty && $0.utf8.count <= 63 }
            && parts.reduce(1) { $0 + $1.utf8.count + 1 } <= 255
    }
}

/// Builds wire bytes, remembering where each name suffix was written.
struct DNSWriter {
    var bytes: [UInt8] = []
    private var offsets: [String: Int] = [:]

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func u32(_ value: UInt32) {
        u16(UInt16(value >> 16))
        u16(UInt16(value & 0xFFFF))
    }

    /// Writes labels until a suffix already in the message, then a pointer to it (§4.1.4).
    mutating func name(_ name: String) {
        let parts = DNSName.labels(name)
        for index in parts.indices {
            let suffix = parts[index...].joined(separator: ".")
            if let offset = offsets[suffix] {
                u16(0xC000 | UInt16(offset))
                return
            }
            if bytes.count < 0x3FFF { offsets[suffix] = bytes.count }
            bytes.append(UInt8(parts[index].utf8.count))
            bytes.append(contentsOf: parts[index].utf8)
        }
        bytes.append(0)
    }

    mutating func record(_ record: DNSRecord) {
        name(record.name)
        u16(record.type.rawValue)
        u16(1)
        u32(record.ttl)
        let lengthAt = bytes.count
        u16(0)
        switch record.data {
        case .a(let address), .aaaa(let address): bytes.append(contentsOf: address)
        case .ns(let target), .cname(let target): name(target)
        case .mx(let preference, let exchange):
            u16(preference)
            name(exchange)
        case .soa(let soa):
            name(soa.primary)
            name(soa.mailbox)
            for value in [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum] { u32(value) }
        }
        let length = bytes.count - lengthAt - 2
        bytes[lengthAt] = UInt8(length >> 8)
        bytes[lengthAt + 1] = UInt8(length & 0xFF)
    }
}

/// Reads wire bytes.
struct DNSReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func u8() throws -> UInt8 {
        guard offset < bytes.count else { throw DNSWireError.malformed("ends at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u16() throws -> UInt16 { try UInt16(u8()) << 8 | UInt16(u8()) }
    mutating func u32() throws -> UInt32 { try UInt32(u16()) << 16 | UInt32(u16()) }

    mutating func take(_ count: Int) throws -> [UInt8] {
        guard offset + count <= bytes.count else { throw DNSWireError.malformed("ends inside a field at \(offset)") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// A name at the current offset. Pointers may only point backwards, and a name is at most
    /// 255 octets (RFC 1035 §2.3.4): labels after a jump run forwards again, so without that
    /// limit a pointer could lead back to itself for ever.
    mutating func name() throws -> String {
        var labels: [String] = []
        var position = offset
        var jumped = false
        var length = 0
        while true {
            guard length <= 255 else { throw DNSWireError.malformed("name longer than 255 octets at \(offset)") }
            guard position < bytes.count else { throw DNSWireError.malformed("name runs past the end") }
            let label = bytes[position]
            if label & 0xC0 == 0xC0 {
                guard position + 1 < bytes.count else { throw DNSWireError.malformed("cut pointer") }
                let target = Int(label & 0x3F) << 8 | Int(bytes[position + 1])
                guard target < position else { throw DNSWireError.malformed("forward pointer at \(position)") }
                if !jumped { offset = position + 2 }
                jumped = true
                position = target
            } else if label == 0 {
                if !jumped { offset = position + 1 }
                return labels.joined(separator: ".").lowercased()
            } else {
                guard label < 64, position + 1 + Int(label) <= bytes.count else {
                    throw DNSWireError.malformed("bad label at \(position)")
                }
                labels.append(String(decoding: bytes[(position + 1)...(position + Int(label))], as: UTF8.self))
                position += 1 + Int(label)
                length += 1 + Int(label)
            }
        }
    }

    mutating func record() throws -> DNSRecord {
        let name = try name()
        let rawType = try u16()
        guard try u16() == 1 else { throw DNSWireError.unsupported("a class other than IN") }
        let ttl = try u32()
        let length = Int(try u16())
        let end = offset + length
        guard let type = DNSType(rawValue: rawType) else { throw DNSWireError.unsupported("type \(rawType)") }
        let data: DNSRecordData
        switch type {
        case .a: data = .a(try take(4))
        case .aaaa: data = .aaaa(try take(16))
        case .ns: data = .ns(try self.name())
        case .cname: data = .cname(try self.name())
        case .mx: data = .mx(preference: try u16(), exchange: try self.name())
        case .soa:
            data = .soa(
                DNSStartOfAuthority(
                    primary: try self.name(), mailbox: try self.name(), serial: try u32(), refresh: try u32(),
                    retry: try u32(), expire: try u32(), minimum: try u32()))
        }
        guard offset == end else { throw DNSWireError.malformed("RDLENGTH \(length) does not match its data") }
        return DNSRecord(name, ttl: ttl, data)
    }
}
