/// An HTTP/2 frame (RFC 9113 §4.1): a 9-octet header (24-bit length, 8-bit type, 8-bit flags,
/// one reserved bit and a 31-bit stream identifier) and a payload of `length` octets.
public struct HTTP2Frame: Codable, Sendable, Equatable {
    /// Frame types of RFC 9113 §6.
    public enum Kind: UInt8, Codable, Sendable, CaseIterable {
        case data = 0x0, headers = 0x1, priority = 0x2, rstStream = 0x3, settings = 0x4, pushPromise = 0x5
        case ping = 0x6, goaway = 0x7, windowUpdate = 0x8, continuation = 0x9

        public var name: String {
            switch self {
            case .data: "DATA"
            case .headers: "HEADERS"
            case .priority: "PRIORITY"
            case .rstStream: "RST_STREAM"
            case .settings: "SETTINGS"
            case .pushPromise: "PUSH_PROMISE"
            case .ping: "PING"
            case .goaway: "GOAWAY"
            case .windowUpdate: "WINDOW_UPDATE"
            case .continuation: "CONTINUATION"
            }
        }
    }

    /// Flag bits (RFC 9113 §6): which apply depends on the type.
    public enum Flag {
        public static let endStream: UInt8 = 0x1
        public static let ack: UInt8 = 0x1
        public static let endHeaders: UInt8 = 0x4
        public static let padded: UInt8 = 0x8
        public static let priority: UInt8 = 0x20
    }

    /// Settings parameters (RFC 9113 §6.5.2).
    public enum Setting: UInt16, Codable, Sendable, CaseIterable {
        case headerTableSize = 0x1, enablePush = 0x2, maxConcurrentStreams = 0x3, initialWindowSize = 0x4
        case maxFrameSize = 0x5, maxHeaderListSize = 0x6

        public var name: String {
            switch self {
            case .headerTableSize: "HEADER_TABLE_SIZE"
            case .enablePush: "ENABLE_PUSH"
            case .maxConcurrentStreams: "MAX_CONCURRENT_STREAMS"
            case .initialWindowSize: "INITIAL_WINDOW_SIZE"
            case .maxFrameSize: "MAX_FRAME_SIZE"
            case .maxHeaderListSize: "MAX_HEADER_LIST_SIZE"
            }
        }
    }

    /// Error codes of RST_STREAM and GOAWAY (RFC 9113 §7).
    public static let errorCodes = [
        "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED",
        "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM",
        "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
    ]

    /// The client connection preface (RFC 9113 §3.4), sent before the first SETTINGS.
    public static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    /// Octets in every frame header.
    public static let headerSize = 9
    /// SETTINGS_MAX_FRAME_SIZE's initial value and its floor (RFC 9113 §4.2).
    public static let defaultMaxFrameSize = 16384

    public var type: UInt8
    public var flags: UInt8
    public var stream: UInt32
    public var payload: [UInt8]

    public init(type: UInt8, flags: UInt8 = 0, stream: UInt32, payload: [UInt8]) {
        self.type = type
        self.flags = flags
        self.stream = stream
        self.payload = payload
    }

    public init(_ kind: Kind, flags: UInt8 = 0, stream: UInt32, payload: [UInt8]) {
        self.init(type: kind.rawValue, flags: flags, stream: stream, payload: payload)
    }

    public var kind: Kind? { Kind(rawValue: type) }

    /// Header and payload, as sent.
    public var bytes: [UInt8] {
        let length = payload.count
        return [
            UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff), type, flags,
            UInt8(stream >> 24 & 0x7f), UInt8(stream >> 16 & 0xff), UInt8(stream >> 8 & 0xff), UInt8(stream & 0xff),
        ] + payload
    }

    /// The flags set, by name, for this type: `END_STREAM|END_HEADERS`.
    public var flagNames: [String] {
        var names: [String] = []
        switch kind {
        case .data:
            if flags & Flag.endStream != 0 { names.append("END_STREAM") }
            if flags & Flag.padded != 0 { names.append("PADDED") }
        case .headers:
            if flags & Flag.endStream != 0 { names.append("END_STREAM") }
            if flags & Flag.endHeaders != 0 { names.append("END_HEADERS") }
            if flags & Flag.padded != 0 { names.append("PADDED") }
            if flags & Flag.priority != 0 { names.append("PRIORITY") }
        case .settings, .ping:
            if flags & Flag.ack != 0 { names.append("ACK") }
        case .continuation, .pushPromise:
            if flags & Flag.endHeaders != 0 { names.append("END_HEADERS") }
        default: break
        }
        return names
    }

    // MARK: Building frames

    static func padded(_ content: [UInt8], padding: Int) -> [UInt8] {
        padding > 0 ? [UInt8(padding - 1)] + content + [UInt8](repeating: 0, count: padding - 1) : content
    }

    /// DATA (§6.1). `padding` counts every octet it adds, the Pad Length octet included
    /// (0 = no PADDED flag); all of them count against flow control.
    public static func data(stream: UInt32, _ content: [UInt8], endStream: Bool, padding: Int = 0) -> HTTP2Frame {
        HTTP2Frame(
            .data, flags: (endStream ? Flag.endStream : 0) | (padding > 0 ? Flag.padded : 0), stream: stream,
            payload: padded(content, padding: padding))
    }

    /// HEADERS (§6.2) carrying a whole HPACK block.
    public static func headers(stream: UInt32, block: [UInt8], endStream: Bool, endHeaders: Bool = true) -> HTTP2Frame {
        HTTP2Frame(
            .headers, flags: (endStream ? Flag.endStream : 0) | (endHeaders ? Flag.endHeaders : 0), stream: stream,
            payload: block)
    }

    /// SETTINGS (§6.5): six octets per parameter; an ACK has none.
    public static func settings(_ values: [(Setting, UInt32)]) -> HTTP2Frame {
        var payload: [UInt8] = []
        for (setting, value) in values {
            payload += [UInt8(setting.rawValue >> 8), UInt8(setting.rawValue & 0xff)] + bigEndian(value)
        }
        return HTTP2Frame(.settings, stream: 0, payload: payload)
    }

    public static let settingsAck = HTTP2Frame(.settings, flags: Flag.ack, stream: 0, payload: [])

    /// PING (§6.7): eight opaque octets, echoed in the ACK.
    public static func ping(_ opaque: [UInt8], ack: Bool) -> HTTP2Frame {
        HTTP2Frame(.ping, flags: ack ? Flag.ack : 0, stream: 0, payload: opaque)
    }

    /// WINDOW_UPDATE (§6.9): a 31-bit increment, for a stream or (stream 0) the connection.
    public static func windowUpdate(stream: UInt32, increment: UInt32) -> HTTP2Frame {
        HTTP2Frame(.windowUpdate, stream: stream, payload: bigEndian(increment & 0x7fff_ffff))
    }

    /// RST_STREAM (§6.4).
    public static func rstStream(stream: UInt32, errorCode: UInt32) -> HTTP2Frame {
        HTTP2Frame(.rstStream, stream: stream, payload: bigEndian(errorCode))
    }

    /// GOAWAY (§6.8): the last stream the sender processed, an error code, debug data.
    public static func goaway(lastStream: UInt32, errorCode: UInt32, debug: String = "") -> HTTP2Frame {
        HTTP2Frame(.goaway, stream: 0, payload: bigEndian(lastStream & 0x7fff_ffff) + bigEndian(errorCode) + Array(debug.utf8))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    static func readUInt32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        bytes[index..<index + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// One line about the payload: `MAX_FRAME_SIZE=16384`, `increment 32768`, `CANCEL`.
    public var payloadSummary: String {
        switch kind {
        case .settings:
            if flags & Flag.ack != 0 { return "" }
            return stride(from: 0, to: payload.count - 5, by: 6).map { index in
                let id = UInt16(payload[index]) << 8 | UInt16(payload[index + 1])
                let name = Setting(rawValue: id)?.name ?? "0x\(String(id, radix: 16))"
                return "\(name)=\(Self.readUInt32(payload, at: index + 2))"
            }.joined(separator: " ")
        case .windowUpdate where payload.count == 4:
            return "+\(Self.readUInt32(payload, at: 0) & 0x7fff_ffff)"
        case .rstStream where payload.count == 4:
            return Self.errorName(Self.readUInt32(payload, at: 0))
        case .goaway where payload.count >= 8:
            return "last \(Self.readUInt32(payload, at: 0) & 0x7fff_ffff) \(Self.errorName(Self.readUInt32(payload, at: 4)))"
        case .ping:
            return Hex.string(payload)
        default:
            return ""
        }
    }

    static func errorName(_ code: UInt32) -> String {
        code < errorCodes.count ? errorCodes[Int(code)] : "0x\(String(code, radix: 16))"
    }
}
