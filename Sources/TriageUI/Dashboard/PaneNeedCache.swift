/// Each pane's ``PaneNeed`` at the widths the layout asked for, kept while the pane's model stays
/// the same, so a frame measures only the panes whose model changed.
///
/// The wide layout asks for a pane's need up to three times a frame (the band's height, the left
/// column, the stack), and a need wraps every message block to count its rows: with no config
/// each of three panes wraps a first-run hint, 5.5 % of an idle dashboard's CPU for panes that
/// had not changed (docs/PERFORMANCE.md (k)). A need depends only on the model and the width, so
/// the last answer holds while both do. One per dashboard (``PaneRegions/needs``), on the thread that draws.
public final class PaneNeedCache {
    private struct Question: Hashable {
        var innerWidth: Int
        var failingFirst: Bool
    }

    private var answers: [PaneID: (model: PaneModel, needs: [Question: PaneNeed])] = [:]
    /// Needs measured from a model since this was made, per pane (not answered from the cache).
    public private(set) var measured: [PaneID: Int] = [:]

    public init() {}

    /// `model`'s need at `innerWidth`, measured only when `id`'s model or this width is new.
    func need(_ id: PaneID, _ model: PaneModel, innerWidth: Int, failingFirst: Bool) -> PaneNeed {
        let question = Question(innerWidth: innerWidth, failingFirst: failingFirst)
        if let last = answers[id], last.model.drawsTheSame(as: model) {
            if let need = last.needs[question] { return need }
        } else {
            answers[id] = (model, [:])
        }
        let need = model.need(innerWidth: innerWidth, failingFirst: failingFirst)
        answers[id]?.needs[question] = need
        measured[id, default: 0] += 1
        return need
    }
}
