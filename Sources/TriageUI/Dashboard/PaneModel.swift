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
    /// Lines that get the rows left once every other block has what it needs (see
    /// ``PaneModel/blockHeights(area:)``), in order; when two rows or more are not enough for all,
    /// the last says "+N more `noun`".
    case overflow([StyledLine], more: String)
    /// A blank row.
    case spacer

    var fills: Bool {
        switch self {
        case .table, .text: true
        default: false
        }
    }

    /// False when ``drawsTheSame(as:)`` never answers true for this block (a table that is not compared).
    var isCompared: Bool {
        if case .table(let table) = self { return table.isCompared }
        return true
    }

    /// True when the two blocks certainly draw the same (a table's rule: ``Table/drawsTheSame(as:)``).
    func drawsTheSame(as other: PaneBlock) -> Bool {
        switch (self, other) {
        case let (.line(a), .line(b)): a == b
        case let (.message(a, rows), .message(b, otherRows)): a == b && rows == otherRows
        case let (.gauge(a), .gauge(b)): a == b
        case let (.sparkline(label, a, trailing), .sparkline(otherLabel, b, otherTrailing)):
            label == otherLabel && a == b && trailing == otherTrailing
        case let (.table(a), .table(b)): a.drawsTheSame(as: b)
        case let (.text(a), .text(b)): a == b
        case let (.overflow(a, more), .overflow(b, otherMore)): a == b && more == otherMore
        case (.spacer, .spacer): true
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

    /// True when the two models certainly draw the same pane (``PaneRegions`` leaves the last frame's
    /// cells as they are then); false also when that is not known (a table of rows made on demand).
    func drawsTheSame(as other: PaneModel) -> Bool {
        id == other.id && state == other.state && badge == other.badge && footer == other.footer && summary == other.summary
            && body.count == other.body.count && zip(body, other.body).allSatisfy { $0.drawsTheSame(as: $1) }
    }

    /// False when ``drawsTheSame(as:)`` never answers true for this model: keeping it to compare
    /// with a later frame's would be work for nothing (``PaneRegions``).
    var isCompared: Bool { body.allSatisfy(\.isCompared) }

    /// A pane whose data source is missing or failing, saying so in plain words.
    public static func unavailable(_ id: PaneID, message: String, hint: String? = nil, state: HealthState = .unknown) -> PaneModel {
        var body: [PaneBlock] = [.line(StyledLine(message, CellStyle(.muted)))]
        // Wrapped, not cut: a first-run hint (what to add, `triage init`) must be readable at 80x24.
        if let hint { body.append(.message(StyledLine(hint, CellStyle(.muted)), maxRows: 3)) }
        return PaneModel(id: id, state: state, body: body, summary: StyledLine(message, CellStyle(.muted)))
    }

    /// Overflow lines shown before a table's rows past its ``Table/priorityRows`` (the newest events
    /// before the healthy pods); the rest of them only once every table row is on screen.
    static let overflowLead = 3

    /// Rows each block gets in `area`, in body order (blocks past the bottom are clipped when drawn).
    ///
    /// Single-row blocks and messages come first; tables and text views share what is left. With an
    /// overflow block in the body, a table takes no more rows than it has (header included) and the
    /// rows are handed out in this order: each table's priority rows, the first ``overflowLead``
    /// overflow lines, the tables' other rows, the other overflow lines. The rows that matter are
    /// never pushed out by the extras below them.
    func blockHeights(area: Rect) -> [Int] {
        let contentWidth = max(0, area.width - 2)
        var heights = body.map { block -> Int in
            switch block {
            case .message(let line, let maxRows): Self.messageRows(line, maxRows: maxRows, width: contentWidth).count
            case .table, .text, .overflow: 0
            default: 1
            }
        }
        let spare = max(0, area.height - heights.reduce(0, +))
        let fillIndices = body.indices.filter { body[$0].fills }
        let overflowIndices = body.indices.filter { if case .overflow = body[$0] { return true } else { return false } }
        var shares: [Int] = []
        for n in fillIndices.indices {
            var share = spare / fillIndices.count
            if n == fillIndices.count - 1 { share += spare - (spare / fillIndices.count) * fillIndices.count }
            shares.append(share)
        }
        guard !overflowIndices.isEmpty else {
            for (index, share) in zip(fillIndices, shares) { heights[index] = share }
            return heights
        }
        var left = spare
        // Hands `left` out to the blocks, each up to what `want` says it still needs.
        func grant(_ indices: [Int], want: (Int) -> Int) {
            for index in indices {
                let more = max(0, min(left, want(index) - heights[index]))
                heights[index] += more
                left -= more
            }
        }
        func tableRows(_ index: Int, priorityOnly: Bool) -> Int {
            guard let n = fillIndices.firstIndex(of: index) else { return 0 }
            guard case .table(let table) = body[index] else { return shares[n] }
            let rows = priorityOnly ? min(table.rowCount, table.priorityRows ?? table.rowCount) : table.rowCount
            return min(shares[n], 1 + rows)
        }
        func overflowLines(_ index: Int, leadOnly: Bool) -> Int {
            guard case .overflow(let lines, _) = body[index] else { return 0 }
            return leadOnly ? min(lines.count, Self.overflowLead) : lines.count
        }
        grant(fillIndices) { tableRows($0, priorityOnly: true) }
        grant(overflowIndices) { overflowLines($0, leadOnly: true) }
        grant(fillIndices) { tableRows($0, priorityOnly: false) }
        grant(overflowIndices) { overflowLines($0, leadOnly: false) }
        return heights
    }

    /// Where the first table whose rows do not all fit stands ("1-4/17"), for the pane's border.
    public func scrollMarker(area: Rect) -> String? {
        guard !area.isEmpty else { return nil }
        let heights = blockHeights(area: area)
        var y = area.y
        for (block, height) in zip(body, heights) where y < area.maxY {
            let shown = min(height, area.maxY - y)
            if case .table(let table) = block, let marker = table.scrollMarker(visibleRows: shown - 1) { return marker }
            y += height
        }
        return nil
    }

    /// Everything that decides a pane's cells but its tables' rows: when two models' outlines are
    /// the same, in the same area with the same focus and scroll marker, the two panes differ at
    /// most in their tables' rows (their block heights are the same, so are the tables' areas).
    /// It holds no table's rows, nor the maker of rows made on demand (``PaneRegions`` keeps it).
    struct Outline {
        enum Block {
            case drawn(PaneBlock)
            /// What a table's height depends on (``blockHeights(area:)``).
            case table(rowCount: Int, priorityRows: Int?)
        }
        var id: PaneID
        var badge: StyledLine?
        var footer: StyledLine?
        var blocks: [Block]

        func isSame(as other: Outline) -> Bool {
            id == other.id && badge == other.badge && footer == other.footer && blocks.count == other.blocks.count
                && zip(blocks, other.blocks).allSatisfy { a, b in
                    switch (a, b) {
                    case let (.drawn(a), .drawn(b)): a.drawsTheSame(as: b)
                    case let (.table(count, priority), .table(otherCount, otherPriority)): count == otherCount && priority == otherPriority
                    default: false
                    }
                }
        }
    }

    /// This model's outline, or nil when its body has no table (there are no rows to redraw alone).
    var outline: Outline? {
        guard body.contains(where: { if case .table = $0 { true } else { false } }) else { return nil }
        return Outline(id: id, badge: badge, footer: footer, blocks: body.map { block in
            if case .table(let table) = block { return .table(rowCount: table.rowCount, priorityRows: table.priorityRows) }
            return .drawn(block)
        })
    }

    /// Draws the body into the inner area of the pane.
    public func renderBody(into grid: inout CellGrid, area: Rect) {
        var tables: [Table.DrawnRows?] = []
        renderBody(into: &grid, area: area, tables: &tables, onlyTables: false)
    }

    /// Draws the body into the inner area of the pane; `tables` gets what each table block drew, in
    /// body order. With `onlyTables`, the area already shows this body's outline (``Outline``) and
    /// `tables` what its tables drew there: only the tables' rows that changed are drawn.
    func renderBody(into grid: inout CellGrid, area: Rect, tables: inout [Table.DrawnRows?], onlyTables: Bool) {
        guard !area.isEmpty else { return }
        let content = Rect(x: area.x + 1, y: area.y, width: max(0, area.width - 2), height: area.height)
        let heights = blockHeights(area: area)
        var y = area.y
        var tableIndex = 0
        for (block, height) in zip(body, heights) where y < area.maxY {
            if onlyTables {
                guard case .table = block else {
                    y += height
                    continue
                }
            }
            switch block {
            case .line(let line):
                grid.put(line, x: content.x, y: y, limit: content.maxX)
            case .message(let line, let maxRows):
                for (n, row) in Self.messageRows(line, maxRows: maxRows, width: content.width).enumerated() where y + n < area.maxY {
                    grid.put(row, x: content.x, y: y + n, limit: content.maxX)
                }
            case .gauge(let gauge):
                gauge.render(into: &grid, area: Rect(x: content.x, y: y, width: content.width, height: 1))
            case .sparkline(let label, let spark, let trailing):
                let labelWidth = min(12, content.width / 3)
                grid.put(DisplayWidth.pad(label, to: labelWidth), x: content.x, y: y, style: CellStyle(.muted), limit: content.maxX)
                let trailingWidth = trailing.displayWidth
                let sparkWidth = max(0, content.width - labelWidth - trailingWidth - 1)
                spark.render(into: &grid, area: Rect(x: content.x + labelWidth, y: y, width: sparkWidth, height: 1))
                grid.put(trailing, x: content.maxX - trailingWidth, y: y, limit: content.maxX)
            case .table(let table):
                var drawn = onlyTables && tableIndex < tables.count ? tables[tableIndex] : nil
                table.render(into: &grid, area: Rect(x: content.x, y: y, width: content.width, height: min(height, area.maxY - y)), over: &drawn)
                if tableIndex < tables.count { tables[tableIndex] = drawn } else { tables.append(drawn) }
                tableIndex += 1
            case .text(let view):
                view.render(into: &grid, area: Rect(x: content.x, y: y, width: content.width, height: min(height, area.maxY - y)))
            case .overflow(let lines, let noun):
                let rows = min(height, area.maxY - y)
                // One row shows the newest line (the badge counts the rest); more say what is left out.
                let cut = lines.count > rows && rows >= 2
                for n in 0..<rows {
                    let line = cut && n == rows - 1 ? StyledLine("+\(lines.count - n) more \(noun)", CellStyle(.muted)) : lines[n]
                    grid.put(line, x: content.x, y: y + n, limit: content.maxX)
                }
            case .spacer:
                break
            }
            y += height
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
