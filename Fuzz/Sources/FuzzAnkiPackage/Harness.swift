import Foundation
import Anki
import Store

/// Any bytes as an .apkg (a zip with any SQLite file inside): refused or imported safely.
let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-fuzz-apkg-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let package = folder.appendingPathComponent("fuzz.apkg")
    try! Data(UnsafeBufferPointer(start: data, count: size)).write(to: package)
    var importer = AnkiHistoryImport(database: try! AppDatabase.inMemory())
    importer.maximumCollectionBytes = 64 << 20
    _ = try? importer.importReviews(from: package)
    return 0
}
