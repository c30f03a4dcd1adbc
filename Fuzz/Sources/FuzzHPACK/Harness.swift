import FuzzDriver
import Models

/// Any bytes as an HPACK header block: fields or an HPACK error.
@_cdecl("FuzzHPACK_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = data ?? UnsafePointer(emptyInput)
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = HPACKDecoder()
    _ = try? decoder.decode(bytes)
    _ = try? HPACKHuffman.decode(bytes)
    return 0
}

private let emptyInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
