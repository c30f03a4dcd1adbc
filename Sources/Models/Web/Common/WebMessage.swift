/// An HTTP/1.1 message as the Web models put it on the wire (RFC 9112 §2): start line,
/// header fields, empty line, body. The models build these by hand so the JSON can carry the
/// exact bytes of every `Set-Cookie`, `Cookie` and `Location` exchanged.
public struct WebMessage: Codable, Sendable, Equatable {
    /// `GET /account HTTP/1.1` or `HTTP/1.1 302 Found`.
    public var startLine: String
    /// Header fields in order, as (name, value).
    public var headers: [Header]
    public var body: String

    public struct Header: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
    }

    static func request(
        _ method: String, _ target: String, host: String, headers: [(String, String)] = [], body: String = ""
    ) -> WebMessage {
        var all = [Header(name: "Host", value: host)] + headers.map { Header(name: $0.0, value: $0.1) }
        if !body.isEmpty || method == "POST" {
            all.append(Header(name: "Content-Length", value: String(body.utf8.count)))
        }
        return WebMessage(startLine: "\(method) \(target) HTTP/1.1", headers: all, body: body)
    }

    static func response(_ status: Int, headers: [(String, String)] = [], body: String = "") -> WebMessage {
        var all = headers.map { Header(name: $0.0, value: $0.1) }
        all.append(Header(name: "Content-Length", value: String(body.utf8.count)))
        return WebMessage(startLine: "HTTP/1.1 \(status) \(reason(status))", headers: all, body: body)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 204: return "No Content"
        case 302: return "Found"
        case 303: return "See Other"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        default: return "Status"
        }
    }

    /// The first value of a header, compared case-insensitively (RFC 9110 §5.1).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var method: String { String(startLine.split(separator: " ").first ?? "") }
    var target: String {
        let parts = startLine.split(separator: " ")
        return parts.count > 1 ? String(parts[1]) : ""
    }
    package var status: Int { Int(startLine.split(separator: " ").dropFirst().first ?? "") ?? 0 }

    /// The message as sent, CRLF line endings.
    var bytes: [UInt8] {
        var text = startLine + "\r\n"
        for header in headers { text += "\(header.name): \(header.value)\r\n" }
        text += "\r\n" + body
        return Array(text.utf8)
    }

    /// Start line and the headers worth showing in a ladder (cookies, location, origin...).
    package func summaryLines(showing names: Set<String>) -> [String] {
        headers.filter { names.contains($0.name.lowercased()) }.map { "\($0.name): \($0.value)" }
    }
}

/// Percent-encodes a URL for a query parameter (RFC 3986 §2.1, unreserved characters kept).
func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        let char = Character(UnicodeScalar(byte))
        if char.isASCII && (char.isLetter || char.isNumber || "-._~".contains(char)) {
            out.append(char)
        } else {
            out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
    }
    return out
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
