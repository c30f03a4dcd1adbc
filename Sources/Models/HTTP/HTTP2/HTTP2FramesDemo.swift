import Basics

/// `http2.frames`: one HTTP/2 connection fetching a few resources at once: the preface,
/// SETTINGS and their ACKs, a PING, HEADERS with HPACK blocks, DATA frames interleaved across
/// streams, flow control with WINDOW_UPDATE, an optional RST_STREAM, and GOAWAY (RFC 9113).
public enum HTTP2FramesDemo: Sendable {
    public static let name = "http2.frames"

    public struct Parameters: Codable, Sendable, Equatable {
        public var streams: Int
        public var size: Int
        public var window: Int
        public var maxFrame: Int
        public var padding: Int
        /// The client's stream (1-based position) to cancel, or nil.
        public var cancel: Int?
        /// Octets of an extra cookie in every request (0: none).
        public var cookie: Int = 0

        public init(streams: Int, size: Int, window: Int, maxFrame: Int, padding: Int, cancel: Int? = nil, cookie: Int = 0) {
            self.streams = streams
            self.size = size
            self.window = window
            self.maxFrame = maxFrame
            self.padding = padding
            self.cancel = cancel
            self.cookie = cookie
        }
    }

    public struct Step: Codable, Sendable, Equatable {
        /// `client` or `server`: who sends the frame.
        public var direction: String
        /// A frame type name, or `PREFACE` for the client's preface (not a frame).
        public var type: String
        public var flags: [String]
        public var stream: UInt32
        /// Payload length (the frame header's Length field).
        public var length: Int
        /// The whole frame, header included.
        public var bytes: HTTPBytes
        public var summary: String
        /// The header list a HEADERS frame's HPACK block decodes to.
        public var fields: [HTTPField]?
        /// After a DATA frame: the server's send windows left, connection and stream.
        public var connectionWindow: Int?
        public var streamWindow: Int?
    }

    public struct Outcome: Codable, Sendable, Equatable {
        public var frames: Int
        public var octets: Int
        /// Octets spent on 9-octet frame headers.
        public var frameHeaderOctets: Int
        public var dataOctets: Int
        public var dataFrames: Int
        public var windowUpdates: Int
        public var completedStreams: Int
        public var cancelledStreams: Int
    }

    /// The connection-level window every connection starts with; only WINDOW_UPDATE on stream 0
    /// changes it, never SETTINGS (RFC 9113 §6.9.2).
    static let initialConnectionWindow = 65535

    public static func run(_ parameters: Parameters, seed: UInt64) throws -> DemoTrace<Parameters, Step, Outcome> {
        var random = SplitMix64(seed: seed)
        var steps: [Step] = []
        func send(_ frame: HTTP2Frame, from direction: String, fields: [HTTPField]? = nil, windows: (Int, Int)? = nil) {
            steps.append(
                Step(
                    direction: direction, type: frame.kind?.name ?? "0x\(String(frame.type, radix: 16))",
                    flags: frame.flagNames, stream: frame.stream, length: frame.payload.count,
                    bytes: HTTPBytes(frame.bytes), summary: frame.payloadSummary, fields: fields,
                    connectionWindow: windows?.0, streamWindow: windows?.1))
        }

        steps.append(
            Step(
                direction: "client", type: "PREFACE", flags: [], stream: 0, length: HTTP2Frame.preface.count,
                bytes: HTTPBytes(HTTP2Frame.preface), summary: "PRI * HTTP/2.0 SM"))
        send(
            .settings([
                (.enablePush, 0), (.initialWindowSize, UInt32(parameters.window)),
                (.maxFrameSize, UInt32(parameters.maxFrame)),
            ]), from: "client")
        send(.settings([(.maxConcurrentStreams, 100), (.headerTableSize, 4096)]), from: "server")
        send(.settingsAck, from: "client")
        send(.settingsAck, from: "server")
        let opaque = (0..<8).map { _ in UInt8.random(in: 0...255, using: &random) }
        send(.ping(opaque, ack: false), from: "client")
        send(.ping(opaque, ack: true), from: "server")

        // Requests: client streams are odd, in increasing order (RFC 9113 §5.1.1).
        let streamIDs = (0..<parameters.streams).map { UInt32(2 * $0 + 1) }
        var clientEncoder = HPACKEncoder()
        var requests = HTTPRequestGenerator.browserSession(count: parameters.streams, random: &random)
        if parameters.cookie > 0 {
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
            let value = String(
                decoding: (0..<parameters.cookie).map { _ in alphabet.randomElement(using: &random)! }, as: UTF8.self)
            requests = requests.map { $0 + [HTTPField("cookie", "big=" + value)] }
        }
        for (id, fields) in zip(streamIDs, requests) {
            let block = clientEncoder.encode(
                fields.map { ($0, HTTPRequestGenerator.isSensitive($0) ? HPACKIndexing.never : .incremental) })
            // The server did not raise SETTINGS_MAX_FRAME_SIZE, so a block beyond 16384 octets
            // goes on in CONTINUATION frames (RFC 9113 §4.3, §6.10).
            let frames = headerFrames(
                stream: id, block: block.bytes.bytes, endStream: true, maxFrame: HTTP2Frame.defaultMaxFrameSize)
            for (index, frame) in frames.enumerated() {
                send(frame, from: "client", fields: index == frames.count - 1 ? fields : nil)
            }
        }

        var serverEncoder = HPACKEncoder()
        for (id, request) in zip(streamIDs, requests) {
            let path = request.first { $0.name == ":path" }?.value ?? "/"
            let fields = [
                HTTPField(":status", "200"), HTTPField("content-type", contentType(path)),
                HTTPField("content-length", String(parameters.size)), HTTPField("server", "netprep"),
            ]
            let block = serverEncoder.encode(fields)
            send(.headers(stream: id, block: block.bytes.bytes, endStream: parameters.size == 0), from: "server", fields: fields)
        }

        // The server interleaves DATA frames round-robin within the client's windows.
        var remaining = Dictionary(uniqueKeysWithValues: streamIDs.map { ($0, parameters.size) })
        var streamWindow = Dictionary(uniqueKeysWithValues: streamIDs.map { ($0, parameters.window) })
        var connectionWindow = initialConnectionWindow
        var unacknowledged = Dictionary(uniqueKeysWithValues: streamIDs.map { ($0, 0) })
        var connectionUnacknowledged = 0
        var cancelled: Set<UInt32> = []
        let cancelID = parameters.cancel.map { streamIDs[$0 - 1] }
        let body = (0..<parameters.size).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        func active() -> [UInt32] { streamIDs.filter { remaining[$0]! > 0 && !cancelled.contains($0) } }
        while !active().isEmpty {
            var sentAny = false
            for id in active() {
                let room = min(parameters.maxFrame, streamWindow[id]!, connectionWindow) - parameters.padding
                guard room > 0 else { continue }
                let count = min(room, remaining[id]!)
                let offset = parameters.size - remaining[id]!
                remaining[id]! -= count
                let flowControlled = count + parameters.padding
                streamWindow[id]! -= flowControlled
                connectionWindow -= flowControlled
                unacknowledged[id]! += flowControlled
                connectionUnacknowledged += flowControlled
                send(
                    .data(
                        stream: id, Array(body[offset..<offset + count]), endStream: remaining[id]! == 0,
                        padding: parameters.padding),
                    from: "server", windows: (connectionWindow, streamWindow[id]!))
                sentAny = true
                if id == cancelID, !cancelled.contains(id), remaining[id]! > 0 {
                    cancelled.insert(id)
                    send(.rstStream(stream: id, errorCode: 8), from: "client")
                }
            }
            if !sentAny {
                // Blocked: the client returns what it has consumed, connection first.
                send(.windowUpdate(stream: 0, increment: UInt32(connectionUnacknowledged)), from: "client")
                connectionWindow += connectionUnacknowledged
                connectionUnacknowledged = 0
                for id in active() where unacknowledged[id]! > 0 {
                    send(.windowUpdate(stream: id, increment: UInt32(unacknowledged[id]!)), from: "client")
                    streamWindow[id]! += unacknowledged[id]!
                    unacknowledged[id] = 0
                }
            }
        }
        send(.goaway(lastStream: streamIDs.last!, errorCode: 0), from: "server")

        let frames = steps.filter { $0.type != "PREFACE" }
        let data = frames.filter { $0.type == "DATA" }
        let outcome = Outcome(
            frames: frames.count, octets: steps.reduce(0) { $0 + $1.bytes.bytes.count },
            frameHeaderOctets: frames.count * HTTP2Frame.headerSize, dataOctets: data.reduce(0) { $0 + $1.length },
            dataFrames: data.count, windowUpdates: frames.filter { $0.type == "WINDOW_UPDATE" }.count,
            completedStreams: streamIDs.count - cancelled.count, cancelledStreams: cancelled.count)
        return DemoTrace(demo: name, params: parameters, trace: steps, result: outcome)
    }

    /// A header block as one HEADERS frame, or HEADERS and CONTINUATION frames when it is
    /// longer than `maxFrame`; only the last carries END_HEADERS.
    static func headerFrames(stream: UInt32, block: [UInt8], endStream: Bool, maxFrame: Int) -> [HTTP2Frame] {
        var pieces: [[UInt8]] = []
        var offset = 0
        repeat {
            pieces.append(Array(block[offset..<min(offset + maxFrame, block.count)]))
            offset += maxFrame
        } while offset < block.count
        return pieces.enumerated().map { index, piece in
            let last = index == pieces.count - 1
            if index == 0 { return .headers(stream: stream, block: piece, endStream: endStream, endHeaders: last) }
            return HTTP2Frame(.continuation, flags: last ? HTTP2Frame.Flag.endHeaders : 0, stream: stream, payload: piece)
        }
    }

    static func contentType(_ path: String) -> String {
        if path.hasSuffix(".css") { return "text/css" }
        if path.hasSuffix(".js") { return "text/javascript" }
        if path.hasSuffix(".png") { return "image/png" }
        if path.hasPrefix("/api") { return "application/json" }
        return "text/html"
    }

}
