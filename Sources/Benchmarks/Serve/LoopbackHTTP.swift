import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// HTTP/1.1 to 127.0.0.1 over a plain socket, one request a connection: what the page-load
/// benchmark times, and what the tests use to send any Host header a hostile page could.
public enum LoopbackHTTP {
    public struct Reply: Sendable {
        public var status: Int
        /// Field names in lower case.
        public var headers: [String: String]
        public var body: String
        /// The whole reply as received, head included.
        public var bytes: Int
    }

    public enum Failure: Error {
        case connect(Int32)
        case noReply(String)
    }

    public static func request(
        port: Int, method: String = "GET", path: String, host: String? = nil, headers: [String: String] = [:],
        body: String = ""
    ) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.connect(errno) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure.connect(errno) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        if method != "GET" || !body.isEmpty { head += "Content-Length: \(body.utf8.count)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let request = Array((head + "\r\n" + body).utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure.noReply(text) }
        let lines = text[..<split.lowerBound].split(separator: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var content = String(text[split.upperBound...])
        if fields["transfer-encoding"] == "chunked" { content = dechunked(content) }
        return Reply(status: status, headers: fields, body: content, bytes: received.count)
    }

    /// A chunked body's chunks joined.
    static func dechunked(_ text: String) -> String {
        var bytes = Substring(text).utf8[...]
        var output: [UInt8] = []
        while let end = bytes.firstRange(of: "\r\n".utf8) {
            let size = Int(String(decoding: bytes[..<end.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = end.upperBound
            let stop = bytes.index(start, offsetBy: size)
            output += bytes[start..<stop]
            bytes = bytes[bytes.index(stop, offsetBy: 2)...]
        }
        return String(decoding: output, as: UTF8.self)
    }
}
