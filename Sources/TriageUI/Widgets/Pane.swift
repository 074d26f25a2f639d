import TriageCore

/// A bordered pane with a title, an optional right-hand badge and a focus state.
///
/// Focus is shown by the border's role and by heavier corners, so it survives a monochrome theme.
public struct Pane: Sendable {
    public var title: String
    /// Short text set into the top border on the right: counts, "stale 12s", "3/5".
    public var badge: StyledLine?
    /// Text set into the bottom border: pane-local hints or a status.
    public var footer: StyledLine?
    /// Where a scrolled table is ("1-4/17"), set into the bottom border on the right: in the body it
    /// would cover a column title.
    public var scrollMarker: String?
    public var focused: Bool
    /// The digit that focuses this pane, shown before the title.
    public var hotkey: Character?

    public init(title: String, badge: StyledLine? = nil, footer: StyledLine? = nil, scrollMarker: String? = nil, focused: Bool = false, hotkey: Character? = nil) {
        self.title = title
        self.badge = badge
        self.footer = footer
        self.scrollMarker = scrollMarker
        self.focused = focused
        self.hotkey = hotkey
    }

    /// The area inside a pane drawn in `area`, as ``render(into:area:)`` returns it.
    public static func content(of area: Rect) -> Rect {
        area.width >= 2 && area.height >= 2 ? area.inner : Rect(x: area.x, y: area.y, width: 0, height: 0)
    }

    /// Draws the frame and returns the inner area for content.
    @discardableResult
    public func render(into grid: inout CellGrid, area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Self.content(of: area) }
        let border = CellStyle(focused ? .borderFocused : .border, focused ? [.bold] : [])
        let (h, v, tl, tr, bl, br) = focused ? ("━", "┃", "┏", "┓", "┗", "┛") : ("─", "│", "╭", "╮", "╰", "╯")
        grid.put(tl, x: area.x, y: area.y, style: border)
        grid.put(tr, x: area.maxX - 1, y: area.y, style: border)
        grid.put(bl, x: area.x, y: area.maxY - 1, style: border)
        grid.put(br, x: area.maxX - 1, y: area.maxY - 1, style: border)
        // The lines are runs of one cell, made safe and measured once: put for each column walked
        // the character and looked its width up about a thousand times a frame.
        let (hLine, hWidth) = CellGrid.safeGrapheme(Character(h))
        let (vLine, vWidth) = CellGrid.safeGrapheme(Character(v))
        if hWidth == 1 && vWidth == 1 {
            let top = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1)
            grid.fill(top, with: Cell(hLine, style: border))
            grid.fill(Rect(x: top.x, y: area.maxY - 1, width: top.width, height: 1), with: Cell(hLine, style: border))
            let left = Rect(x: area.x, y: area.y + 1, width: 1, height: area.height - 2)
            grid.fill(left, with: Cell(vLine, style: border))
            grid.fill(Rect(x: area.maxX - 1, y: left.y, width: 1, height: left.height), with: Cell(vLine, style: border))
        } else {
            for x in (area.x + 1)..<(area.maxX - 1) {
                grid.put(h, x: x, y: area.y, style: border)
                grid.put(h, x: x, y: area.maxY - 1, style: border)
            }
            for y in (area.y + 1)..<(area.maxY - 1) {
                grid.put(v, x: area.x, y: y, style: border)
                grid.put(v, x: area.maxX - 1, y: y, style: border)
            }
        }
        let titleStyle = CellStyle(focused ? .titleFocused : .title, [.bold])
        var label = " \(title) "
        if let hotkey { label = " \(hotkey) \(title) " }
        let badgeWidth = badge.map { $0.displayWidth + 2 } ?? 0
        // The title keeps its whole label when it fits at all; a badge too long beside it (a
        // state reason and a long host name) is cut at its end instead, down to a few columns.
        let titleRoom = max(0, min(area.width - 4, max(DisplayWidth.of(label), area.width - 4 - badgeWidth)))
        let written = grid.put(DisplayWidth.truncate(label, to: titleRoom), x: area.x + 2, y: area.y, style: titleStyle, limit: area.x + 2 + titleRoom)
        let badgeRoom = area.width - 4 - written - 2
        if let badge, badgeRoom >= min(badge.displayWidth, 4) {
            let shown = min(badge.displayWidth, badgeRoom)
            let start = area.maxX - 2 - shown - 1
            grid.put(" ", x: start, y: area.y, style: border)
            grid.put(badge, x: start + 1, y: area.y, limit: start + 1 + shown)
            grid.put(" ", x: start + 1 + shown, y: area.y, style: border)
        }
        // The marker takes the right end of the bottom border first (it is short); the footer gets
        // the rest, cut with `…` when it would run into the marker.
        var footerEnd = area.maxX - 3
        if let scrollMarker, area.width >= DisplayWidth.of(scrollMarker) + 6 {
            let start = area.maxX - 3 - DisplayWidth.of(scrollMarker)
            grid.put(" ", x: start - 1, y: area.maxY - 1, style: border)
            grid.put(scrollMarker, x: start, y: area.maxY - 1, style: CellStyle(.muted), limit: area.maxX - 2)
            grid.put(" ", x: area.maxX - 3, y: area.maxY - 1, style: border)
            footerEnd = start - 3
        }
        if let footer, area.width > 6, footerEnd > area.x + 3 {
            grid.put(" ", x: area.x + 2, y: area.maxY - 1, style: border)
            let used = grid.put(footer, x: area.x + 3, y: area.maxY - 1, limit: footerEnd)
            grid.put(" ", x: area.x + 3 + used, y: area.maxY - 1, style: border, limit: footerEnd + 1)
        }
        grid.fill(area.inner)
        return area.inner
    }
}
