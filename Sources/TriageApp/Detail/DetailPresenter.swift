import Foundation
import TriageCore
import TriageUI

/// Opens the detail view of the selected row and draws it over the panes each frame, from the
/// newest snapshot, so what it shows stays live while it is open.
struct DetailPresenter {
    private let processes = HostProcessSampler()
    /// The previous-run logs being shown (`p`), fetched in the background.
    private var previous: PreviousLogs?

    /// `Enter`/`d`: the selected row's entity, or a note when the pane has none.
    func open(_ ui: inout UIState, snapshot: DashboardSnapshot?, now: Date) {
        guard let snapshot, let target = SelectedEntity.target(snapshot, ui: ui, now: now) else {
            ui.flash = StyledLine(ui.focus == .logs || ui.focus == .incident ? "no details here" : "nothing selected", CellStyle(.muted))
            return
        }
        ui.detail = target
        ui.detailScroll = 0
    }

    /// `p`: fetches the previous run's logs of the open view's entity, else the selected row's, and shows them.
    mutating func openPrevious(_ ui: inout UIState, snapshot: DashboardSnapshot?, now: Date, dockerHostArgument: (String) -> String?) {
        guard let snapshot, let target = ui.detail ?? SelectedEntity.target(snapshot, ui: ui, now: now),
              let (command, title) = PreviousLogs.command(for: target, snapshot: snapshot, dockerHostArgument: dockerHostArgument) else {
            ui.flash = StyledLine("select a container or pod first", CellStyle(.muted))
            return
        }
        previous?.cancel()
        let logs = PreviousLogs(title: title, command: command)
        logs.start()
        previous = logs
        ui.detail = .previousLogs
        ui.detailScroll = Int.max / 2
    }

    /// Draws the open view over the panes (under any modal), clamping its scroll to what there is.
    /// `incidentStart`: when the open incident was detected, the window of a check's availability.
    func draw(into grid: inout CellGrid, ui: inout UIState, snapshot: DashboardSnapshot, sources: DashboardSources, now: Date,
              incidentStart: Date? = nil) {
        guard let target = ui.detail, grid.width >= DashboardLayout.minimumWidth, grid.height >= DashboardLayout.minimumHeight else { return }
        if target == .host { processes.refresh(now: now) }
        let area = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2)
        var view: DetailView
        if target == .previousLogs {
            view = DetailView(title: TerminalText.clean(previous?.title ?? "Previous run"), lines: previous?.view ?? [], hint: "newest at the bottom")
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
