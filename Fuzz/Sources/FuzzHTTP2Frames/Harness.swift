import Models

/// Any bytes as an HTTP/2 connection's frames, with and without the client preface.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for preface in [true, false] {
        var parser = HTTP2FrameParser(expectPreface: preface)
        _ = parser.receive(bytes)
    }
    return 0
}
