/// A frame that breaks RFC 9113's rules, with the error code the receiver sends.
public enum HTTP2FrameError: Error, Equatable, Sendable, CustomStringConvertible {
    case badPreface
    case frameTooLarge(length: Int, maximum: Int)
    case streamZero(type: String)
    case streamNonZero(type: String, stream: UInt32)
    case badLength(type: String, length: Int)
    case paddingTooLong(padding: Int, length: Int)
    case zeroWindowIncrement(stream: UInt32)

    /// The HTTP/2 error code (RFC 9113 §7).
    public var code: String {
        switch self {
        case .frameTooLarge, .badLength: "FRAME_SIZE_ERROR"
        default: "PROTOCOL_ERROR"
        }
    }

    public var description: String {
        switch self {
        case .badPreface:
            "the connection does not start with the client preface 'PRI * HTTP/2.0...' (RFC 9113 §3.4)"
        case .frameTooLarge(let length, let maximum):
            "a \(length)-octet payload exceeds SETTINGS_MAX_FRAME_SIZE \(maximum): FRAME_SIZE_ERROR (RFC 9113 §4.2)"
        case .streamZero(let type):
            "\(type) on stream 0, which is the connection's: PROTOCOL_ERROR (RFC 9113 §6)"
        case .streamNonZero(let type, let stream):
            "\(type) on stream \(stream); it belongs to stream 0: PROTOCOL_ERROR (RFC 9113 §6)"
        case .badLength(let type, let length):
            "\(type) with a \(length)-octet payload: FRAME_SIZE_ERROR (RFC 9113 §6)"
        case .paddingTooLong(let padding, let length):
            "padding of \(padding) octets in a \(length)-octet payload: PROTOCOL_ERROR (RFC 9113 §6.1)"
        case .zeroWindowIncrement(let stream):
            "WINDOW_UPDATE of 0 on stream \(stream): PROTOCOL_ERROR (RFC 9113 §6.9)"
        }
    }
}

/// Reads HTTP/2 frames from octets that arrive in pieces of any size (RFC 9113 §4), checking
/// each against the frame-level rules of §6. A server's parser first expects the preface.
public struct HTTP2FrameParser: Sendable {
    public enum Action: Equatable, Sendable {
        case preface
        case frame(HTTP2Frame)
        case error(HTTP2FrameError)
    }

    enum State: Equatable, Sendable {
        case preface
        case header
        case payload(length: Int, type: UInt8, flags: UInt8, stream: UInt32)
        case failed(HTTP2FrameError)
    }

    private(set) var state: State
    private var buffer: [UInt8] = []
    /// Our SETTINGS_MAX_FRAME_SIZE: the largest payload we accept.
    public var maximumFrameSize = HTTP2Frame.defaultMaxFrameSize

    /// `expectPreface`: true on the server side of a connection.
    public init(expectPreface: Bool) {
        state = expectPreface ? .preface : .header
    }

    public mutating func receive<C: Collection>(_ bytes: C) -> [Action] where C.Element == UInt8 {
        if case .failed = state { return [] }
        buffer += bytes
        var actions: [Action] = []
        do {
            while let action = try step() { actions.append(action) }
        } catch {
            state = .failed(error)
            actions.append(.error(error))
        }
        return actions
    }

    private mutating func step() throws(HTTP2FrameError) -> Action? {
        switch state {
        case .failed:
            return nil
        case .preface:
            let count = min(buffer.count, HTTP2Frame.preface.count)
            guard buffer.prefix(count).elementsEqual(HTTP2Frame.preface.prefix(count)) else { throw .badPreface }
            guard count == HTTP2Frame.preface.count else { return nil }
            buffer.removeFirst(count)
            state = .header
            return .preface
        case .header:
            guard buffer.count >= HTTP2Frame.headerSize else { return nil }
            let length = Int(buffer[0]) << 16 | Int(buffer[1]) << 8 | Int(buffer[2])
            let stream = HTTP2Frame.readUInt32(buffer, at: 5) & 0x7fff_ffff
            if length > maximumFrameSize { throw .frameTooLarge(length: length, maximum: maximumFrameSize) }
            state = .payload(length: length, type: buffer[3], flags: buffer[4], stream: stream)
            buffer.removeFirst(HTTP2Frame.headerSize)
            return try step()
        case .payload(let length, let type, let flags, let stream):
            guard buffer.count >= length else { return nil }
            let frame = HTTP2Frame(type: type, flags: flags, stream: stream, payload: Array(buffer.prefix(length)))
            buffer.removeFirst(length)
            try Self.validate(frame)
            state = .header
            return .frame(frame)
        }
    }

    /// The per-type rules of RFC 9113 §6 that need no connection state.
    static func validate(_ frame: HTTP2Frame) throws(HTTP2FrameError) {
        guard let kind = frame.kind else { return }  // Unknown types are ignored (§4.1).
        let name = kind.name
        let length = frame.payload.count
        switch kind {
        case .data, .headers, .priority, .rstStream, .pushPromise, .continuation:
            if frame.stream == 0 { throw .streamZero(type: name) }
        case .settings, .ping, .goaway:
            if frame.stream != 0 { throw .streamNonZero(type: name, stream: frame.stream) }
        case .windowUpdate:
            break
        }
        switch kind {
        case .settings where length % 6 != 0 || (frame.flags & HTTP2Frame.Flag.ack != 0 && length != 0),
            .ping where length != 8, .windowUpdate where length != 4, .rstStream where length != 4,
            .priority where length != 5, .goaway where length < 8:
            throw .badLength(type: name, length: length)
        default: break
        }
        if kind == .windowUpdate, HTTP2Frame.readUInt32(frame.payload, at: 0) & 0x7fff_ffff == 0 {
            throw .zeroWindowIncrement(stream: frame.stream)
        }
        if kind == .data || kind == .headers, frame.flags & HTTP2Frame.Flag.padded != 0 {
            guard let padding = frame.payload.first else { throw .badLength(type: name, length: 0) }
            let priority = kind == .headers && frame.flags & HTTP2Frame.Flag.priority != 0 ? 5 : 0
            if Int(padding) + 1 + priority > length { throw .paddingTooLong(padding: Int(padding), length: length) }
        }
    }
}
