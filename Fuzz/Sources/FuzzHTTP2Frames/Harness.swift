import FuzzDriver
import Models

/// Any bytes as an HTTP/2 connection's frames, with and without the client preface.
@_cdecl("FuzzHTTP2Frames_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = data ?? UnsafePointer(emptyInput)
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for preface in [true, false] {
        var parser = HTTP2FrameParser(expectPreface: preface)
        _ = parser.receive(bytes)
    }
    return 0
}

private let emptyInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
