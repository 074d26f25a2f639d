import CCmarkGFM

/// A CommonMark + GFM syntax tree as plain Swift values, so extraction never touches C pointers.
///
/// Built by `MarkdownNode.parse(_:)` from cmark-gfm with the tasklist and table extensions, the
/// same parser GitHub uses: fences, indented code, HTML blocks and block quotes are what CommonMark
/// says they are, so a `- [ ]` inside a fence is code, never a task.
struct MarkdownNode: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case document
        case blockQuote
        case list(ordered: Bool)
        case item
        case taskItem(checked: Bool)
        case codeBlock(info: String, fenced: Bool)
        case htmlBlock
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case table
        case tableRow(header: Bool)
        case tableCell
        case text
        case softBreak
        case lineBreak
        case code
        case htmlInline
        case emphasis
        case strong
        case strikethrough
        case link
        case image
        case other
    }

    var kind: Kind
    /// 1-based start line in the text given to the parser.
    var line: Int
    var endLine: Int
    /// Text of text, code and HTML nodes; empty for containers.
    var literal: String
    var children: [MarkdownNode]

    /// Deeper nodes are dropped (and `truncated` set): bounds recursion on pathological input.
    static let maxDepth = 64

    /// Parses `text` with cmark-gfm (tasklist, table and strikethrough extensions on).
    static func parse(_ text: String) -> (root: MarkdownNode, truncated: Bool) {
        let empty = MarkdownNode(kind: .document, line: 1, endLine: 1, literal: "", children: [])
        guard extensionsRegistered, let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return (empty, false) }
        defer { cmark_parser_free(parser) }
        for name in ["tasklist", "table", "strikethrough"] {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                cmark_parser_feed(parser, pointer, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return (empty, false) }
        defer { cmark_node_free(document) }
        var truncated = false
        let root = convert(document, depth: 0, truncated: &truncated)
        return (root, truncated)
    }

    /// cmark-gfm's extension registry is process-global; register it exactly once.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static func convert(_ node: OpaquePointer, depth: Int, truncated: inout Bool) -> MarkdownNode {
        var children: [MarkdownNode] = []
        if depth < maxDepth {
            var child = cmark_node_first_child(node)
            while let current = child {
                children.append(convert(current, depth: depth + 1, truncated: &truncated))
                child = cmark_node_next(current)
            }
        } else if cmark_node_first_child(node) != nil {
            truncated = true
        }
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        return MarkdownNode(
            kind: kind(of: node), line: Int(cmark_node_get_start_line(node)),
            endLine: Int(cmark_node_get_end_line(node)), literal: literal, children: children)
    }

    private static func kind(of node: OpaquePointer) -> Kind {
        let typeString = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
        switch typeString {
        case "tasklist": return .taskItem(checked: cmark_gfm_extensions_get_tasklist_item_checked(node))
        case "table": return .table
        case "table_header": return .tableRow(header: true)
        case "table_row": return .tableRow(header: false)
        case "table_cell": return .tableCell
        case "strikethrough": return .strikethrough
        default: break
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK:
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            var length: Int32 = 0
            var offset: Int32 = 0
            var character: CChar = 0
            let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
            return .codeBlock(info: info, fenced: fenced)
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
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
        default: return .other
        }
    }
}

extension MarkdownNode {
    /// The inline content as plain text: marks dropped, breaks as spaces, whitespace collapsed.
    var plainText: String {
        // Gathered as UTF-8 bytes: appending to a `String` piece by piece cost more than the rest.
        var out: [UInt8] = []
        appendPlainText(to: &out)
        // Collapse runs of spaces, tabs and newlines to one space and trim, in one pass over the
        // UTF-8 bytes (all three are ASCII, so no multi-byte character is ever split).
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(out.count)
        var pendingSpace = false
        for byte in out {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                pendingSpace = !collapsed.isEmpty
            } else {
                if pendingSpace { collapsed.append(0x20) }
                pendingSpace = false
                collapsed.append(byte)
            }
        }
        return String(decoding: collapsed, as: UTF8.self)
    }

    /// The inline content line by line, as `plainText` reads each: a paragraph of
    /// `**Severity:** Critical` and `**Expected Response Time:** < 5 minutes` is two facts.
    var plainLines: [String] {
        var lines: [String] = []
        var pieces: [MarkdownNode] = []
        func flush() {
            guard !pieces.isEmpty else { return }
            let text = MarkdownNode(kind: .paragraph, line: line, endLine: endLine, literal: "", children: pieces).plainText
            if !text.isEmpty { lines.append(text) }
            pieces = []
        }
        for child in children {
            if child.kind == .softBreak || child.kind == .lineBreak { flush() } else { pieces.append(child) }
        }
        flush()
        return lines
    }

    private func appendPlainText(to out: inout [UInt8]) {
        switch kind {
        case .text, .code: out.append(contentsOf: literal.utf8)
        case .softBreak, .lineBreak: out.append(0x20)
        case .htmlInline, .htmlBlock: break
        case .paragraph, .heading, .tableCell:
            for child in children { child.appendPlainText(to: &out) }
            out.append(0x20)
        default:
            for child in children { child.appendPlainText(to: &out) }
        }
    }

    var isTaskItem: Bool {
        if case .taskItem = kind { return true }
        return false
    }

    var isList: Bool {
        if case .list = kind { return true }
        return false
    }

    /// Whether any descendant (or this node) is a task item.
    var containsTask: Bool { isTaskItem || children.contains(where: \.containsTask) }

    /// The first paragraph child, where a list item keeps its text.
    var firstParagraph: MarkdownNode? { children.first(where: { $0.kind == .paragraph }) }
}
