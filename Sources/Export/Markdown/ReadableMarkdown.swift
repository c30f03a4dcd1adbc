import Basics

/// A note's Markdown made for reading, by `show` and the web view alike: `{#id}` anchors leave
/// the headings, and each ```` ```demo ```` block becomes what `demo` makes of its call (a
/// line that says how to run it, a placeholder for a runner). Code blocks stay as written.
public enum ReadableMarkdown {
    /// - Parameters:
    ///   - demo: the lines a demo block becomes.
    ///   - text: applied to every line outside code blocks, after its anchor is gone.
    public static func prepare(
        _ markdown: String, demo: (DemoCall) -> [String], text: (String) -> String = { $0 }
    ) -> String {
        var lines: [String] = []
        var fence: String?
        var inDemo = false
        // Split by bytes: splitting the String itself would find grapheme clusters first.
        for bytes in markdown.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = Substring(bytes)
            // Only lines starting with a fence or `#` change; most pass untouched.
            let start = line.drop { $0 == " " || $0 == "\t" }
            if inDemo {
                if start.hasPrefix("```") || start.hasPrefix("~~~") { inDemo = false }
                continue
            }
            if let open = fence {
                if start.hasPrefix(open) { fence = nil }
                lines.append(String(line))
                continue
            }
            if start.hasPrefix("```demo") || start.hasPrefix("~~~demo") {
                if let call = DemoCall(text: start.dropFirst(7).trimmingSpaces()) {
                    lines += demo(call)
                }
                inDemo = true
                continue
            }
            if start.hasPrefix("```") || start.hasPrefix("~~~") {
                fence = String(start.prefix(3))
                lines.append(String(line))
                continue
            }
            var shown = String(line)
            if start.first == "#", shown.trimmingTrailingSpaces().hasSuffix("}"),
                let anchor = shown.range(of: " {#", options: .backwards)
            {
                shown = String(shown[..<anchor.lowerBound])
            }
            lines.append(text(shown))
        }
        return lines.joined(separator: "\n")
    }
}
