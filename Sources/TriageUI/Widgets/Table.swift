import TriageCore

/// A table with a header row, fitted columns, truncation with `…`, a selected row and a sort mark.
///
/// Column widths are solved once per draw: fixed columns first, then flexible ones share what is
/// left by weight, and columns marked `droppable` vanish (right to left) when even their minimum
/// does not fit, so an 80-column terminal keeps the columns that matter.
public struct Table: Sendable {
    public struct Column: Sendable, Equatable {
        public enum Width: Sendable, Equatable {
            case fixed(Int)
            case flex(min: Int, weight: Int)
        }
        public var title: String
        public var width: Width
        public var align: DisplayWidth.Alignment
        public var droppable: Bool
        /// A cell wider than the column shows its end rather than its start, flush right and without
        /// `…`: a sparkline's newest samples are at its end, and a chart cut on the right froze.
        public var keepsEnd: Bool

        public init(_ title: String, _ width: Width, align: DisplayWidth.Alignment = .left, droppable: Bool = false, keepsEnd: Bool = false) {
            self.title = title
            self.width = width
            self.align = keepsEnd ? .right : align
            self.droppable = droppable
            self.keepsEnd = keepsEnd
        }
    }

    public struct Row: Sendable, Equatable {
        public var cells: [StyledLine]
        /// Style applied to cells that carry no style of their own (a stale row is muted, say).
        public var baseRole: StyleRole?
        /// Columns whose ``Column/keepsEnd`` this row's cell ignores: words in a chart's column (a
        /// Prometheus check's samples) are cut at their end with `…`, as text is.
        public var textCells: Set<Int>
        /// A group's header (the Pods pane's context line): its first cell across the whole width,
        /// over the columns.
        public var spansColumns = false
        /// The column from which this row's cell runs to the table's right edge, over the columns
        /// after it (droppable or not): an Alertmanager that did not answer says why from CODE on,
        /// where a narrow pane has no REASON column.
        public var spansFrom: Int?
        public init(_ cells: [StyledLine], baseRole: StyleRole? = nil, textCells: Set<Int> = []) {
            self.cells = cells
            self.baseRole = baseRole
            self.textCells = textCells
        }

        /// A group's header row: `line` across the table's width.
        public static func header(_ line: StyledLine) -> Row {
            var row = Row([line])
            row.spansColumns = true
            return row
        }
    }

    /// Rows made on demand, for tables far longer than any screen: only the rows on screen are
    /// built per frame. 10,000 services built every row of the Services pane every frame, which
    /// kept the terminal thread busy for seconds at a time and keys waiting.
    public struct LazyRows: Sendable {
        public var count: Int
        public var make: @Sendable (Int) -> Row
        public init(count: Int, make: @escaping @Sendable (Int) -> Row) {
            self.count = max(0, count)
            self.make = make
        }
    }

    public var columns: [Column]
    /// The rows, when built up front (ignored when `lazyRows` is set).
    public var rows: [Row]
    public var lazyRows: LazyRows?
    public var selected: Int?
    public var sortColumn: Int?
    public var sortAscending: Bool
    public var showSelection: Bool
    /// How many rows (from the top) a pane must show before any overflow lines below the table get
    /// rows: the failing pods come before the warning events, the healthy ones after. nil: all rows.
    public var priorityRows: Int?

    public init(columns: [Column], rows: [Row], selected: Int? = nil, sortColumn: Int? = nil, sortAscending: Bool = true, showSelection: Bool = true) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.sortColumn = sortColumn
        self.sortAscending = sortAscending
        self.showSelection = showSelection
    }

    /// A table whose rows are made only when shown (see ``LazyRows``).
    public init(columns: [Column], lazyRows: LazyRows, selected: Int? = nil, sortColumn: Int? = nil, sortAscending: Bool = true, showSelection: Bool = true) {
        self.init(columns: columns, rows: [], selected: selected, sortColumn: sortColumn, sortAscending: sortAscending, showSelection: showSelection)
        self.lazyRows = lazyRows
    }

    /// True when the two tables certainly draw the same; false also when that is not known. Rows made
    /// on demand are never compared (their maker is a closure), nor are more rows than a screen
    /// holds, whose comparison would cost more than drawing the few that show (``PaneRegions``
    /// redraws the pane instead). Not `==`: a table of rows made on demand is not known to draw
    /// like itself, and an `Equatable` that is not reflexive would mislead every other user.
    public func drawsTheSame(as other: Table) -> Bool {
        guard isCompared, other.lazyRows == nil else { return false }
        return columns == other.columns && selected == other.selected && sortColumn == other.sortColumn
            && sortAscending == other.sortAscending && showSelection == other.showSelection
            && priorityRows == other.priorityRows && rows == other.rows
    }

    /// False when ``drawsTheSame(as:)`` never answers true for this table: its rows are made on
    /// demand, or there are more than a screen holds.
    var isCompared: Bool { lazyRows == nil && rows.count <= Self.comparedRowsLimit }

    /// Tables with more built rows than this are not compared (see ``drawsTheSame(as:)``).
    static let comparedRowsLimit = 256

    /// How many rows the table has, built or not.
    public var rowCount: Int { lazyRows?.count ?? rows.count }

    /// Row `index`, made now for a lazy table.
    public func row(at index: Int) -> Row { lazyRows.map { $0.make(index) } ?? rows[index] }

    /// The width of each column for a given total width (0 for a dropped column).
    public func solveWidths(total: Int) -> [Int] {
        var active = Array(repeating: true, count: columns.count)
        while true {
            let gaps = max(0, active.filter { $0 }.count - 1)
            var fixed = 0, minFlex = 0, weights = 0
            for (i, column) in columns.enumerated() where active[i] {
                switch column.width {
                case .fixed(let n): fixed += n
                case .flex(let minimum, let weight): minFlex += minimum; weights += weight
                }
            }
            let need = fixed + minFlex + gaps
            if need > total, let drop = columns.indices.last(where: { active[$0] && columns[$0].droppable }) {
                active[drop] = false
                continue
            }
            var widths = Array(repeating: 0, count: columns.count)
            var spare = max(0, total - need)
            let spareAll = spare
            var lastFlex: Int?
            for (i, column) in columns.enumerated() where active[i] {
                switch column.width {
                case .fixed(let n): widths[i] = n
                case .flex(let minimum, let weight):
                    let extra = weights > 0 ? spareAll * weight / weights : 0
                    widths[i] = minimum + extra
                    spare -= extra
                    lastFlex = i
                }
            }
            if let lastFlex { widths[lastFlex] += spare }
            return widths
        }
    }

    /// First visible row so that the selection stays in view.
    public func scrollOffset(visibleRows: Int) -> Int {
        guard let selected, visibleRows > 0, rowCount > visibleRows else { return 0 }
        return min(max(0, selected - visibleRows / 2), rowCount - visibleRows)
    }

    /// "1-4/17" when the rows do not all fit in `visibleRows` body rows (the header not counted), nil
    /// when they do. The pane draws it in its border: set over the header, it hid the last title.
    public func scrollMarker(visibleRows: Int) -> String? {
        let count = rowCount
        guard visibleRows > 0, count > visibleRows else { return nil }
        let offset = scrollOffset(visibleRows: visibleRows)
        return "\(offset + 1)-\(min(count, offset + visibleRows))/\(count)"
    }

    public func render(into grid: inout CellGrid, area: Rect) {
        var drawn: DrawnRows?
        render(into: &grid, area: area, over: &drawn)
    }

    /// What a table drew into a frame: enough to redraw, into the next frame drawn over it, only the
    /// rows that changed (``render(into:area:over:)``). It holds the visible rows' values, never the
    /// maker of rows made on demand (which keeps the whole picture alive).
    public struct DrawnRows: Sendable {
        var area: Rect
        var columns: [Column]
        var sortColumn: Int?
        var sortAscending: Bool
        /// The rows on screen, top to bottom, each with whether it was drawn selected.
        var rows: [(row: Row, selected: Bool)]
    }

    /// Draws the table. With `drawn` (what this table's area showed in the frame `grid` is drawn
    /// over, its cells left there), only the rows that differ from it are drawn, each over a
    /// blanked line, and the header only when its columns or sort changed; `drawn` then says what
    /// this frame shows. In a big state's clock frame the Services, Containers and Pods tables
    /// redrew every row, 38 % of the frame (docs/PERFORMANCE.md (m)), for the few whose age ticked.
    public func render(into grid: inout CellGrid, area: Rect, over drawn: inout DrawnRows?) {
        guard area.height > 0, area.width > 0 else {
            drawn = nil
            return
        }
        let widths = solveWidths(total: area.width)
        var last = drawn
        if let kept = last, kept.area != area || kept.columns != columns {
            // Drawn over cells laid out otherwise: cleared, then drawn whole.
            grid.fill(area)
            last = nil
        }
        if last == nil || last!.sortColumn != sortColumn || last!.sortAscending != sortAscending {
            if last != nil { grid.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1)) }
            var x = area.x
            for (i, column) in columns.enumerated() where widths[i] > 0 {
                var title = column.title
                if sortColumn == i { title += sortAscending ? "▲" : "▼" }
                grid.put(title, in: Rect(x: x, y: area.y, width: widths[i], height: 1), style: CellStyle(.header, [.bold]), align: column.align)
                x += widths[i] + 1
            }
        }
        var shown: [(row: Row, selected: Bool)] = []
        defer { drawn = DrawnRows(area: area, columns: columns, sortColumn: sortColumn, sortAscending: sortAscending, rows: shown) }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard body.height > 0 else { return }
        let offset = scrollOffset(visibleRows: body.height)
        let count = rowCount
        let lastRows = last?.rows ?? []
        shown.reserveCapacity(min(count, body.height))
        for (line, index) in (offset..<min(count, offset + body.height)).enumerated() {
            let row = row(at: index)
            let selected = showSelection && index == selected
            shown.append((row, selected))
            if line < lastRows.count, lastRows[line].selected == selected, lastRows[line].row == row { continue }
            let y = body.y + line
            if last != nil { grid.fill(Rect(x: area.x, y: y, width: area.width, height: 1)) }
            draw(row, y: y, widths: widths, area: area, into: &grid)
            if selected {
                grid.restyle(Rect(x: area.x, y: y, width: area.width, height: 1)) { $0.emphasis.insert(.reverse) }
            }
        }
        // Lines the last frame had rows on and this one has none.
        if shown.count < lastRows.count {
            grid.fill(Rect(x: area.x, y: body.y + shown.count, width: area.width, height: lastRows.count - shown.count))
        }
    }

    /// Draws one row's cells on line `y`, over blank cells.
    private func draw(_ row: Row, y: Int, widths: [Int], area: Rect, into grid: inout CellGrid) {
        var x = area.x
        if row.spansColumns {
            grid.put(row.cells.first ?? StyledLine(""), x: x, y: y, limit: area.x + area.width)
            return
        }
        for (i, column) in columns.enumerated() where widths[i] > 0 {
            if let from = row.spansFrom, i >= from {
                grid.put(from < row.cells.count ? row.cells[from] : StyledLine(""), x: x, y: y, limit: area.x + area.width)
                break
            }
            var cell = i < row.cells.count ? row.cells[i] : StyledLine("")
            if column.keepsEnd, !row.textCells.contains(i) { cell = cell.suffix(columns: widths[i]) }
            if let base = row.baseRole {
                cell.spans = cell.spans.map { $0.style.role == .normal ? Span($0.text, CellStyle(base, $0.style.emphasis)) : $0 }
            }
            let gap = max(0, widths[i] - cell.displayWidth)
            let start: Int
            switch column.align {
            case .left: start = x
            case .right: start = x + gap
            case .center: start = x + gap / 2
            }
            grid.put(cell, x: start, y: y, limit: x + widths[i])
            x += widths[i] + 1
        }
    }
}
