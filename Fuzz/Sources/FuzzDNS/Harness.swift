import FuzzDriver
import Models

/// Any bytes as a DNS message: a message or a clear error (compression loops included).
@_cdecl("FuzzDNS_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = data ?? UnsafePointer(emptyInput)
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? DNSMessage.decode(bytes)
    return 0
}

private let emptyInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
