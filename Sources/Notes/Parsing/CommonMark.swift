import CCmarkGFM
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A thin, read-only view of a cmark-gfm syntax tree. The tree is owned by `CommonMarkDocument`
/// and must not outlive it. The package's other Markdown readers (the terminal renderer) walk
/// the same tree through `kind`.
package struct MarkdownNode {
    let pointer: OpaquePointer

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    var typeName: String { String(cString: cmark_node_get_type_string(pointer)) }
    package var firstChild: MarkdownNode? { cmark_node_first_child(pointer).map(MarkdownNode.init) }
    package var next: MarkdownNode? { cmark_node_next(pointer).map(MarkdownNode.init) }
    package var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
    package var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
    var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    package var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    package var endLine: Int { Int(cmark_node_get_end_line(pointer)) }

    /// What a node is, for readers outside this module (which do not see cmark's types).
    package enum Kind: Sendable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
        case table, tableRow, tableCell
        case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, strikethrough, link, image
        case other
    }

    package var kind: Kind {
        switch type {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default:
            // The GFM extensions' nodes are known by name.
            switch typeName {
            case "table": return .table
            case "table_header", "table_row": return .tableRow
            case "table_cell": return .tableCell
            case "strikethrough": return .strikethrough
            case "tasklist": return .item
            default: return .other
            }
        }
    }

    /// A list's first number, for a numbered list (nil for bullets).
    package var listStart: Int? {
        cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST ? Int(cmark_node_get_list_start(pointer)) : nil
    }

    /// A list whose items are separated by blank lines (CommonMark's "loose" list).
    package var listIsLoose: Bool { cmark_node_get_list_tight(pointer) == 0 }

    /// A task list item's box: nil for an ordinary item.
    package var taskChecked: Bool? {
        typeName == "tasklist" ? cmark_gfm_extensions_get_tasklist_item_checked(pointer) : nil
    }

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
    package var isAutolink: Bool {
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
package final class CommonMarkDocument {
    package let root: MarkdownNode

    package init(markdown: String) {
        let (parser, root) = CommonMarkParser.parse(markdown, options: CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES)
        cmark_parser_free(parser)
        self.root = MarkdownNode(pointer: root)
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

    /// cmark-gfm keeps the characters its inline extensions react to (`~`, `|`) in one table
    /// for the whole process, and each parse adds and removes its own while it runs: two
    /// parses at once can lose a strikethrough or a table cell. Parses take turns; the rest of
    /// reading a note (most of its time) stays parallel.
    private static let parsing = NSLock()

    /// `markdown` parsed with the GFM extensions: the parser (for its extensions, as the HTML
    /// renderer needs them) and the document. The caller frees both (`cmark_parser_free`,
    /// `cmark_node_free`).
    public static func parse(_ markdown: String, options: Int32) -> (parser: OpaquePointer, root: OpaquePointer) {
        let parser = make(options: options)!
        var text = markdown
        parsing.lock()
        defer { parsing.unlock() }
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        return (parser, cmark_parser_finish(parser))
    }

    /// A parser with the GFM extensions attached; the caller frees it (`cmark_parser_free`).
    static func make(options: Int32) -> OpaquePointer? {
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
