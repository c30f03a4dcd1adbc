/// The start line and fields of an HTTP/1.1 message (RFC 9112 §2.1, §3, §4, §5).
public struct HTTP1Head: Codable, Sendable, Equatable {
    /// Request method (RFC 9112 §3.1); nil for a response.
    public var method: String?
    /// Request target (RFC 9112 §3.2), e.g. `/index.html`; nil for a response.
    public var target: String?
    /// Status code (RFC 9112 §4); nil for a request.
    public var status: Int?
    /// Reason phrase; nil for a request.
    public var reason: String?
    /// `HTTP/1.1` or `HTTP/1.0` (RFC 9112 §2.3).
    public var version: String
    public var fields: [HTTPField]

    public static func request(_ method: String, _ target: String, fields: [HTTPField], version: String = "HTTP/1.1")
        -> HTTP1Head
    {
        HTTP1Head(method: method, target: target, version: version, fields: fields)
    }

    public static func response(_ status: Int, _ reason: String, fields: [HTTPField], version: String = "HTTP/1.1")
        -> HTTP1Head
    {
        HTTP1Head(status: status, reason: reason, version: version, fields: fields)
    }

    public var isRequest: Bool { method != nil }

    /// The values of every field with this name, case-insensitively (RFC 9110 §5.1).
    public func values(_ name: String) -> [String] {
        let name = name.lowercased()
        return fields.filter { $0.name.lowercased() == name }.map(\.value)
    }

    /// `GET /a HTTP/1.1` or `HTTP/1.1 200 OK`.
    public var startLine: String {
        if let method, let target { return "\(method) \(target) \(version)" }
        return "\(version) \(status ?? 0) \(reason ?? "")"
    }
}

/// How a message's body is delimited on the wire (RFC 9112 §6).
public enum HTTP1Framing: Codable, Sendable, Equatable {
    /// No body, or a body of `Content-Length` octets (§6.2); the field is written for you.
    case contentLength
    /// The chunked transfer coding (§7.1) with chunks of these sizes (the remainder, if any,
    /// as one more chunk) and these trailer fields (§7.1.2).
    case chunked(chunkSizes: [Int], trailers: [HTTPField])
    /// No length at all: a response body ends when the connection closes (§6.3, rule 8).
    case untilClose
}

/// Writes HTTP/1.1 messages as octets (RFC 9112).
public enum HTTP1Writer {
    /// The octets of a message: start line, fields, an empty line, then the framed body.
    /// `Content-Length` or `Transfer-Encoding: chunked` is added to match `framing`
    /// (a request without a body gets neither).
    public static func serialize(_ head: HTTP1Head, body: [UInt8] = [], framing: HTTP1Framing = .contentLength)
        -> [UInt8]
    {
        var fields = head.fields
        switch framing {
        case .contentLength:
            // 1xx, 204 and 304 responses carry no Content-Length (RFC 9110 §8.6).
            let bodiless = head.status.map { $0 < 200 || $0 == 204 || $0 == 304 } ?? false
            if !body.isEmpty || (!head.isRequest && !bodiless) {
                fields.append(HTTPField("Content-Length", String(body.count)))
            }
        case .chunked:
            fields.append(HTTPField("Transfer-Encoding", "chunked"))
        case .untilClose:
            break
        }
        var out = Array((head.startLine + "\r\n").utf8)
        for field in fields { out += Array("\(field.name): \(field.value)\r\n".utf8) }
        out += Array("\r\n".utf8)
        guard case .chunked(let sizes, let trailers) = framing else { return out + body }
        var offset = 0
        for size in sizes + [body.count] where offset < body.count && size > 0 {
            let end = min(offset + size, body.count)
            out += Array((String(end - offset, radix: 16) + "\r\n").utf8) + body[offset..<end] + Array("\r\n".utf8)
            offset = end
        }
        out += Array("0\r\n".utf8)
        for field in trailers { out += Array("\(field.name): \(field.value)\r\n".utf8) }
        return out + Array("\r\n".utf8)
    }
}
