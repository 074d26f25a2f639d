import TriageCore

/// A labelled horizontal bar with a percentage, coloured by the state it represents.
///
/// The bar uses full and partial blocks for 1/8-column resolution; the figure is printed beside the
/// bar (not inside it) so it stays readable in monochrome.
public struct Gauge: Sendable, Equatable {
    public var label: String
    public var percent: Double
    public var detail: String
    public var state: HealthState
    /// Columns reserved for the figure and detail, so bars line up across rows.
    public var tailMinimum: Int

    public init(label: String, percent: Double, detail: String = "", state: HealthState, tailMinimum: Int = 16) {
        self.tailMinimum = tailMinimum
        self.label = label
        self.percent = percent
        self.detail = detail
        self.state = state
    }

    static let partials: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public func render(into grid: inout CellGrid, area: Rect, labelWidth: Int = 10) {
        guard area.height > 0, area.width > 0 else { return }
        let y = area.y
        let figure = percent.isFinite ? String(format2: percent) + "%" : "n/a"
        var tail = detail.isEmpty ? " \(figure)" : " \(figure) \(detail)"
        // A fixed-width tail keeps the bars of stacked gauges aligned.
        let tailWidth = max(DisplayWidth.of(tail), min(tailMinimum, area.width / 3))
        tail = DisplayWidth.pad(tail, to: tailWidth)
        let labelField = min(labelWidth, area.width)
        grid.put(DisplayWidth.pad(label, to: labelField), x: area.x, y: y, style: CellStyle(.muted), limit: area.maxX)
        let barWidth = area.width - labelField - tailWidth - 2
        var x = area.x + labelField
        if barWidth >= 4 {
            grid.put("▕", x: x, y: y, style: CellStyle(.border))
            let eighths = Int((min(100, max(0, percent.isFinite ? percent : 0)) / 100 * Double(barWidth * 8)).rounded())
            var bar = String(repeating: "█", count: eighths / 8)
            if eighths % 8 > 0 { bar.append(Gauge.partials[eighths % 8]) }
            bar += String(repeating: " ", count: max(0, barWidth - DisplayWidth.of(bar)))
            grid.put(bar, x: x + 1, y: y, style: CellStyle(state.styleRole), limit: x + 1 + barWidth)
            grid.put("▏", x: x + 1 + barWidth, y: y, style: CellStyle(.border))
            x += barWidth + 2
        }
        grid.put(tail, x: x, y: y, style: CellStyle(state.styleRole, state >= .warn ? [.bold] : []), limit: area.maxX)
    }
}

extension String {
    /// A percentage with one decimal below 10 and none above: "7.5", "93".
    init(format2 value: Double) {
        if value < 10 {
            let tenths = Int((value * 10).rounded())
            self = "\(tenths / 10).\(tenths % 10)"
        } else {
            self = "\(Int(value.rounded()))"
        }
    }
}
