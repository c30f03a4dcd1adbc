import FuzzDriver
import Scheduler

/// Any bytes as a review history CSV: rows, or an error naming the line.
@_cdecl("FuzzReviewCSV_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = data ?? UnsafePointer(emptyInput)
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let records = try ReviewHistory.parse(csv: text, source: "fuzz.csv")
        let lines = text.reduce(1) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) }
        for record in records where record.line < 2 || record.line > lines {
            fatalError("row at line \(record.line) of \(lines)")
        }
    } catch {
        _ = error.description
    }
    return 0
}

private let emptyInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
