import TriageCore

/// The top bar: who and what on the left, clocks on the right.
public struct HeaderModel: Sendable {
    public var left: StyledLine
    public var right: StyledLine
    public init(left: StyledLine, right: StyledLine) {
        self.left = left
        self.right = right
    }
}

/// Turns the view model and UI state into a frame: the pure end of the pipeline.
public enum DashboardRenderer {
    /// With `regions`, the frame is drawn into the last one (``PaneRegions/frame(width:height:layout:)``)
    /// and a pane drawn from the same model, area and focus as in it is left as it is: the same
    /// cells, for less work, and only the columns written for the terminal layer to compare. A pane
    /// whose tables' rows are all that changed gets only those rows drawn (``PaneRegions/redrewRows``).
    public static func render(width: Int, height: Int, header: HeaderModel, panes: [PaneID: PaneModel], ui: UIState, keymap: Keymap,
                              regions: PaneRegions? = nil) -> CellGrid {
        let layout = DashboardLayout.compute(width: width, height: height, focus: ui.focus, zoomed: ui.zoomed, panes: panes, needs: regions?.needs)
        if layout.mode == .tooSmall {
            var grid = CellGrid(width: width, height: height)
            renderTooSmall(into: &grid, width: width, height: height)
            regions?.forgetFrame()
            return grid
        }
        var grid = regions?.frame(width: width, height: height, layout: layout) ?? CellGrid(width: width, height: height)
        // Header
        grid.fill(layout.header, with: Cell(" ", style: CellStyle(.header)))
        // The left side (what incident) keeps at least 40 % of the bar; the right (clocks) is cut first.
        let rightWidth = min(header.right.displayWidth, width - max(24, width * 2 / 5))
        grid.put(header.left, x: 1, y: 0, limit: max(1, width - rightWidth - 2))
        grid.put(header.right, x: max(0, width - rightWidth - 1), y: 0, limit: width)
        // Summary strip (small layout)
        if let strip = layout.summary {
            grid.fill(strip)
            renderSummary(into: &grid, area: strip, panes: panes, focus: ui.focus)
        }
        // Panes
        for (id, area) in layout.panes {
            let model = panes[id] ?? PaneModel.unavailable(id, message: "starting…")
            let focused = id == ui.focus
            if let regions, regions.isShown(id, model: model, area: area, focused: focused, in: grid) { continue }
            let marker = area.width >= 2 && area.height >= 2 ? model.scrollMarker(area: area.inner) : nil
            if let regions, regions.redrewRows(id, model: model, area: area, focused: focused, scrollMarker: marker, in: &grid) { continue }
            // Drawn over the last frame's cells, so cleared first as a new grid is.
            if !grid.everythingWritten { grid.fill(area) }
            let pane = Pane(title: id.title, badge: model.badge, footer: model.footer, scrollMarker: marker, focused: focused, hotkey: id.digit)
            let inner = pane.render(into: &grid, area: area)
            var tables: [Table.DrawnRows?] = []
            model.renderBody(into: &grid, area: inner, tables: &tables, onlyTables: false)
            regions?.drew(id, model: model, area: area, focused: focused, scrollMarker: marker, tables: tables)
        }
        // Footer
        KeyHints(hints: keymap.footerHints(focus: ui.focus, readOnly: ui.readOnly), status: ui.flash).render(into: &grid, area: layout.footer)
        grid.seal()
        regions?.keep(grid, layout: layout)
        // Modal: drawn after the seal, so the next frame is not drawn over it (its grid is new).
        if let modal = ui.modal {
            modal.render(into: &grid, area: Rect(x: 0, y: 1, width: width, height: height - 2))
        }
        return grid
    }

    static func renderTooSmall(into grid: inout CellGrid, width: Int, height: Int) {
        let lines = [
            "terminal too small:",
            "need \(DashboardLayout.minimumWidth)x\(DashboardLayout.minimumHeight), have \(width)x\(height)",
            "enlarge the window or press q to quit",
        ]
        let top = max(0, (height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < height {
            grid.put(line, in: Rect(x: 0, y: top + i, width: width, height: 1), style: CellStyle(i == 1 ? .warn : .normal, i == 1 ? [.bold] : []), align: .center)
        }
    }

    /// Two columns of three: one line per pane with its state, digit and figures.
    static func renderSummary(into grid: inout CellGrid, area: Rect, panes: [PaneID: PaneModel], focus: PaneID) {
        let columns = area.splitColumns([50, 50])
        for (i, id) in PaneID.allCases.enumerated() {
            let column = columns[i / 3]
            let y = area.y + i % 3
            let model = panes[id]
            let state = model?.state ?? .unknown
            let marker = id == focus ? "▶" : " "
            var spans = [Span(marker, CellStyle(.accent, [.bold])), Span("\(id.digit) ", CellStyle(.footerKey, [.bold])),
                         Span(state.symbol + " ", CellStyle(state.styleRole, [.bold])),
                         Span(DisplayWidth.pad(id.title, to: 11), CellStyle(id == focus ? .titleFocused : .title, id == focus ? [.bold] : []))]
            spans.append(contentsOf: (model?.summary ?? StyledLine("starting…", CellStyle(.muted))).spans)
            grid.put(StyledLine(spans), x: column.x + 1, y: y, limit: column.maxX - 1)
        }
    }
}
