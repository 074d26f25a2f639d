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
        var top = 0.0
        // The tallest finite value: an infinite one is drawn as a gap, and would flatten the rest.
        for case let value? in shown where value.isFinite && value > top { top = value }
        top = ceiling ?? max(top, .leastNonzeroMagnitude)
        // Spelt as UTF-8 bytes into one buffer: a Services row draws 60 of these every frame, and
        // appending them as `Character`s was a tenth of a big state's frame (docs/PERFORMANCE.md (m)).
        var bytes = [UInt8](repeating: UInt8(ascii: " "), count: width - shown.count)
        bytes.reserveCapacity(width - shown.count + 3 * shown.count)
        for value in shown {
            guard let value, value.isFinite else { bytes.append(UInt8(ascii: " ")); continue }
            let ratio = top > 0 ? min(1, max(0, value / top)) : 0
            let level = min(7, Int((ratio * 7).rounded()))
            // U+2581 LOWER ONE EIGHTH BLOCK and the seven after it: E2 96 81 + level.
            bytes.append(0xE2)
            bytes.append(0x96)
            bytes.append(0x81 + UInt8(level))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public func render(into grid: inout CellGrid, area: Rect) {
        guard area.height > 0 else { return }
        grid.put(text(width: area.width), x: area.x, y: area.y, style: style, limit: area.maxX)
    }
}
