import TriageCore

/// A full-height, scrollable description of one entity over the dashboard's panes: drawn from a
/// fresh model every frame, so it stays live while it is open.
public struct DetailView: Sendable {
    public var title: String
    public var lines: [StyledLine]
    public var scroll: Int
    /// Keys that apply here besides scrolling and closing (e.g. `l logs · p previous logs`).
    public var hint: String

    public init(title: String, lines: [StyledLine], scroll: Int = 0, hint: String = "") {
        self.title = title
        self.lines = lines
        self.scroll = scroll
        self.hint = hint
    }

    /// The largest useful scroll offset for an area this tall.
    public static func maxScroll(lineCount: Int, areaHeight: Int) -> Int {
        max(0, lineCount - max(1, areaHeight - 2))
    }

    public func render(into grid: inout CellGrid, area: Rect) {
        let rows = max(1, area.height - 2)
        let offset = min(max(0, scroll), Self.maxScroll(lineCount: lines.count, areaHeight: area.height))
        var footer = lines.count > rows ? "\(offset + 1)-\(min(lines.count, offset + rows))/\(lines.count) ↑↓ scroll · " : ""
        if !hint.isEmpty { footer += hint + " · " }
        footer += "Esc/q close"
        let inner = Pane(title: title, footer: StyledLine(footer, CellStyle(.muted)), focused: true).render(into: &grid, area: area)
        let content = Rect(x: inner.x + 1, y: inner.y, width: max(0, inner.width - 2), height: inner.height)
        TextView(lines: lines, offset: offset).render(into: &grid, area: content)
    }
}
