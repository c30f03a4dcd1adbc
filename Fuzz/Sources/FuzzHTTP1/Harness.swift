import Models

/// Any bytes as HTTP/1.1 from a server and from a client, fed in two pieces.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for role in [HTTP1Parser.Role.client, .server] {
        var parser = HTTP1Parser(role: role)
        if role == .client { parser.requestSent(method: "GET") }
        let split = bytes.count / 2
        _ = parser.receive(bytes[..<split])
        _ = parser.receive(bytes[split...])
        _ = parser.receiveEnd()
    }
    return 0
}
