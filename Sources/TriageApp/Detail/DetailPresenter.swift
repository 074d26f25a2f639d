import Foundation
import TriageCore
import TriageUI

/// Opens the detail view of the selected row and draws it over the panes each frame, from the
/// newest snapshot, so what it shows stays live while it is open.
struct DetailPresenter {
    private let processes = HostProcessSampler()
    /// The previous-run logs (`p`) or `kubectl describe` output (`i`) being shown, fetched in the background.
    private var fetched: FetchedOutput?

    /// `Enter`/`d`: the selected row's entity, or a note when the pane has none.
    func open(_ ui: inout UIState, snapshot: DashboardSnapshot?, now: Date, picture: OutageEntities? = nil) {
        guard let snapshot, let target = SelectedEntity.target(snapshot, ui: ui, now: now, picture: picture) else {
            ui.flash = StyledLine(ui.focus == .logs || ui.focus == .incident ? "no details here" : "nothing selected", CellStyle(.muted))
            return
        }
        ui.detail = target
        ui.detailScroll = 0
    }

    /// `p`: fetches the previous run's logs of the open view's entity, else the selected row's, and shows them.
    mutating func openPrevious(_ ui: inout UIState, snapshot: DashboardSnapshot?, now: Date, picture: OutageEntities? = nil,
                               dockerHostArgument: (String) -> String?) {
        let target = snapshot.flatMap { ui.detail ?? SelectedEntity.target($0, ui: ui, now: now, picture: picture) }
        guard let snapshot, let target,
              let (command, title) = FetchedOutput.previousLogsCommand(for: target, snapshot: snapshot, dockerHostArgument: dockerHostArgument) else {
            ui.flash = StyledLine(target?.actionKind == .node ? SelectionLogs.noNodeLogs : "select a container or pod first", CellStyle(.muted))
            return
        }
        show(FetchedOutput(title: title, previousLogs: command), as: .previousLogs, scroll: Int.max / 2, ui: &ui)
    }

    /// `i` in a pod's or node's view: `kubectl describe` of it, in full, scrolled from the top.
    mutating func openDescribe(_ ui: inout UIState, snapshot: DashboardSnapshot?) {
        guard let snapshot, let entity = ui.detail, let target = ActionTargets.described(entity, snapshot: snapshot),
              let argv = SelectionAction.describeArgv(target) else {
            ui.flash = StyledLine("describe works on a pod or node view", CellStyle(.muted))
            return
        }
        show(FetchedOutput(title: "kubectl describe " + target.displayName, argv: argv, emptyNote: "kubectl printed nothing"),
             as: .describe, scroll: 0, ui: &ui)
    }

    /// `n` on a pod (its row or its view): the view of the node it runs on.
    func openNode(_ ui: inout UIState, snapshot: DashboardSnapshot?, now: Date, picture: OutageEntities? = nil) {
        guard let snapshot, let entity = ui.detail ?? SelectedEntity.target(snapshot, ui: ui, now: now, picture: picture),
              let node = ActionTargets.nodeView(of: entity, snapshot: snapshot) else {
            ui.flash = StyledLine("select a pod that is scheduled on a node first", CellStyle(.muted))
            return
        }
        ui.detail = node
        ui.detailScroll = 0
    }

    private mutating func show(_ output: FetchedOutput, as target: DetailTarget, scroll: Int, ui: inout UIState) {
        fetched?.cancel()
        output.start()
        fetched = output
        ui.detail = target
        ui.detailScroll = scroll
    }

    /// Draws the open view over the panes (under any modal), clamping its scroll to what there is.
    /// `incidentStart`: when the open incident was detected, the window of a check's availability.
    func draw(into grid: inout CellGrid, ui: inout UIState, snapshot: DashboardSnapshot, sources: DashboardSources, now: Date,
              incidentStart: Date? = nil) {
        guard let target = ui.detail, grid.width >= DashboardLayout.minimumWidth, grid.height >= DashboardLayout.minimumHeight else { return }
        if target == .host { processes.refresh(now: now) }
        let area = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2)
        var view: DetailView
        if target == .previousLogs || target == .describe {
            view = DetailView(title: TerminalText.clean(fetched?.title ?? "Previous run"), lines: fetched?.view ?? [],
                              hint: target == .previousLogs ? "newest at the bottom" : "↑↓ PgUp PgDn scroll")
        } else {
            view = DetailViewBuilder.build(target, snapshot: snapshot, sources: sources,
                                           processes: target == .host ? processes.rows : [], scroll: ui.detailScroll, now: now,
                                           incidentStart: incidentStart)
        }
        ui.detailScroll = min(ui.detailScroll, DetailView.maxScroll(lineCount: view.lines.count, areaHeight: area.height))
        view.scroll = ui.detailScroll
        view.render(into: &grid, area: area)
        if let modal = ui.modal { modal.render(into: &grid, area: area) }
    }
}
