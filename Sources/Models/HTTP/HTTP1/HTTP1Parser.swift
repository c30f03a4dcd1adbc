/// Why bytes are not an HTTP/1.1 message; `offset` counts octets from the start of the stream.
public enum HTTP1ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidStartLine(String, offset: Int)
    case unsupportedVersion(String, offset: Int)
    case invalidFieldLine(String, offset: Int)
    case whitespaceBeforeColon(String, offset: Int)
    case obsoleteLineFolding(offset: Int)
    case bareLineFeed(offset: Int)
    case lineTooLong(limit: Int, offset: Int)
    case tooManyFields(limit: Int)
    case missingHost
    case invalidContentLength(String)
    case contentLengthWithTransferEncoding
    case unsupportedTransferCoding(String)
    case invalidChunkSize(String, offset: Int)
    case missingChunkTerminator(offset: Int)
    case unexpectedEnd(inside: String)
    case unexpectedResponse(offset: Int)

    public var description: String {
        switch self {
        case .invalidStartLine(let line, let offset):
            "byte \(offset): '\(line)' is not a start line (RFC 9112 §3, §4)"
        case .unsupportedVersion(let version, let offset):
            "byte \(offset): version '\(version)' is not HTTP/1.0 or HTTP/1.1 (RFC 9112 §2.3)"
        case .invalidFieldLine(let line, let offset):
            "byte \(offset): '\(line)' is not a field line 'name: value' (RFC 9112 §5)"
        case .whitespaceBeforeColon(let name, let offset):
            "byte \(offset): whitespace between field name '\(name)' and the colon must be rejected (RFC 9112 §5.1)"
        case .obsoleteLineFolding(let offset):
            "byte \(offset): a field line starting with whitespace is obsolete line folding; refused here, RFC 9112 §5.2 allows refusing or unfolding"
        case .bareLineFeed(let offset):
            "byte \(offset): line ends with LF alone; refused here, RFC 9112 §2.2 lets a recipient accept it"
        case .lineTooLong(let limit, let offset):
            "byte \(offset): line longer than \(limit) octets"
        case .tooManyFields(let limit):
            "more than \(limit) field lines"
        case .missingHost:
            "an HTTP/1.1 request without Host gets 400 (RFC 9112 §3.2)"
        case .invalidContentLength(let value):
            "Content-Length '\(value)' is not one non-negative number (RFC 9112 §6.3)"
        case .contentLengthWithTransferEncoding:
            "both Transfer-Encoding and Content-Length, the request smuggling setup: refused here, RFC 9112 §6.3 lets chunked win"
        case .unsupportedTransferCoding(let value):
            "Transfer-Encoding '\(value)' does not end in chunked (RFC 9112 §6.3)"
        case .invalidChunkSize(let line, let offset):
            "byte \(offset): '\(line)' is not a hex chunk size (RFC 9112 §7.1)"
        case .missingChunkTerminator(let offset):
            "byte \(offset): chunk data is not followed by CRLF (RFC 9112 §7.1)"
        case .unexpectedEnd(let inside):
            "connection closed inside \(inside)"
        case .unexpectedResponse(let offset):
            "byte \(offset): a response arrived with no request waiting for it"
        }
    }
}

/// An incremental HTTP/1.1 parser (RFC 9112): feed it octets in pieces of any size, as reads
/// from a socket arrive, and it reports heads, body pieces and message ends as it can.
/// Pipelined messages come out one after the other. After an error it stays failed.
///
/// A server parses requests; a client parses responses and must be told the method of each
/// request it sent, since the answer to HEAD has no body (RFC 9112 §6.3).
public struct HTTP1Parser: Sendable {
    public enum Role: String, Codable, Sendable {
        /// Parses requests.
        case server
        /// Parses responses.
        case client
    }

    /// What the parser found; the caller acts on each in order.
    public enum Action: Equatable, Sendable {
        case head(HTTP1Head)
        case body([UInt8])
        /// The message is complete; trailer fields, if chunked and any were sent.
        case end(trailers: [HTTPField])
        case error(HTTP1ParseError)
    }

    enum State: Equatable, Sendable {
        case startLine
        case fields(HTTP1Head)
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers([HTTPField])
        case untilClose
        case failed(HTTP1ParseError)
    }

    public let role: Role
    /// The longest line accepted, CRLF excluded.
    public var maximumLineLength = 8190
    public var maximumFields = 100
    private(set) var state = State.startLine
    private var buffer: [UInt8] = []
    /// Stream offset of `buffer[0]`.
    private var offset = 0
    private var requestMethods: [String] = []

    public init(role: Role) {
        self.role = role
    }

    /// Client role: a request with this method was sent, so a response is expected.
    public mutating func requestSent(method: String) {
        requestMethods.append(method)
    }

    /// Whether the parser sits between messages (nothing half read).
    public var isIdle: Bool { state == .startLine && buffer.isEmpty }

    /// Octets arrived.
    public mutating func receive<C: Collection>(_ bytes: C) -> [Action] where C.Element == UInt8 {
        if case .failed = state { return [] }
        buffer += bytes
        var actions: [Action] = []
        do {
            while try step(&actions) {}
        } catch {
            state = .failed(error)
            actions.append(.error(error))
        }
        return actions
    }

    /// The peer closed the connection.
    public mutating func receiveEnd() -> [Action] {
        let inside: String
        switch state {
        case .failed: return []
        case .untilClose:
            state = .startLine
            return [.end(trailers: [])]
        case .startLine where buffer.isEmpty: return []
        case .startLine, .fields: inside = "the head of a message"
        case .body: inside = "a Content-Length body"
        case .chunkSize, .chunkData, .chunkDataEnd, .trailers: inside = "a chunked body"
        }
        let error = HTTP1ParseError.unexpectedEnd(inside: inside)
        state = .failed(error)
        return [.error(error)]
    }

    /// Takes one line off the buffer, without its CRLF; nil when no full line is there yet.
    private mutating func line() throws(HTTP1ParseError) -> (text: [UInt8], offset: Int)? {
        guard let lf = buffer.firstIndex(of: 0x0a) else {
            if buffer.count > maximumLineLength + 1 { throw .lineTooLong(limit: maximumLineLength, offset: offset) }
            return nil
        }
        guard lf > 0, buffer[lf - 1] == 0x0d else { throw .bareLineFeed(offset: offset + lf) }
        if lf - 1 > maximumLineLength { throw .lineTooLong(limit: maximumLineLength, offset: offset) }
        let text = Array(buffer[..<(lf - 1)])
        let start = offset
        consume(lf + 1)
        return (text, start)
    }

    private mutating func consume(_ count: Int) {
        buffer.removeFirst(count)
        offset += count
    }

    /// Advances by one element of the grammar; false when more octets are needed.
    private mutating func step(_ actions: inout [Action]) throws(HTTP1ParseError) -> Bool {
        switch state {
        case .failed:
            return false
        case .startLine:
            guard let (line, start) = try line() else { return false }
            // A server ignores at least one empty line before a request (RFC 9112 §2.2).
            if line.isEmpty, role == .server { return true }
            state = .fields(try startLine(line, offset: start))
            return true
        case .fields(var head):
            guard let (line, start) = try line() else { return false }
            if !line.isEmpty {
                head.fields.append(try fieldLine(line, offset: start))
                if head.fields.count > maximumFields { throw .tooManyFields(limit: maximumFields) }
                state = .fields(head)
                return true
            }
            try headComplete(head, &actions)
            return true
        case .body(let remaining):
            guard !buffer.isEmpty else { return false }
            let count = min(remaining, buffer.count)
            actions.append(.body(Array(buffer[..<count])))
            consume(count)
            if count == remaining {
                state = .startLine
                actions.append(.end(trailers: []))
            } else {
                state = .body(remaining: remaining - count)
            }
            return true
        case .chunkSize:
            guard let (line, start) = try line() else { return false }
            // Chunk extensions after ';' are allowed and ignored (RFC 9112 §7.1.1).
            let digits = line.prefix { $0 != UInt8(ascii: ";") }
            let text = String(decoding: digits, as: UTF8.self).httpTrimmed
            guard !text.isEmpty, text.count <= 8, text.allSatisfy(\.isHexDigit), let size = Int(text, radix: 16) else {
                throw .invalidChunkSize(String(decoding: line, as: UTF8.self), offset: start)
            }
            state = size == 0 ? .trailers([]) : .chunkData(remaining: size)
            return true
        case .chunkData(let remaining):
            guard !buffer.isEmpty else { return false }
            let count = min(remaining, buffer.count)
            actions.append(.body(Array(buffer[..<count])))
            consume(count)
            state = count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - count)
            return true
        case .chunkDataEnd:
            guard buffer.count >= 2 else {
                if buffer.first.map({ $0 != 0x0d }) ?? false { throw .missingChunkTerminator(offset: offset) }
                return false
            }
            guard buffer[0] == 0x0d, buffer[1] == 0x0a else { throw .missingChunkTerminator(offset: offset) }
            consume(2)
            state = .chunkSize
            return true
        case .trailers(var trailers):
            guard let (line, start) = try line() else { return false }
            if line.isEmpty {
                state = .startLine
                actions.append(.end(trailers: trailers))
            } else {
                trailers.append(try fieldLine(line, offset: start))
                state = .trailers(trailers)
            }
            return true
        case .untilClose:
            guard !buffer.isEmpty else { return false }
            actions.append(.body(buffer))
            consume(buffer.count)
            return true
        }
    }

    private func startLine(_ line: [UInt8], offset: Int) throws(HTTP1ParseError) -> HTTP1Head {
        let text = String(decoding: line, as: UTF8.self)
        let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        switch role {
        case .server:
            guard parts.count == 3, HTTP1Grammar.isToken(parts[0]), !parts[1].isEmpty,
                !parts[1].contains(where: { $0 == " " || $0 == "\t" }), parts[2].hasPrefix("HTTP/")
            else { throw .invalidStartLine(text, offset: offset) }
            guard parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else {
                throw .unsupportedVersion(parts[2], offset: offset)
            }
            return .request(parts[0], parts[1], fields: [], version: parts[2])
        case .client:
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1].count == 3,
                let status = Int(parts[1]), status >= 100
            else { throw .invalidStartLine(text, offset: offset) }
            guard parts[0] == "HTTP/1.1" || parts[0] == "HTTP/1.0" else {
                throw .unsupportedVersion(parts[0], offset: offset)
            }
            guard !requestMethods.isEmpty else { throw .unexpectedResponse(offset: offset) }
            return .response(status, parts.count == 3 ? parts[2] : "", fields: [], version: parts[0])
        }
    }

    private func fieldLine(_ line: [UInt8], offset: Int) throws(HTTP1ParseError) -> HTTPField {
        if line.first == 0x20 || line.first == 0x09 { throw .obsoleteLineFolding(offset: offset) }
        let text = String(decoding: line, as: UTF8.self)
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .invalidFieldLine(text, offset: offset) }
        let name = String(decoding: line[..<colon], as: UTF8.self)
        if name.last == " " || name.last == "\t" { throw .whitespaceBeforeColon(name.httpTrimmed, offset: offset) }
        guard HTTP1Grammar.isToken(name) else { throw .invalidFieldLine(text, offset: offset) }
        let value = String(decoding: line[(colon + 1)...], as: UTF8.self).httpTrimmed
        return HTTPField(name, value)
    }

    /// Decides how the body is delimited (RFC 9112 §6.3) and moves on.
    private mutating func headComplete(_ head: HTTP1Head, _ actions: inout [Action]) throws(HTTP1ParseError) {
        if role == .server, head.version == "HTTP/1.1", head.values("host").isEmpty { throw .missingHost }
        let codings = head.values("transfer-encoding")
        let lengths = head.values("content-length")
        var noBody = false
        if role == .client, let status = head.status {
            let method = requestMethods.first ?? "GET"
            noBody = method == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304
            // A 1xx is interim: the final response to the same request follows (RFC 9110 §15.2).
            if !(100..<200).contains(status) { requestMethods.removeFirst() }
        }
        actions.append(.head(head))
        if noBody {
            state = .startLine
            actions.append(.end(trailers: []))
            return
        }
        if !codings.isEmpty {
            if !lengths.isEmpty { throw .contentLengthWithTransferEncoding }
            let joined = codings.joined(separator: ", ")
            let last = joined.split(separator: ",").last.map { String($0).httpTrimmed.lowercased() }
            guard last == "chunked" else {
                if role == .client {
                    state = .untilClose
                    return
                }
                throw .unsupportedTransferCoding(joined)
            }
            state = .chunkSize
            return
        }
        if !lengths.isEmpty {
            // A list of identical values is allowed (RFC 9110 §8.6), nothing else.
            let values = Set(lengths.flatMap { $0.split(separator: ",").map { String($0).httpTrimmed } })
            guard values.count == 1, let text = values.first, !text.isEmpty, text.allSatisfy(\.isHTTPDigit),
                text.count <= 15, let length = Int(text)
            else { throw .invalidContentLength(lengths.joined(separator: ", ")) }
            if length == 0 {
                state = .startLine
                actions.append(.end(trailers: []))
            } else {
                state = .body(remaining: length)
            }
            return
        }
        if role == .client {
            state = .untilClose
        } else {
            state = .startLine
            actions.append(.end(trailers: []))
        }
    }
}

/// Bits of RFC 9110's grammar.
enum HTTP1Grammar {
    /// `token = 1*tchar` (RFC 9110 §5.6.2).
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    true
                default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
            }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (optional whitespace, RFC 9110 §5.6.3).
    var httpTrimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[first...last])
    }
}

extension Character {
    var isHTTPDigit: Bool { ("0"..."9").contains(self) }
}
