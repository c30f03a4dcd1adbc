import Basics
import Models

/// Small helpers the HTTP renderers share: plain text within a width, colour only on request.
enum HTTPText {
    /// Cuts `text` to `width` characters, marking the cut with `~`.
    static func fit(_ text: String, _ width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(width - 1, 0))) + "~"
    }

    /// Breaks `text` into lines of at most `width` characters at spaces, each after `indent`.
    static func wrap(_ text: String, _ width: Int, indent: String = "") -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width - indent.count {
                lines.append(indent + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + fit(String(word), width - indent.count)
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines
    }

    /// Left-aligns `text` in a column of `width`, cutting it if needed.
    static func pad(_ text: String, _ width: Int) -> String {
        let cut = fit(text, width)
        return cut + String(repeating: " ", count: max(width - cut.count, 0))
    }

    /// Right-aligns `text` in a column of `width`.
    static func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(width - text.count, 0)) + text
    }

    /// Hex in groups of two octets, as RFCs print it, cut to `width`.
    static func hex(_ bytes: [UInt8], width: Int) -> String {
        var groups: [String] = []
        var index = 0
        while index < bytes.count {
            groups.append(Hex.string(bytes[index..<min(index + 2, bytes.count)]))
            index += 2
        }
        return fit(groups.joined(separator: " "), width)
    }

    /// Bytes as text with CR and LF made visible (`\r\n`), other control octets as `\xNN`.
    static func visible(_ bytes: [UInt8]) -> String {
        var out = ""
        for byte in bytes {
            switch byte {
            case 0x0d: out += "\\r"
            case 0x0a: out += "\\n"
            case 0x20...0x7e: out.append(Character(Unicode.Scalar(byte)))
            default: out += "\\x" + Hex.string([byte])
            }
        }
        return out
    }

    static func bold(_ text: String, _ style: RenderStyle) -> String {
        Paint(style).bold(text)
    }

    static func colour(_ text: String, _ code: Int, _ style: RenderStyle) -> String {
        Paint(style).wrap(text, String(code))
    }

    static let green = 32, red = 31, cyan = 36, yellow = 33, dim = 2
}
