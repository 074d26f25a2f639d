import TriageCore

/// A run of text in one style.
public struct Span: Sendable, Hashable {
    public var text: String
    public var style: CellStyle
    public init(_ text: String, _ style: CellStyle = .normal) {
        self.text = text
        self.style = style
    }
    public init(_ text: String, _ role: StyleRole, _ emphasis: Emphasis = []) {
        self.init(text, CellStyle(role, emphasis))
    }
}

/// A line made of styled spans: the unit text views, tables and modals draw.
public struct StyledLine: Sendable, Hashable, ExpressibleByStringLiteral {
    public var spans: [Span]
    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String, _ style: CellStyle = .normal) { spans = [Span(text, style)] }
    public init(stringLiteral value: String) { spans = [Span(value)] }

    public var plainText: String { spans.map(\.text).joined() }
    public var displayWidth: Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }
}

extension CellGrid {
    /// Draws a styled line from (x, y), clipped at `limit`; a `…` marks a cut line.
    @discardableResult
    public mutating func put(_ line: StyledLine, x: Int, y: Int, limit: Int) -> Int {
        var column = x
        let total = line.displayWidth
        let truncate = x + total > limit
        let edge = truncate ? limit - 1 : limit
        for span in line.spans {
            if column >= edge { break }
            column += put(span.text, x: column, y: y, style: span.style, limit: edge)
        }
        if truncate && limit - 1 >= x && limit <= width {
            let style = line.spans.last?.style ?? .normal
            column = max(column, limit - 1)
            put("…", x: limit - 1, y: y, style: style, limit: limit)
            column = limit
        }
        return column - x
    }
}
