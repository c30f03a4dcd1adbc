import Foundation

/// The text of a file after decoding and the loose-Markdown repairs, line by line, with each
/// line's place in the original file so that every warning and node can name its real line.
struct SourceText {
    var lines: [String]
    /// `origin[i]` is the 1-based line in the original file that `lines[i]` came from.
    var origin: [Int]

    init(text: String) {
        // Split on the byte 10, not on Characters: far cheaper, and "\n" is never part of a
        // longer grapheme once CRLF has been normalised. Over the contiguous bytes: a generic
        // split of the UTF-8 view cost twenty instructions a byte.
        var text = text
        lines = text.withUTF8 { bytes in
            var lines: [String] = []
            var start = 0
            for index in bytes.indices where bytes[index] == 10 {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return lines
        }
        origin = Array(1...max(lines.count, 1)).prefix(lines.count).map { $0 }
    }

    /// The original line of a 1-based processed line.
    func originalLine(_ processed: Int) -> Int {
        guard !origin.isEmpty else { return 1 }
        let index = min(max(processed - 1, 0), origin.count - 1)
        return origin[index]
    }

    var joined: String { lines.joined(separator: "\n") }

    /// The processed lines `first...last` (1-based, inclusive), clamped.
    func slice(_ first: Int, _ last: Int) -> ArraySlice<String> {
        let lower = max(first - 1, 0)
        let upper = min(last, lines.count)
        guard lower < upper else { return [] }
        return lines[lower..<upper]
    }
}

/// Turns file bytes into text, or says why they are not a note.
enum Decoder {
    /// Strips a UTF-8 BOM, normalises CRLF and CR to LF, and rejects NUL bytes and invalid UTF-8.
    /// - Complexity: O(n) in the file's size.
    static func decode(_ bytes: [UInt8], file: String) throws -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if has(0, in: body) { throw NoteError.binary(file: file) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw NoteError.invalidUTF8(file: file, line: lineOfFirstInvalidByte(body))
        }
        if !has(13, in: body) { return text }
        return text.replacingCRLF()
    }

    /// Whether `byte` is in `bytes`, by `memchr` (a generic `contains` over a whole file cost
    /// an import a twentieth of its parsing).
    private static func has(_ byte: UInt8, in bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    private static func lineOfFirstInvalidByte(_ bytes: ArraySlice<UInt8>) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var line = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 10 { line += 1 }
            case .emptyInput:
                return line
            case .error:
                return line
            }
        }
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var previousWasCR = false
        for byte in utf8 {
            if byte == 13 {
                bytes.append(10)
                previousWasCR = true
                continue
            }
            if byte == 10 && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
