import Foundation
import TriageCore
import TriageUI

/// `l` on a container or pod (in its pane or its detail view): follow its logs in the Logs pane,
/// focused and zoomed, and show them if they were hidden.
enum SelectionLogs {
    /// The log source for a container or pod target, and the label its lines carry (the full
    /// container or pod name, so two pods of one deployment are told apart).
    static func source(for target: DetailTarget, snapshot: DashboardSnapshot,
                       dockerHostArgument: (String) -> String?) -> (kind: LogSource.Kind, name: String)? {
        switch target {
        case .container(let id):
            guard let container = snapshot.docker.flatMap(\.containers).first(where: { $0.id == id }) else { return nil }
            return (.docker(container: container.name, host: dockerHostArgument(container.host)), container.name)
        case .pod(let id):
            guard let pod = snapshot.kubernetes.flatMap(\.pods).first(where: { $0.id == id }) else { return nil }
            return (.kubectl(target: pod.name, selector: nil, namespace: pod.namespace,
                             context: pod.context == "current" ? nil : pod.context, container: nil), pod.name)
        case .service, .alert, .host, .node, .previousLogs, .describe:
            return nil
        }
    }

    /// What `l` (and `p`) say on a node: it is not a log source; its view and `kubectl describe` are.
    static let noNodeLogs = "a node has no logs: Enter shows its pods, conditions and events; i in its view runs kubectl describe node"

    /// Follows (or reveals) the logs of the open detail view's entity, else the selected row's,
    /// starting `window` back; a source already followed keeps the history it started with.
    static func follow(_ ui: inout UIState, logs: inout LogPaneModel, snapshot: DashboardSnapshot?, now: Date,
                       picture: OutageEntities? = nil, dockerHostArgument: (String) -> String?, window: LogWindow = .recentLines,
                       starting: inout Set<LogSource.Kind>, start: ((LogSource.Kind, String, LogWindow) -> Void)?) {
        let target = snapshot.flatMap { ui.detail ?? SelectedEntity.target($0, ui: ui, now: now, picture: picture) }
        guard let snapshot, let target, let (kind, name) = source(for: target, snapshot: snapshot, dockerHostArgument: dockerHostArgument) else {
            ui.flash = StyledLine(target?.actionKind == .node ? noNodeLogs : "select a container or pod first", CellStyle(.muted))
            return
        }
        var note = ""
        if let followed = logs.sources.first(where: { $0.source.kind == kind }) {
            logs.setSource(followed.source.id, visible: true)
            if window != .recentLines { note = " (already followed: it keeps the lines it started with)" }
        } else if !starting.contains(kind) {
            starting.insert(kind)
            start?(kind, name, window)
            if window != .recentLines { note = " since \(window.label())" }
        }
        logs.resume()
        ui.detail = nil
        ui.focus = .logs
        ui.zoomed = true
        ui.flash = StyledLine("following \(TerminalText.clean(name))" + note, CellStyle(.accent))
    }
}
