import FuzzDriver
import Models

/// Any bytes as HTTP/1.1 from a server and from a client, fed in two pieces.
@_cdecl("FuzzHTTP1_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = data ?? UnsafePointer(emptyInput)
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

private let emptyInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
