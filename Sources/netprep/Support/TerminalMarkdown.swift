import Foundation

/// Markdown drawn for a terminal, line by line: headings bold, code blocks indented, inline
/// code and bold marked, `{#id}` anchors hidden, demo blocks shown as the command that runs them.
enum TerminalMarkdown {
    static func render(_ markdown: String, width: Int, color: Bool) -> String {
        func style(_ code: String, _ text: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var output: [String] = []
        var fence: String?
        var isDemo = false
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open) && trimmed.allSatisfy({ String($0) == String(open.first!) }) {
                    fence = nil
                    isDemo = false
                } else if !isDemo {
                    output.append("    " + style("2", line))
                }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                let marker = String(trimmed.prefix(while: { $0 == "`" || $0 == "~" }))
                let info = trimmed.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
                fence = marker
                if info == "demo" || info.hasPrefix("demo ") {
                    isDemo = true
                    output.append(style("36", "▶ netprep demo run " + info.dropFirst(4).trimmingCharacters(in: .whitespaces)))
                }
                continue
            }
            if trimmed.hasPrefix("#") {
                let text = trimmed.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                output.append(style("1", inline(hidingAnchor(text), color: color)))
                continue
            }
            output.append(inline(line, color: color))
        }
        return output.joined(separator: "\n")
    }

    private static func hidingAnchor(_ text: String) -> String {
        guard text.hasSuffix("}"), let open = text.range(of: " {#", options: .backwards) else { return text }
        return String(text[..<open.lowerBound])
    }

    /// `**bold**` and `` `code` `` for the terminal; other inline Markdown stays as typed.
    static func inline(_ line: String, color: Bool) -> String {
        guard line.contains("**") || line.contains("`") else { return line }
        var output = ""
        var rest = Substring(line)
        while !rest.isEmpty {
            if rest.hasPrefix("**"), let close = rest.dropFirst(2).range(of: "**") {
                let inner = rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound]
                output += color ? "\u{1B}[1m\(inner)\u{1B}[0m" : String(inner)
                rest = rest[close.upperBound...]
            } else if rest.hasPrefix("`"), let close = rest.dropFirst().firstIndex(of: "`") {
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                output += color ? "\u{1B}[33m\(inner)\u{1B}[0m" : String(inner)
                rest = rest[rest.index(after: close)...]
            } else {
                output.append(rest.removeFirst())
            }
        }
        return output
    }
}
