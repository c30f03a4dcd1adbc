/// What one read did to a decoder's buffer.
public struct DecodeStep: Codable, Sendable, Equatable {
    /// Bytes in the buffer after appending the read, before anything was taken out.
    public var buffered: Int
    /// The complete messages found, as text.
    public var messages: [String]
    /// Bytes the messages used (with their delimiters or length prefixes).
    public var consumed: Int
    /// Bytes left after compaction: the start of a message still incomplete.
    public var remaining: Int
}

/// A framing error a receiver must treat as fatal for the connection.
public enum FramingError: Error, Equatable, CustomStringConvertible {
    case tooLong(limit: Int, got: Int)

    public var description: String {
        switch self {
        case .tooLong(let limit, let got): return "a message of \(got) bytes exceeds the \(limit)-byte limit"
        }
    }
}

/// Splits a byte stream at CRLF, as line-based protocols (SMTP, HTTP/1.1 headers) do.
///
/// Bytes after the last CRLF wait in the buffer; a CR at the end of one read and LF at the
/// start of the next still make one delimiter, because the search runs over the whole buffer.
public struct DelimiterDecoder: Sendable {
    public private(set) var buffer: [UInt8] = []
    /// Longest line accepted, delimiter excluded (a receiver must bound its buffer).
    public var limit: Int
    /// Where the next search for CR LF starts, so a long line is not rescanned on every read.
    private var scanned = 0

    public init(limit: Int = 8192) {
        self.limit = limit
    }

    /// Appends `bytes`, returns the complete lines and compacts the buffer.
    /// - Complexity: O(n) in the bytes appended plus the bytes left from before.
    public mutating func feed(_ bytes: [UInt8]) throws(FramingError) -> DecodeStep {
        buffer.append(contentsOf: bytes)
        let buffered = buffer.count
        var messages: [String] = []
        var start = 0
        var index = max(scanned, 0)
        while index + 1 < buffer.count {
            if buffer[index] == 0x0D && buffer[index + 1] == 0x0A {
                messages.append(String(decoding: buffer[start..<index], as: UTF8.self))
                start = index + 2
                index = start
            } else {
                index += 1
            }
        }
        if buffer.count - start > limit + 1 { throw .tooLong(limit: limit, got: buffer.count - start) }
        // Compaction: drop what was consumed so the buffer holds only the incomplete tail.
        buffer.removeFirst(start)
        scanned = max(0, index - start)
        return DecodeStep(buffered: buffered, messages: messages, consumed: start, remaining: buffer.count)
    }

    public static func encode(_ messages: [String]) -> [UInt8] {
        messages.flatMap { Array($0.utf8) + [0x0D, 0x0A] }
    }
}

/// Reads messages each preceded by its length as a 2-byte big-endian number.
public struct LengthPrefixDecoder: Sendable {
    public private(set) var buffer: [UInt8] = []
    public var limit: Int

    public init(limit: Int = 8192) {
        self.limit = limit
    }

    public mutating func feed(_ bytes: [UInt8]) throws(FramingError) -> DecodeStep {
        buffer.append(contentsOf: bytes)
        let buffered = buffer.count
        var messages: [String] = []
        var start = 0
        while buffer.count - start >= 2 {
            let length = Int(buffer[start]) << 8 | Int(buffer[start + 1])
            if length > limit { throw .tooLong(limit: limit, got: length) }
            guard buffer.count - start - 2 >= length else { break }
            messages.append(String(decoding: buffer[(start + 2)..<(start + 2 + length)], as: UTF8.self))
            start += 2 + length
        }
        buffer.removeFirst(start)
        return DecodeStep(buffered: buffered, messages: messages, consumed: start, remaining: buffer.count)
    }

    public static func encode(_ messages: [String]) -> [UInt8] {
        messages.flatMap { message in
            let bytes = Array(message.utf8)
            return [UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes
        }
    }
}
