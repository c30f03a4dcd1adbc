import CCmarkGFM
import Foundation
import Notes

/// Markdown to HTML for card fields, through cmark-gfm with the GFM table, strikethrough,
/// autolink and task-list extensions.
///
/// Notes are the user's own files, and Anki shows a field's HTML as it is, so the tree is
/// sanitised before rendering: raw HTML blocks are dropped, inline raw HTML survives only as a
/// bare formatting tag without attributes (`<sub>`, `<br>`, `<kbd>` ...: no `<script>`, no
/// event handlers), and a link or image whose URL has a scheme other than http, https or
/// mailto loses its URL (no `javascript:`, `data:`, `vbscript:`).
public enum MarkdownHTML {
    /// Inline tags kept when written bare (`<sub>`, `</sub>`, `<br/>`).
    static let allowedInlineTags: Set<String> = [
        "b", "i", "em", "strong", "u", "s", "del", "sub", "sup", "kbd", "mark", "small", "br", "code",
    ]

    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// The sanitised HTML of `markdown`.
    ///
    /// - Complexity: O(n) in the length of `markdown`.
    ///
    /// - Parameters:
    ///   - localImage: called with the URL of each image that has no scheme (a file beside the
    ///     note); what it returns replaces the URL (nil keeps it).
    ///   - localLink: the same for each link without a scheme (another note, `other.md`).
    public static func render(
        _ markdown: String, localImage: ((String) -> String?)? = nil, localLink: ((String) -> String?)? = nil
    ) -> String {
        // Unsafe rendering is safe here: every raw HTML node and URL is vetted below first.
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES
        let (parser, root) = CommonMarkParser.parse(CJKEmphasis.separating(markdown), options: options)
        defer { cmark_parser_free(parser) }
        defer { cmark_node_free(root) }
        sanitise(root, localImage: localImage, localLink: localLink)
        joinCJKLines(root)
        guard let html = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else {
            return escape(markdown)
        }
        defer { free(html) }
        return CJKEmphasis.visible(String(cString: html)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Drops or defuses every node that could run code in the card.
    static func sanitise(
        _ root: OpaquePointer, localImage: ((String) -> String?)? = nil, localLink: ((String) -> String?)? = nil
    ) {
        var doomed: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_BLOCK {
                doomed.append(node)
            } else if type == CMARK_NODE_HTML_INLINE {
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                if !isBareAllowedTag(literal) { doomed.append(node) }
            } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if !isSafeURL(url) {
                    cmark_node_set_url(node, "")
                } else if type == CMARK_NODE_IMAGE, let localImage, !hasScheme(url), let replacement = localImage(url) {
                    cmark_node_set_url(node, replacement)
                } else if type == CMARK_NODE_LINK, let localLink, !hasScheme(url), let replacement = localLink(url) {
                    cmark_node_set_url(node, replacement)
                }
            }
        }
        for node in doomed {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// Drops the line breaks inside paragraphs that a browser would show as a space where a
    /// Chinese writer means none (`CJKLineBreak`): between two Chinese characters, next to
    /// full-width punctuation.
    static func joinCJKLines(_ root: OpaquePointer) {
        var joined: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK
            else { continue }
            let before = cmark_node_previous(node).flatMap { edgeScalar(of: $0, last: true) }
            let after = cmark_node_next(node).flatMap { edgeScalar(of: $0, last: false) }
            if CJKLineBreak.joinsWithoutSpace(before, after) { joined.append(node) }
        }
        for node in joined {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// The first or last visible scalar of an inline node's text (inside emphasis, links, code).
    static func edgeScalar(of node: OpaquePointer, last: Bool) -> Unicode.Scalar? {
        let type = cmark_node_get_type(node)
        if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
            guard let literal = cmark_node_get_literal(node) else { return nil }
            let scalars = String(cString: literal).unicodeScalars.filter { $0 != CJKEmphasis.separator }
            return last ? scalars.last : scalars.first
        }
        guard let child = last ? cmark_node_last_child(node) : cmark_node_first_child(node) else { return nil }
        return edgeScalar(of: child, last: last)
    }

    /// Whether `literal` is exactly one allowed tag with no attributes: `<sub>`, `</sub>`, `<br/>`.
    static func isBareAllowedTag(_ literal: String) -> Bool {
        var inner = Substring(literal.trimmingCharacters(in: .whitespaces))
        guard inner.hasPrefix("<"), inner.hasSuffix(">") else { return false }
        inner = inner.dropFirst().dropLast()
        if inner.hasPrefix("/") { inner = inner.dropFirst() }
        if inner.hasSuffix("/") { inner = inner.dropLast() }
        let name = inner.trimmingCharacters(in: .whitespaces).lowercased()
        return allowedInlineTags.contains(name)
    }

    /// Relative URLs and anchors pass, as do http, https and mailto; anything else with a
    /// scheme does not. Browsers ignore control characters and whitespace inside a scheme
    /// (`java\tscript:`), so those are removed before looking.
    static func isSafeURL(_ url: String) -> Bool {
        let cleaned = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        guard let colon = cleaned.firstIndex(of: ":") else { return true }
        let beforeColon = cleaned[..<colon]
        if beforeColon.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return true }
        return allowedSchemes.contains(beforeColon.lowercased())
    }

    /// Whether `url` starts with a scheme (`https:`), as opposed to a path or an anchor.
    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        return !url[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" })
    }

    /// `text` with `&`, `<`, `>` and `"` escaped.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            default: output.append(character)
            }
        }
        return output
    }

    /// The text of an HTML fragment without its tags, entities decoded, whitespace collapsed:
    /// Anki's sort field.
    package static func plainText(_ html: String) -> String {
        var output = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
            } else if character == ">" && inTag {
                inTag = false
                output.append(" ")
            } else if !inTag {
                output.append(character)
            }
        }
        let decoded =
            output
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        return decoded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
