/// The last frame a dashboard drew and what each pane in it was drawn from, so the next frame is
/// drawn into it and redraws only the panes whose model changed.
///
/// With the host pane on screen every second brings a new host sample, so every second was a data
/// frame that laid out, wrapped and drew all six panes again for one changed pane
/// (docs/PERFORMANCE.md (k)). A pane's cells depend only on its model, its area and whether it has
/// the focus (``DashboardRenderer`` draws it from nothing else), so when those three are the last
/// frame's the last frame's cells are the pane's. Drawing into the last frame (rather than a new
/// grid the unchanged panes are copied into) costs no allocation and no copy, and leaves the grid
/// knowing which columns were written, so the terminal layer compares only those (``FrameDiff``).
/// One per dashboard, on the thread that draws.
public final class PaneRegions {
    private struct Drawn {
        /// The model, when it can be found the same (``PaneModel/isCompared``).
        var model: PaneModel?
        /// The model's outline, when its body has a table.
        var outline: PaneModel.Outline?
        var area: Rect
        var focused: Bool
        var scrollMarker: String?
        /// What each table block drew (``PaneModel/renderBody(into:area:tables:onlyTables:)``).
        var tables: [Table.DrawnRows?]
    }

    private var drawn: [PaneID: Drawn] = [:]
    /// The last frame as the renderer sealed it (before any modal or overlay), with its layout.
    private var kept: CellGrid?
    private var keptLayout: DashboardLayout?
    /// The panes' needs the layout measured, kept with the same rule: while the model is the same.
    public let needs = PaneNeedCache()
    /// Panes drawn from their model since this was made (not left as they were): `FrameCostTests` counts them.
    public private(set) var panesDrawn = 0
    /// Panes left as the last frame drew them.
    public private(set) var panesReused = 0
    /// Panes left as the last frame drew them but for their tables' rows that changed.
    public private(set) var panesRowsRedrawn = 0

    public init() {}

    /// The grid to draw the next frame into: the last frame, when it has this size and layout,
    /// begun as a frame drawn over it; otherwise nil (draw into a new grid, every pane).
    func frame(width: Int, height: Int, layout: DashboardLayout) -> CellGrid? {
        // Taken out, so the renderer's writes do not copy the cells this keeps.
        guard var grid = kept.take(), grid.width == width, grid.height == height, grid.sealedFrame != nil,
              keptLayout == layout else { return nil }
        grid.beginFrame()
        return grid
    }

    /// True when `id` was last drawn from the same model, area and focus into the frame `grid` is
    /// drawn over, so its cells there are already right.
    func isShown(_ id: PaneID, model: PaneModel, area: Rect, focused: Bool, in grid: CellGrid) -> Bool {
        guard !grid.everythingWritten, let last = drawn[id], last.area == area, last.focused == focused,
              let lastModel = last.model, lastModel.drawsTheSame(as: model) else { return false }
        panesReused += 1
        return true
    }

    /// When everything in `id` but its tables' rows is as the frame `grid` is drawn over shows it
    /// (the same outline, area, focus and scroll marker), draws only the rows that changed and
    /// returns true. A table of rows made on demand (the Services, Containers and Pods panes with
    /// data) is never found the same whole, but in a clock frame few of its rows changed.
    func redrewRows(_ id: PaneID, model: PaneModel, area: Rect, focused: Bool, scrollMarker: String?, in grid: inout CellGrid) -> Bool {
        guard !grid.everythingWritten, let last = drawn[id], let lastOutline = last.outline, last.area == area,
              last.focused == focused, last.scrollMarker == scrollMarker, let outline = model.outline,
              outline.isSame(as: lastOutline) else { return false }
        // Taken out, so the tables' records are changed in place rather than copied.
        var tables = drawn.removeValue(forKey: id)?.tables ?? []
        model.renderBody(into: &grid, area: Pane.content(of: area), tables: &tables, onlyTables: true)
        drawn[id] = Drawn(model: model.isCompared ? model : nil, outline: outline, area: area, focused: focused,
                          scrollMarker: scrollMarker, tables: tables)
        panesRowsRedrawn += 1
        return true
    }

    /// Records what `id` was just drawn from, with what its tables drew. A model that can never be
    /// found the same is not kept (comparing it next frame would be work for nothing), nor is a
    /// table's maker of rows: it holds the picture, which a later frame patches in place when no
    /// one else holds it (``OutageEntities``).
    func drew(_ id: PaneID, model: PaneModel, area: Rect, focused: Bool, scrollMarker: String?, tables: [Table.DrawnRows?]) {
        let compared = model.isCompared ? model : nil
        let outline = model.outline
        drawn[id] = compared == nil && outline == nil ? nil
            : Drawn(model: compared, outline: outline, area: area, focused: focused, scrollMarker: scrollMarker, tables: tables)
        panesDrawn += 1
    }

    /// Keeps the sealed frame (and the layout it was drawn with) for the next one to be drawn into.
    func keep(_ grid: CellGrid, layout: DashboardLayout) {
        kept = grid
        keptLayout = layout
    }

    /// No frame to draw into: the next one is drawn whole.
    func forgetFrame() {
        kept = nil
        keptLayout = nil
        drawn.removeAll()
    }
}
