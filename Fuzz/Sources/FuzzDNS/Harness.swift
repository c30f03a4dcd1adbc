import Models

/// Any bytes as a DNS message: a message or a clear error (compression loops included).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? DNSMessage.decode(bytes)
    return 0
}
