import Foundation
import TriageCore
import TriageUI

/// The entity under a pane's cursor, in the order that pane shows its rows.
///
/// The order is the pane builders' own (``PaneRowOrder``, the picture's order); SelectedEntityTests
/// checks each against the row the built pane highlights, so the two cannot drift.
enum SelectedEntity {
    /// `picture`: the one the frame on screen was built from (``TerminalApp/selectionPicture``), so a
    /// key does not build the whole picture again; nil builds one from `snapshot`.
    static func target(_ snapshot: DashboardSnapshot, ui: UIState, now: Date, picture: OutageEntities? = nil) -> DetailTarget? {
        let index = ui.selection[ui.focus] ?? 0
        switch ui.focus {
        case .services:
            return pick(services(snapshot, ui: ui, now: now, picture: picture), index).map { row in
                switch row {
                case .check(let track): .service(track.name)
                case .alert(let entity): .alert(entity.key)
                }
            }
        case .containers: return pick(containers(snapshot, ui: ui, now: now, picture: picture), index).map { .container($0.id) }
        case .pods:
            // The pods, then the nodes (``PaneRowOrder/nodes(_:ui:)``): one cursor over both.
            let pods = pods(snapshot, ui: ui, now: now, picture: picture)
            let nodes = PaneRowOrder.nodes(snapshot.kubernetes, ui: ui)
            if index >= pods.count, !nodes.isEmpty { return .node(nodes[min(index - pods.count, nodes.count - 1)].id) }
            return pick(pods, index).map { .pod($0.id) }
        case .host: return .host
        case .logs, .incident: return nil
        }
    }

    static func services(_ snapshot: DashboardSnapshot, ui: UIState, now: Date = Date(), picture: OutageEntities? = nil) -> [ServiceRow] {
        PaneRowOrder.services(snapshot, picture: picture ?? OutageEntities(snapshot, now: now), ui: ui)
    }

    static func containers(_ snapshot: DashboardSnapshot, ui: UIState, now: Date = Date(), picture: OutageEntities? = nil) -> [ContainerInfo] {
        PaneRowOrder.containers(snapshot.docker, picture: picture ?? OutageEntities(snapshot, now: now), ui: ui, now: now)
    }

    static func pods(_ snapshot: DashboardSnapshot, ui: UIState, now: Date, picture: OutageEntities? = nil) -> [PodInfo] {
        PaneRowOrder.pods(snapshot.kubernetes, picture: picture ?? OutageEntities(snapshot, now: now), ui: ui, now: now)
    }

    private static func pick<T>(_ rows: [T], _ index: Int) -> T? {
        rows.isEmpty ? nil : rows[min(max(0, index), rows.count - 1)]
    }
}
