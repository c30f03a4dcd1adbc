import Foundation
import FuzzDriver
import Store

/// Any string as a search: results or a clear message, never an SQLite syntax error.
let database: AppDatabase = {
    let database = try! AppDatabase.inMemory()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-fuzz-search-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let note = "# TCP 三次握手\n\n## Why three? {#why}\n\nSYN, SYN+ACK, ACK: TIME_WAIT and keep-alive.\n"
    try! note.write(to: folder.appendingPathComponent("tcp.md"), atomically: true, encoding: .utf8)
    _ = try! Importer(database: database).importPaths([folder.path], origin: .user)
    return database
}()

@_cdecl("FuzzSearchQuery_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = data ?? UnsafePointer(emptyInput)
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try database.search(text, limit: 5)
    } catch let error as StoreError {
        guard case .badQuery = error else { fatalError("search '\(text)': \(error)") }
    } catch {
        fatalError("search '\(text)' reached SQLite as a bad query: \(error)")
    }
    return 0
}

private let emptyInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
