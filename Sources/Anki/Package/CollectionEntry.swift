import Export
import Foundation
import NetprepZlib

/// Reads the one entry of a package netprep needs, the collection, straight from the zip's
/// central directory, and inflates it with zlib within fixed bounds: never more input than the
/// entry's compressed size, never more output than `limit`. (ZIPFoundation's reader loops for
/// ever on a deflate stream cut short: fuzzing found it.)
enum CollectionEntry {
    enum Failure: Error {
        case notZip
        case missing(newFormat: Bool)
        case tooLarge
        case damaged
    }

    /// Writes the `collection.anki21` (else `collection.anki2`) entry of the zip at `url` to
    /// `destination`.
    static func extract(from url: URL, to destination: URL, limit: Int64) throws(Failure) {
        // Shorter than an end-of-directory record is not a zip (and Foundation leaks the buffer
        // of an empty mapped file).
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        guard size >= 22, let zip = try? Data(contentsOf: url, options: .alwaysMapped) else { throw .notZip }
        // The file is mapped, not copied: a package may hold gigabytes of media.
        let result: Result<Void, Failure> = zip.withUnsafeBytes { raw in
            do throws(Failure) {
                try extract(Bytes(raw: raw), to: destination, limit: limit)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// A zip's bytes, read little-endian; a read past the end gives 0.
    struct Bytes {
        let raw: UnsafeRawBufferPointer
        var count: Int { raw.count }
        subscript(_ index: Int) -> UInt8 { raw[index] }
        subscript(_ range: Range<Int>) -> UnsafeRawBufferPointer.SubSequence { raw[range] }
    }

    private static func extract(_ bytes: Bytes, to destination: URL, limit: Int64) throws(Failure) {
        guard let entries = centralDirectory(bytes) else { throw .notZip }
        guard let entry = entries["collection.anki21"] ?? entries["collection.anki2"] else {
            throw .missing(newFormat: entries["collection.anki21b"] != nil)
        }
        guard entry.uncompressedSize <= limit else { throw .tooLarge }
        // The local header repeats the name and may carry its own extra field.
        let local = entry.localHeaderOffset
        guard local + 30 <= bytes.count, read32(bytes, local) == 0x0403_4B50 else { throw .damaged }
        let start = local + 30 + read16(bytes, local + 26) + read16(bytes, local + 28)
        guard start + entry.compressedSize <= bytes.count else { throw .damaged }
        let input = bytes[start..<(start + entry.compressedSize)]
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
            let output = try? FileHandle(forWritingTo: destination)
        else { throw .damaged }
        defer { try? output.close() }
        switch entry.method {
        case 0:
            guard entry.compressedSize <= limit else { throw .tooLarge }
            guard (try? output.write(contentsOf: Data(input))) != nil else { throw .damaged }
        case 8:
            try inflate(input, into: output, limit: limit)
        default:
            throw .damaged
        }
    }

    struct Entry {
        var method: Int
        var compressedSize: Int
        var uncompressedSize: Int64
        var localHeaderOffset: Int
    }

    /// The entries named in the end-of-central-directory record's directory, by name.
    static func centralDirectory(_ bytes: Bytes) -> [String: Entry]? {
        guard bytes.count >= 22 else { return nil }
        // The end record is in the last 22 + 65,535 (comment) bytes.
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, read32(bytes, end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { return nil }
        let count = read16(bytes, end + 10)
        var position = read32(bytes, end + 16)
        var entries: [String: Entry] = [:]
        for _ in 0..<count {
            guard position + 46 <= bytes.count, read32(bytes, position) == 0x0201_4B50 else { return nil }
            let nameLength = read16(bytes, position + 28)
            let next = position + 46 + nameLength + read16(bytes, position + 30) + read16(bytes, position + 32)
            guard position + 46 + nameLength <= bytes.count else { return nil }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            // Sizes of 0xFFFFFFFF mean ZIP64, which no collection netprep reads needs.
            let compressed = read32(bytes, position + 20)
            let uncompressed = read32(bytes, position + 24)
            if compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF {
                entries[name] = Entry(
                    method: read16(bytes, position + 10), compressedSize: compressed,
                    uncompressedSize: Int64(uncompressed), localHeaderOffset: read32(bytes, position + 42))
            } else {
                entries[name] = Entry(method: -1, compressedSize: 0, uncompressedSize: Int64.max, localHeaderOffset: 0)
            }
            position = next
        }
        return entries
    }

    /// Raw deflate (no zlib header), as zip stores it.
    static func inflate(_ input: UnsafeRawBufferPointer.SubSequence, into output: FileHandle, limit: Int64) throws(Failure) {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .damaged
        }
        defer { inflateEnd(&stream) }
        var written: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var input = [UInt8](input)
        var status: Int32 = Z_OK
        try input.withUnsafeMutableBufferPointer { (source) throws(Failure) in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while status != Z_STREAM_END {
                let before = stream.avail_in
                let produced: Int = buffer.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    status = NetprepZlib.inflate(&stream, Z_NO_FLUSH)
                    return target.count - Int(stream.avail_out)
                }
                // All the input is given at once: no progress, or Z_BUF_ERROR, means the stream
                // was cut short; anything else but Z_OK is corrupt data.
                let progressed = produced > 0 || stream.avail_in < before
                guard status == Z_STREAM_END || (status == Z_OK && progressed) else { throw .damaged }
                written += Int64(produced)
                guard written <= limit else { throw .tooLarge }
                guard (try? output.write(contentsOf: Data(buffer[0..<produced]))) != nil else { throw .damaged }
            }
        }
    }

    static func read16(_ bytes: Bytes, _ at: Int) -> Int {
        guard at + 2 <= bytes.count else { return 0 }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    static func read32(_ bytes: Bytes, _ at: Int) -> Int {
        guard at + 4 <= bytes.count else { return 0 }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
    }
}
