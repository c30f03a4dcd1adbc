import Basics
import Notes
import Store

/// Where a card goes and what it is called, the same in every export format.
package enum CardLayout {
    /// Folder names whose words are acronyms, written in capitals in deck names.
    static let acronyms: Set<String> = [
        "arp", "bbr", "dns", "http", "https", "icmp", "ip", "ipv4", "ipv6", "osi", "sso", "tcp", "tls", "udp", "url",
        "csrf", "xss", "jwt", "nat", "mtu", "quic",
    ]

    /// `netprep::TCP::TCP congestion control (Reno and NewReno)`: the note's top folder, then its title.
    static func deckName(for note: ExportNote) -> String {
        var parts = ["netprep"]
        if let folder = note.topFolder {
            parts.append(folderLabel(folder))
        } else if let dot = note.key.firstIndex(of: ".") {
            parts.append(folderLabel(String(note.key[..<dot])))
        }
        parts.append(note.title)
        return parts.map(clean).joined(separator: "::")
    }

    /// `https-tls` -> `HTTPS TLS`, `url-journey` -> `URL Journey`, `basics` -> `Basics`.
    static func folderLabel(_ folder: String) -> String {
        folder.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).map { word in
            let lower = word.lowercased()
            return acronyms.contains(lower) ? lower.uppercased() : lower.prefix(1).uppercased() + lower.dropFirst()
        }.joined(separator: " ")
    }

    /// A deck name component: no `::` (Anki's separator), no line breaks, never empty.
    static func clean(_ component: String) -> String {
        let flattened = component.replacingOccurrences(of: "::", with: ":")
            .split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return flattened.isEmpty ? "untitled" : flattened
    }

    /// Anki tags: no spaces inside a tag.
    static func tags(for note: ExportNote) -> [String] {
        var seen: Set<String> = []
        return note.tags.compactMap { tag in
            let cleaned = tag.split(whereSeparator: { $0.isWhitespace }).joined(separator: "_")
            guard !cleaned.isEmpty, seen.insert(cleaned.lowercased()).inserted else { return nil }
            return cleaned
        }
    }

    /// The cloze numbers used in `text` (`{{c2::...}}` -> 2), ascending.
    static func clozeNumbers(in text: String) -> [Int] {
        Cloze.numbers(in: text)
    }

    /// The Anki GUID of a card: 64 bits of FNV-1a over the card id, written in Anki's own
    /// 91-character alphabet. The same card id gives the same GUID in every export, so a
    /// re-import updates the note instead of adding another.
    package static func guid(forCardID id: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "netprep:\(id)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let alphabet = Array(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~")
        var digits: [Character] = []
        repeat {
            digits.append(alphabet[Int(hash % UInt64(alphabet.count))])
            hash /= UInt64(alphabet.count)
        } while hash > 0
        return String(digits.reversed())
    }

    /// The command that runs a card's demo.
    static func demoCommand(_ demo: DemoCall) -> String { "netprep demo run \(demo.text)" }

    /// A positive id below 2^53 (JSON numbers stay exact) derived from `text`.
    package static func stableID(_ text: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(hash % (1 << 52)) + 2
    }
}
