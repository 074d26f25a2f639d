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

    /// The last `columns` display columns of the line, styles kept (the whole line when it fits).
    /// A wide character cut in half is dropped, so the result may be one column narrower.
    public func suffix(columns: Int) -> StyledLine {
        var excess = displayWidth - max(0, columns)
        guard excess > 0 else { return self }
        var kept: [Span] = []
        for span in spans {
            guard excess > 0 else { kept.append(span); continue }
            let (rest, dropped) = DisplayWidth.dropLeading(columns: excess, of: span.text)
            excess -= dropped
            if !rest.isEmpty { kept.append(Span(String(rest), span.style)) }
        }
        return StyledLine(kept)
    }
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
