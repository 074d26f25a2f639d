/// The cells each pane was last drawn as, with what it was drawn from, so a frame redraws only the
/// panes whose model changed and pastes the others back.
///
/// With the host pane on screen every second brings a new host sample, so every second was a data
/// frame that laid out, wrapped and drew all six panes again for one changed pane
/// (docs/PERFORMANCE.md (k)). A pane's cells depend only on its model, its area and whether it has
/// the focus (``DashboardRenderer`` draws it from nothing else), so when those three are the last
/// frame's the last frame's cells are the pane's. One per dashboard, on the thread that draws.
public final class PaneRegions {
    private struct Drawn {
        var model: PaneModel
        var area: Rect
        var focused: Bool
        var cells: [Cell]
    }

    private var drawn: [PaneID: Drawn] = [:]
    /// The panes' needs the layout measured, kept with the same rule: while the model is the same.
    public let needs = PaneNeedCache()
    /// Panes drawn from their model since this was made (not pasted back): `FrameCostTests` counts them.
    public private(set) var panesDrawn = 0
    /// Panes pasted back from the last frame's cells.
    public private(set) var panesReused = 0

    public init() {}

    /// Pastes `id`'s last cells into `grid` when it was last drawn from the same model, area and
    /// focus; false when it must be drawn.
    func reuse(_ id: PaneID, model: PaneModel, area: Rect, focused: Bool, into grid: inout CellGrid) -> Bool {
        guard let last = drawn[id], last.area == area, last.focused == focused, last.model.drawsTheSame(as: model) else { return false }
        grid.paste(last.cells, into: area)
        panesReused += 1
        return true
    }

    /// Keeps the cells `id` was just drawn as in `grid`.
    /// A model that can never be pasted back (a table of rows made on demand: the Services,
    /// Containers and Pods panes with data) keeps nothing: copying its cells every frame was work
    /// on the render path for nothing.
    func keep(_ id: PaneID, model: PaneModel, area: Rect, focused: Bool, from grid: CellGrid) {
        drawn[id] = model.isCompared ? Drawn(model: model, area: area, focused: focused, cells: grid.cells(in: area)) : nil
        panesDrawn += 1
    }
}
