import TriageCore

/// One piece of a pane's body; the renderer stacks them top to bottom.
public enum PaneBlock: Sendable {
    /// One row of text.
    case line(StyledLine)
    /// Text that wraps onto up to `maxRows` rows, for a reason that must be read whole at any width
    /// (an engine's own error names the socket and runs past a half-width pane).
    case message(StyledLine, maxRows: Int)
    /// One row: a labelled bar.
    case gauge(Gauge)
    /// One row: label, sparkline, trailing figure.
    case sparkline(label: String, Sparkline, trailing: StyledLine)
    /// A table taking the rows that are left (shared equally with other fill blocks).
    case table(Table)
    /// Scrolling text taking the rows that are left.
    case text(TextView)
    /// A blank row.
    case spacer

    var fills: Bool {
        switch self {
        case .table, .text: true
        default: false
        }
    }
}

/// Everything a pane shows, already decided: the renderer only lays it out.
///
/// Built by the view model from the latest snapshot; a pane with no data source carries a plain
/// message in `body` ("no docker host configured") instead of an empty table.
public struct PaneModel: Sendable {
    public var id: PaneID
    public var state: HealthState
    /// Short figures for the top border: "5 ok · 1 crit", "stale 12s".
    public var badge: StyledLine?
    /// Pane-local status in the bottom border: "paused, 120 new lines", "filter: 5xx".
    public var footer: StyledLine?
    public var body: [PaneBlock]
    /// One line for the compact summary strip at small sizes.
    public var summary: StyledLine

    public init(id: PaneID, state: HealthState, badge: StyledLine? = nil, footer: StyledLine? = nil, body: [PaneBlock], summary: StyledLine) {
        self.id = id
        self.state = state
        self.badge = badge
        self.footer = footer
        self.body = body
        self.summary = summary
    }

    /// A pane whose data source is missing or failing, saying so in plain words.
    public static func unavailable(_ id: PaneID, message: String, hint: String? = nil, state: HealthState = .unknown) -> PaneModel {
        var body: [PaneBlock] = [.line(StyledLine(message, CellStyle(.muted)))]
        // Wrapped, not cut: a first-run hint (what to add, `triage init`) must be readable at 80x24.
        if let hint { body.append(.message(StyledLine(hint, CellStyle(.muted)), maxRows: 3)) }
        return PaneModel(id: id, state: state, body: body, summary: StyledLine(message, CellStyle(.muted)))
    }

    /// Draws the body into the inner area of the pane.
    public func renderBody(into grid: inout CellGrid, area: Rect) {
        guard !area.isEmpty else { return }
        let content = Rect(x: area.x + 1, y: area.y, width: max(0, area.width - 2), height: area.height)
        let fixedRows = body.reduce(0) { total, block in
            switch block {
            case .message(let line, let maxRows): total + Self.messageRows(line, maxRows: maxRows, width: content.width).count
            default: total + (block.fills ? 0 : 1)
            }
        }
        let fillers = body.filter(\.fills).count
        let spare = max(0, area.height - fixedRows)
        var fillHeights = Array(repeating: fillers > 0 ? spare / fillers : 0, count: fillers)
        if fillers > 0 { fillHeights[fillers - 1] += spare - (spare / fillers) * fillers }
        var y = area.y
        var fillIndex = 0
        for block in body where y < area.maxY {
            switch block {
            case .line(let line):
                grid.put(line, x: content.x, y: y, limit: content.maxX)
                y += 1
            case .message(let line, let maxRows):
                for row in Self.messageRows(line, maxRows: maxRows, width: content.width) where y < area.maxY {
                    grid.put(row, x: content.x, y: y, limit: content.maxX)
                    y += 1
                }
            case .gauge(let gauge):
                gauge.render(into: &grid, area: Rect(x: content.x, y: y, width: content.width, height: 1))
                y += 1
            case .sparkline(let label, let spark, let trailing):
                let labelWidth = min(12, content.width / 3)
                grid.put(DisplayWidth.pad(label, to: labelWidth), x: content.x, y: y, style: CellStyle(.muted), limit: content.maxX)
                let trailingWidth = trailing.displayWidth
                let sparkWidth = max(0, content.width - labelWidth - trailingWidth - 1)
                spark.render(into: &grid, area: Rect(x: content.x + labelWidth, y: y, width: sparkWidth, height: 1))
                grid.put(trailing, x: content.maxX - trailingWidth, y: y, limit: content.maxX)
                y += 1
            case .table(let table):
                let h = min(fillHeights[fillIndex], area.maxY - y)
                table.render(into: &grid, area: Rect(x: content.x, y: y, width: content.width, height: h))
                y += h
                fillIndex += 1
            case .text(let view):
                let h = min(fillHeights[fillIndex], area.maxY - y)
                view.render(into: &grid, area: Rect(x: content.x, y: y, width: content.width, height: h))
                y += h
                fillIndex += 1
            case .spacer:
                y += 1
            }
        }
    }

    /// A message wrapped to `width`, at most `maxRows` rows; the last row ends in "…" when text was left out.
    static func messageRows(_ line: StyledLine, maxRows: Int, width: Int) -> [StyledLine] {
        let rows = TextView.wrap(line, width: width)
        guard rows.count > maxRows, maxRows > 0 else { return Array(rows.prefix(max(1, maxRows))) }
        var kept = Array(rows.prefix(maxRows))
        var last = kept[maxRows - 1].spans
        // Make room for the ellipsis in the last kept row's final span.
        if var span = last.popLast() {
            if !span.text.isEmpty, kept[maxRows - 1].displayWidth >= width { span.text.removeLast() }
            span.text += "…"
            last.append(span)
        }
        kept[maxRows - 1] = StyledLine(last)
        return kept
    }
}
