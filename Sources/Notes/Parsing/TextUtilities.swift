import Basics

extension StringProtocol {
    /// Columns of leading white space, a tab counting to the next multiple of four.
    var indentation: Int {
        var columns = 0
        for character in self {
            if character == " " {
                columns += 1
            } else if character == "\t" {
                columns += 4 - columns % 4
            } else {
                break
            }
        }
        return columns
    }
}

/// An explicit id written at the end of a heading or a card line: `... {#why-three}`.
enum ExplicitID {
    /// Splits `text` into the text before a trailing `{#id}` and the id.
    static func split(_ text: String) -> (text: String, id: String?) {
        let trimmed = text.trimmingTrailingSpaces()
        guard trimmed.hasSuffix("}"), let open = trimmed.range(of: "{#", options: .backwards) else {
            return (trimmed, nil)
        }
        let id = trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)]
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.:".contains($0) }) else {
            return (trimmed, nil)
        }
        return (String(trimmed[..<open.lowerBound]).trimmingTrailingSpaces(), String(id))
    }
}

enum Slug {
    /// A key-safe slug of a title: letters (any script) and digits kept, everything else a dash.
    static func make(_ title: String) -> String {
        var result = ""
        var pendingDash = false
        for character in title.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
            } else {
                pendingDash = true
            }
        }
        if result.count > 60 { result = String(result.prefix(60)) }
        return result.isEmpty ? "section" : result
    }
}

/// 64-bit FNV-1a, for ids derived from text.
enum StableHash {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// Substring test on UTF-8 bytes (memmem): the hot paths of the parser call it per line,
    /// where `contains(_:)` goes through Foundation's much slower Unicode-aware search.
    func hasBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pin in
                guard !pin.isEmpty else { return true }
                guard pin.count <= hay.count, let base = hay.baseAddress, let first = pin.first else { return false }
                var offset = 0
                let last = hay.count - pin.count
                while offset <= last {
                    guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, pin.baseAddress!, pin.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}
