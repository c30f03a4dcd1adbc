import Anki
import Foundation
import FuzzDriver
import Store

/// Any bytes as an .apkg (a zip with any SQLite file inside): refused or imported safely.
let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-fuzz-apkg-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

@_cdecl("FuzzAnkiPackage_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = data ?? UnsafePointer(emptyInput)
    let package = folder.appendingPathComponent("fuzz.apkg")
    try! Data(UnsafeBufferPointer(start: data, count: size)).write(to: package)
    var importer = AnkiHistoryImport(database: try! AppDatabase.inMemory())
    importer.maximumCollectionBytes = 64 << 20
    _ = try? importer.importReviews(from: package)
    return 0
}

private let emptyInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
