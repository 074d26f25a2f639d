import TriageCore

/// The footer: key hints as `key label` pairs, as many as fit, most important first.
public struct KeyHints: Sendable {
    public var hints: [(key: String, label: String)]
    public var status: StyledLine?

    public init(hints: [(key: String, label: String)], status: StyledLine? = nil) {
        self.hints = hints
        self.status = status
    }

    public func render(into grid: inout CellGrid, area: Rect) {
        guard area.height > 0 else { return }
        grid.fill(area, with: Cell(" ", style: CellStyle(.footer)))
        let statusWidth = status.map { $0.displayWidth + 1 } ?? 0
        var x = area.x + 1
        let edge = area.maxX - statusWidth
        for hint in hints {
            let need = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.label) + 2
            if x + need > edge { break }
            x += grid.put(hint.key, x: x, y: area.y, style: CellStyle(.footerKey, [.bold]))
            x += grid.put(" " + hint.label + "  ", x: x, y: area.y, style: CellStyle(.footer))
        }
        if let status {
            grid.put(status, x: max(area.x, area.maxX - statusWidth), y: area.y, limit: area.maxX)
        }
    }
}
