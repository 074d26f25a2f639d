import TriageCore

/// Scrolling lines of styled text, wrapped or cut at the edge.
///
/// `offset` counts display rows from the top; `follow` pins the view to the bottom as lines
/// arrive (the logs pane's follow mode).
public struct TextView: Sendable, Equatable {
    public var lines: [StyledLine]
    public var offset: Int
    public var wrap: Bool
    public var follow: Bool

    public init(lines: [StyledLine], offset: Int = 0, wrap: Bool = false, follow: Bool = false) {
        self.lines = lines
        self.offset = offset
        self.wrap = wrap
        self.follow = follow
    }

    /// Display rows after wrapping to `width`.
    public func rows(width: Int) -> [StyledLine] {
        guard wrap, width > 0 else { return lines }
        var out: [StyledLine] = []
        for line in lines { out.append(contentsOf: TextView.wrap(line, width: width)) }
        return out
    }

    /// Breaks one styled line into rows of at most `width` columns (by grapheme, keeping styles).
    public static func wrap(_ line: StyledLine, width: Int) -> [StyledLine] {
        guard width > 0, line.displayWidth > width else { return [line] }
        var rows: [StyledLine] = []
        var current: [Span] = []
        var used = 0
        for span in line.spans {
            var piece = ""
            for character in span.text {
                let w = DisplayWidth.of(character)
                if used + w > width {
                    if !piece.isEmpty { current.append(Span(piece, span.style)) }
                    rows.append(StyledLine(current))
                    current = []
                    piece = ""
                    used = 0
                }
                piece.append(character)
                used += w
            }
            if !piece.isEmpty { current.append(Span(piece, span.style)) }
        }
        if !current.isEmpty { rows.append(StyledLine(current)) }
        return rows
    }

    public func render(into grid: inout CellGrid, area: Rect) {
        guard area.height > 0, area.width > 0 else { return }
        let all = rows(width: area.width)
        let maxOffset = max(0, all.count - area.height)
        let start = follow ? maxOffset : min(max(0, offset), maxOffset)
        for (i, line) in all.dropFirst(start).prefix(area.height).enumerated() {
            grid.put(line, x: area.x, y: area.y + i, limit: area.maxX)
        }
    }
}
