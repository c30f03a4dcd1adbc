import Basics
import Foundation

/// Byte helpers shared by the Web models: base64url text, big-endian integers and seeded random
/// bytes (hex is `Hex`).
package enum Bytes {
    /// Base64url without padding (RFC 4648 §5), as JWTs use it (RFC 7515 §2).
    static func base64URL<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url with or without padding; nil if malformed.
    static func fromBase64URL(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !standard.contains("=") else { return nil }
        while standard.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map { Array($0) }
    }

    /// `count` bytes drawn from a seeded generator.
    static func random(_ count: Int, using generator: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            var word = generator.next()
            for _ in 0..<8 where out.count < count {
                out.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return out
    }

    /// A short form of long hex for terminal lines: first and last bytes.
    package static func abbreviated(_ hex: String, keep: Int = 16) -> String {
        guard hex.count > keep * 2 + 3 else { return hex }
        return String(hex.prefix(keep)) + "..." + String(hex.suffix(keep / 2))
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: Int, bytes count: Int) {
        for shift in stride(from: (count - 1) * 8, through: 0, by: -8) {
            append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    /// Appends `body` preceded by its length in `lengthBytes` big-endian bytes (TLS vectors,
    /// RFC 8446 §3.4).
    mutating func appendVector(_ body: [UInt8], lengthBytes: Int) {
        appendBigEndian(body.count, bytes: lengthBytes)
        append(contentsOf: body)
    }
}
