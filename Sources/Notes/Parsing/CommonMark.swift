import CCmarkGFM

#if canImport(Glibc)
    import Glibc
#endif

/// A thin, read-only view of a cmark-gfm syntax tree. The tree is owned by `CommonMarkDocument`
/// and must not outlive it.
struct MarkdownNode {
    let pointer: OpaquePointer

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    var typeName: String { String(cString: cmark_node_get_type_string(pointer)) }
    var firstChild: MarkdownNode? { cmark_node_first_child(pointer).map(MarkdownNode.init) }
    var next: MarkdownNode? { cmark_node_next(pointer).map(MarkdownNode.init) }
    var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
    var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
    var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }

    var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = firstChild
        while let node = child {
            result.append(node)
            child = node.next
        }
        return result
    }

    /// Block (not inline) nodes: the high bits of the type say which (cmark-gfm.h).
    var isBlock: Bool { type.rawValue & 0xC000 == 0x8000 }
    var isHeading: Bool { type == CMARK_NODE_HEADING }
    var isParagraph: Bool { type == CMARK_NODE_PARAGRAPH }
    var isList: Bool { type == CMARK_NODE_LIST }
    var isItem: Bool { type == CMARK_NODE_ITEM }
    var isCodeBlock: Bool { type == CMARK_NODE_CODE_BLOCK }

    /// The text a reader sees, inline Markdown stripped: link text kept, images by their alt
    /// text, HTML dropped, line breaks as spaces.
    var plainText: String {
        var output = ""
        appendPlainText(to: &output)
        return output
    }

    /// The same without images: what a title shows.
    var plainTextWithoutImages: String {
        var output = ""
        appendPlainText(to: &output, images: false)
        return output
    }

    private func appendPlainText(to output: inout String, images: Bool = true) {
        let type = self.type
        if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
            output += literal
        } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
            output += " "
        } else if type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK || (!images && type == CMARK_NODE_IMAGE) {
            return
        } else if type == CMARK_NODE_LINK, isAutolink {
            // A bare URL says nothing a reader searches for (`https://…` would match HTTPS).
            return
        } else if type == CMARK_NODE_CODE_BLOCK {
            output += literal
        } else {
            var child = firstChild
            var isFirst = true
            let isBlockContainer = isBlock && type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING
            while let node = child {
                if isBlockContainer && !isFirst { output += "\n" }
                node.appendPlainText(to: &output, images: images)
                isFirst = false
                child = node.next
            }
            if strcmp(cmark_node_get_type_string(pointer), "table_cell") == 0 { output += " " }
        }
    }

    /// A link whose text is its own web address (`<https://…>`, or a bare URL in GFM).
    var isAutolink: Bool {
        guard type == CMARK_NODE_LINK, let child = firstChild, child.next == nil, child.type == CMARK_NODE_TEXT else {
            return false
        }
        let text = child.literal
        let url = self.url
        // `www.example.com` is a name worth reading; `https://www.rfc-editor.org/…` is an address.
        return text == url && (url.hasPrefix("http://") || url.hasPrefix("https://"))
    }

    /// Calls `visit` for this node and every node below it, depth first.
    func forEachDescendant(_ visit: (MarkdownNode) -> Void) {
        visit(self)
        var child = firstChild
        while let node = child {
            node.forEachDescendant(visit)
            child = node.next
        }
    }
}

/// A parsed document; frees the cmark tree when released.
final class CommonMarkDocument {
    let root: MarkdownNode

    init(markdown: String) {
        let parser = CommonMarkParser.make(options: CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES)!
        defer { cmark_parser_free(parser) }
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        root = MarkdownNode(pointer: cmark_parser_finish(parser))
    }

    deinit {
        cmark_node_free(root.pointer)
    }
}

/// The one place netprep sets up cmark-gfm: the GFM extensions (tables, strikethrough,
/// autolinks, task lists) registered once and attached to every parser, for the notes and for
/// the HTML of exported cards alike.
public enum CommonMarkParser {
    /// cmark-gfm's registry of extensions is global; register it once, before any parse.
    private static let registerOnce: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    /// A parser with the GFM extensions attached; the caller frees it (`cmark_parser_free`).
    public static func make(options: Int32) -> OpaquePointer? {
        registerOnce
        guard let parser = cmark_parser_new(options) else { return nil }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        return parser
    }
}
