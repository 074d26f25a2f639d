/// A one-row chart of recent values in eighth-block characters.
///
/// Scaled to the series' own maximum (or a fixed `ceiling` such as 100 for percentages), so a flat
/// healthy line reads as flat and a spike stands out. Missing samples (`nil`) draw as a gap.
public struct Sparkline: Sendable, Equatable {
    public static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public var values: [Double?]
    public var ceiling: Double?
    public var style: CellStyle

    public init(values: [Double?], ceiling: Double? = nil, style: CellStyle = CellStyle(.accent)) {
        self.values = values
        self.ceiling = ceiling
        self.style = style
    }

    /// The newest `width` values as a string, right-aligned (older history scrolls off the left).
    public func text(width: Int) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width)
        let top = ceiling ?? max(shown.compactMap { $0 }.max() ?? 0, .leastNonzeroMagnitude)
        var out = String(repeating: " ", count: width - shown.count)
        for value in shown {
            guard let value, value.isFinite else { out.append(" "); continue }
            let ratio = top > 0 ? min(1, max(0, value / top)) : 0
            out.append(Sparkline.blocks[min(7, Int((ratio * 7).rounded()))])
        }
        return out
    }

    public func render(into grid: inout CellGrid, area: Rect) {
        guard area.height > 0 else { return }
        grid.put(text(width: area.width), x: area.x, y: area.y, style: style, limit: area.maxX)
    }
}
