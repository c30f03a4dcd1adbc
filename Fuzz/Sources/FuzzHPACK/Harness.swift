import Models

/// Any bytes as an HPACK header block: fields or an HPACK error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = HPACKDecoder()
    _ = try? decoder.decode(bytes)
    _ = try? HPACKHuffman.decode(bytes)
    return 0
}
